// What an OpenAI-compatible endpoint sent after the response headers, read as untrusted input: the body
// within model.timeout of silence, checked to be a chat completion (or a chunk of one) before anything
// reads a field of it. Whatever goes wrong here is a ReplyFault — a clear message, and whether asking
// again may help — never a TypeError from a missing field.

import { isRecord } from '../source/is-record.ts';
import { visibleText } from '../source/visible-text.ts';

/**
 * The reply broke off, stalled, or is not what the API promises. `what` happened and its `detail`
 * (what the server sent, the network's reason); `transient`: asking again may help.
 */
export class ReplyFault extends Error {
  readonly what: string;
  readonly detail: string | undefined;
  readonly transient: boolean;
  constructor(what: string, detail: string | undefined, transient: boolean) {
    super(detail === undefined ? what : `${what}: ${detail}`);
    this.name = 'ReplyFault';
    this.what = what;
    this.detail = detail;
    this.transient = transient;
  }

  /** The message once `attempts` were made. */
  after(attempts: number): string {
    const what = attempts > 1 ? `${this.what} after ${attempts} attempts` : this.what;
    return this.detail === undefined ? what : `${what}: ${this.detail}`;
  }
}

/** The parts of a chat completion planexec reads, checked. */
export interface CheckedCompletion {
  readonly text: string | undefined;
  readonly finishReason?: string;
  readonly refusal?: string;
  readonly hasChoice: boolean;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number };
}

/** The parts of a streamed chunk planexec reads, checked. */
export interface CheckedChunk {
  readonly delta?: string;
  readonly finishReason?: string;
  readonly usage?: { readonly promptTokens: number; readonly completionTokens: number };
}

/**
 * Times the server's silence: armed only while the client waits for the server (`waiting`), reset by
 * every piece of the body that arrives (`heard`), paused while the client is busy with what it got
 * (`busy`). When it runs out, the decision waits for one more turn of the event loop: if the loop was
 * blocked (the client busy elsewhere), what the server sent meanwhile is read first, and counts.
 */
export interface SilenceTimer {
  waiting(): void;
  heard(): void;
  busy(): void;
  stop(): void;
  readonly expired: boolean;
}

export function silenceTimer(ms: number, onExpiry: () => void): SilenceTimer {
  let timer: NodeJS.Timeout | undefined;
  let check: NodeJS.Immediate | undefined;
  let armed = false;
  let expired = false;
  const disarm = () => {
    clearTimeout(timer);
    if (check) clearImmediate(check);
    check = undefined;
  };
  const arm = () => {
    disarm();
    timer = setTimeout(() => {
      check = setImmediate(() => {
        check = undefined;
        if (!armed) return;
        expired = true;
        onExpiry();
      });
    }, ms);
  };
  return {
    waiting() {
      armed = true;
      arm();
    },
    heard() {
      if (armed && !expired) arm();
    },
    busy() {
      armed = false;
      disarm();
    },
    stop() {
      armed = false;
      disarm();
    },
    get expired() {
      return expired;
    },
  };
}

/** The first bytes of a body, kept for error messages while the body passes through. */
export class BodyHead {
  #text = '';
  #decoder = new TextDecoder();
  add(chunk: Uint8Array): void {
    if (this.#text.length < HEAD_CHARS) this.#text += this.#decoder.decode(chunk.subarray(0, HEAD_CHARS), { stream: true });
  }
  get text(): string {
    return this.#text;
  }
}

const HEAD_CHARS = 200;

/** The whole body as text; each wait for more is bounded by `timeoutMs`. Throws ReplyFault (or the abort reason). */
export async function readBodyText(response: Response, timeoutMs: number, words: ReplyWords, signal?: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const timer = silenceTimer(timeoutMs, () => void reader.cancel().catch(() => undefined));
  const decoder = new TextDecoder();
  let text = '';
  try {
    timer.waiting();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      timer.heard();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    if (!timer.expired) throw new ReplyFault(words.cut, causeOf(error), true);
  } finally {
    timer.stop();
  }
  if (timer.expired) throw new ReplyFault(words.silent, undefined, true);
  return text + decoder.decode();
}

/** How the faults of one reply are worded: each names the endpoint and what was being read. */
export interface ReplyWords {
  readonly cut: string;
  readonly silent: string;
  readonly notJson: string;
  readonly notCompletion: string;
}

/** A body that claims to be a chat completion, checked field by field. */
export function checkCompletion(text: string, contentType: string, words: ReplyWords): CheckedCompletion {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ReplyFault(words.notJson, `${snippet(text)} (content-type ${contentType || 'not given'})`, true);
  }
  const notCompletion = (why: string) => new ReplyFault(words.notCompletion, `${why}: ${snippet(text)}`, false);
  if (!isRecord(body)) throw notCompletion(`a JSON ${kindOf(body)}, not an object`);
  const choices = body['choices'];
  if (!Array.isArray(choices)) throw notCompletion('no "choices" list');
  const usage = checkUsage(body['usage']);
  const choice: unknown = choices[0];
  if (choice === undefined) return { text: undefined, hasChoice: false, usage };
  if (!isRecord(choice) || !isRecord(choice['message'])) throw notCompletion('its first choice has no "message"');
  const message = choice['message'];
  const content = message['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') throw notCompletion('"message.content" is not text');
  const finishReason = typeof choice['finish_reason'] === 'string' ? choice['finish_reason'] : undefined;
  const refusal = typeof message['refusal'] === 'string' && message['refusal'] !== '' ? message['refusal'] : undefined;
  return { text: typeof content === 'string' ? content : undefined, hasChoice: true, usage, ...(finishReason ? { finishReason } : {}), ...(refusal ? { refusal } : {}) };
}

/** One parsed server-sent event that claims to be a chunk of a chat completion, or why it is not one. */
export function checkChunk(chunk: unknown): CheckedChunk | { readonly why: string } {
  if (!isRecord(chunk)) return { why: `a JSON ${kindOf(chunk)}, not an object` };
  const choices = chunk['choices'];
  if (choices !== undefined && choices !== null && !Array.isArray(choices)) return { why: '"choices" is not a list' };
  const usage = chunk['usage'] === undefined || chunk['usage'] === null ? undefined : checkUsage(chunk['usage']);
  const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
  if (choice === undefined) return usage ? { usage } : {};
  if (!isRecord(choice)) return { why: 'its first choice is not an object' };
  const delta = choice['delta'];
  if (delta !== undefined && delta !== null && !isRecord(delta)) return { why: '"delta" is not an object' };
  const content = isRecord(delta) ? delta['content'] : undefined;
  if (content !== undefined && content !== null && typeof content !== 'string') return { why: '"delta.content" is not text' };
  const finishReason = typeof choice['finish_reason'] === 'string' ? choice['finish_reason'] : undefined;
  return { ...(typeof content === 'string' ? { delta: content } : {}), ...(finishReason ? { finishReason } : {}), ...(usage ? { usage } : {}) };
}

function checkUsage(usage: unknown): CheckedCompletion['usage'] {
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);
  return isRecord(usage) ? { promptTokens: count(usage['prompt_tokens']), completionTokens: count(usage['completion_tokens']) } : { promptTokens: 0, completionTokens: 0 };
}

/** The start of what the server sent, on one line, control characters escaped. */
export function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return '(empty)';
  return visibleText(line.length > 100 ? `${line.slice(0, 100)}…` : line);
}

/** The innermost cause is the useful one: "terminated" hides "other side closed". */
export function causeOf(error: unknown): string {
  let current: unknown = error;
  const messages: string[] = [];
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current.message && !messages.includes(current.message)) messages.push(current.message);
    current = current.cause;
  }
  if (messages.length === 0) return String(error);
  return visibleText(messages.length === 1 ? messages[0]! : `${messages[0]} (${messages.at(-1)})`);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
}
