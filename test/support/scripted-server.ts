// A scripted OpenAI-compatible endpoint for tests: real HTTP on 127.0.0.1, answers chosen by
// ordered rules, every request recorded so a test can assert on what the SDK actually sent.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** 1-based arrival order. */
  readonly index: number;
  readonly method: string;
  readonly path: string;
  /** The query string's parameters (Azure's `api-version`). */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when the body was not JSON. */
  readonly body: Record<string, unknown> | undefined;
  /** Every message's text, joined by newlines: what `match` is applied to. */
  readonly text: string;
  readonly lastUserMessage: string | undefined;
  readonly lastSystemMessage: string | undefined;
  /** `response_format.type` of the request, if any ('json_schema', 'json_object', 'text'). */
  readonly responseFormat: string | undefined;
  /** HTTP status the server answered with (set once answered; 0 if the client left first). */
  status: number;
  /** Pieces of a streamed reply written so far (one event each); fewer than its pieces when the client left first. */
  piecesSent: number;
}

export type Match = string | RegExp | ((call: RecordedCall) => boolean);

export type Reply =
  | { readonly content: string }
  | { readonly json: unknown }
  /**
   * Content written in pieces: a `stream: true` request gets one server-sent event per piece, the
   * next after `chunkDelayMs`; any other request gets the whole text once every piece would have been sent.
   * `beforePiece(i)`, if given, is awaited before piece i (from 1) too: a test holds a piece back until
   * what it is about has happened, rather than hoping a delay was long enough.
   * `cutAfter`: the connection drops after the response headers and that many pieces (0: right after the
   * headers), as when a proxy or the server dies: a `stream: true` request gets that many events, any
   * other the JSON body cut at the same share of its length.
   */
  | { readonly chunks: readonly string[]; readonly chunkDelayMs?: number; readonly beforePiece?: PieceGate; readonly cutAfter?: number }
  | { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  /**
   * A 200 whose body is exactly `raw`, whatever was asked (a proxy's HTML page, a truncated or garbage
   * body, broken server-sent events), with this content type (default application/json).
   */
  | { readonly raw: string; readonly contentType?: string; readonly headers?: Readonly<Record<string, string>> };

/** Resolves when piece `index` may be sent. */
export type PieceGate = (index: number) => Promise<void> | void;

export type Rule = Reply & {
  readonly match?: Match;
  /** How many requests this rule may answer; unlimited when absent. */
  readonly times?: number;
  /** Wait this long before answering; the wait ends early if the client disconnects. */
  readonly delayMs?: number;
};

export interface ScriptedServerOptions {
  /** Answer 400 to `response_format: {type: 'json_schema'}`, as llama.cpp and older vLLM do. */
  readonly rejectJsonSchema?: boolean;
  /** Answer 400 to `response_format: {type: 'json_object'}`. */
  readonly rejectJsonMode?: boolean;
  /** Answer `stream: true` requests with one JSON completion, as servers that cannot stream do. */
  readonly ignoreStream?: boolean;
}

export interface ScriptedServer {
  /** Base URL including `/v1`, for the SDK's `baseURL`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`: an Azure resource endpoint, or an OLLAMA_HOST. */
  readonly origin: string;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

/** What the server decided to send; written as JSON or, for `stream: true`, as server-sent events. */
type Answer =
  | { readonly kind: 'completion'; readonly content: string; readonly chunks?: readonly string[]; readonly chunkDelayMs?: number; readonly beforePiece?: PieceGate; readonly cutAfter?: number }
  | { readonly kind: 'error'; readonly status: number; readonly body: unknown; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'raw'; readonly body: string; readonly contentType: string; readonly headers: Readonly<Record<string, string>> };

const MODEL_FALLBACK = 'scripted-model';

export async function startScriptedServer(rules: readonly Rule[], options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const calls: RecordedCall[] = [];
  const used = new Map<Rule, number>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`scripted server crashed: ${String(error)}`, 'server_error'), {});
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const call = recordCall(calls.length + 1, req, raw);
    calls.push(call);

    if (req.method !== 'POST' || !chatCompletionsPath.test(call.path)) {
      return answer(res, call, errorAnswer(404, errorBody(`scripted server: no route ${req.method ?? '?'} ${call.path}`, 'invalid_request_error'), noRetry), 0);
    }
    if (call.body === undefined) {
      return answer(res, call, errorAnswer(400, errorBody('scripted server: request body is not JSON', 'invalid_request_error'), noRetry), 0);
    }
    const refusal = refuseResponseFormat(call, options);
    if (refusal) return answer(res, call, refusal, 0);

    const rule = rules.find((r) => (r.times === undefined || (used.get(r) ?? 0) < r.times) && matches(r.match, call));
    if (!rule) {
      const asked = (call.lastUserMessage ?? call.text).slice(0, 200);
      // Not retried, so a test sees one recorded call per unmatched request.
      return answer(res, call, errorAnswer(500, errorBody(`scripted server: no rule matched request #${call.index}: ${asked}`, 'server_error'), noRetry), 0);
    }
    used.set(rule, (used.get(rule) ?? 0) + 1);
    return answer(res, call, replyToAnswer(rule), rule.delayMs ?? 0, options);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    origin: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of the SDK's fetch would hold close() open; pending delays end with them.
        server.closeAllConnections();
      }),
  };
}

/** Chat completions as OpenAI-compatible servers route them, and as Azure OpenAI does (per deployment). */
const chatCompletionsPath = /^(?:\/v1|\/openai\/deployments\/[^/]+)\/chat\/completions$/;

const noRetry = { 'x-should-retry': 'false' };
/** On replies that break off or are garbage: keeps the client's retries of them fast, as retry-after-ms: 1 does for errors. */
const faultRetryAfter = { 'retry-after-ms': '1' };

async function answer(res: ServerResponse, call: RecordedCall, decided: Answer, delayMs: number, options: ScriptedServerOptions = {}): Promise<void> {
  if (delayMs > 0 && !(await waitUnlessClosed(res, delayMs))) return;
  if (res.destroyed) return;
  call.status = decided.kind === 'error' ? decided.status : 200;
  if (decided.kind === 'error') return sendError(res, decided);
  if (decided.kind === 'raw') {
    res.writeHead(200, { 'content-type': decided.contentType, ...faultRetryAfter, ...decided.headers });
    return void res.end(decided.body);
  }
  const pieces = decided.chunks ?? [decided.content];
  const pieceDelayMs = decided.chunkDelayMs ?? 0;
  if (call.body?.['stream'] === true && !options.ignoreStream) return sendCompletionStream(res, call, pieces, pieceDelayMs, decided.beforePiece, decided.cutAfter);
  // A model that writes in pieces takes as long to answer a request that does not stream.
  if (pieces.length > 1 && pieceDelayMs > 0 && !(await waitUnlessClosed(res, pieceDelayMs * (pieces.length - 1)))) return;
  for (let i = 1; i < pieces.length && decided.beforePiece; i++) await decided.beforePiece(i);
  if (res.destroyed) return;
  if (decided.cutAfter !== undefined) return sendCutJson(res, completionBody(call, decided.content), decided.cutAfter / pieces.length);
  sendJson(res, 200, completionBody(call, decided.content), {});
}

/** The JSON body announced whole (content-length) but only its first `share` sent before the connection drops. */
function sendCutJson(res: ServerResponse, body: unknown, share: number): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length), ...faultRetryAfter });
  res.write(text.subarray(0, Math.floor(text.length * share)), () => res.socket?.destroy());
}

function replyToAnswer(rule: Rule): Answer {
  if ('content' in rule) return { kind: 'completion', content: rule.content };
  if ('json' in rule) return { kind: 'completion', content: JSON.stringify(rule.json) };
  if ('chunks' in rule) {
    const { chunks, chunkDelayMs, beforePiece, cutAfter } = rule;
    return {
      kind: 'completion',
      content: chunks.join(''),
      chunks,
      ...(chunkDelayMs !== undefined ? { chunkDelayMs } : {}),
      ...(beforePiece !== undefined ? { beforePiece } : {}),
      ...(cutAfter !== undefined ? { cutAfter } : {}),
    };
  }
  if ('raw' in rule) return { kind: 'raw', body: rule.raw, contentType: rule.contentType ?? 'application/json', headers: rule.headers ?? {} };
  const body = rule.body ?? errorBody(`scripted error ${rule.status}`, rule.status >= 500 ? 'server_error' : 'invalid_request_error');
  return errorAnswer(rule.status, body, rule.headers ?? {});
}

function errorAnswer(status: number, body: unknown, headers: Readonly<Record<string, string>>): Answer {
  // retry-after-ms: 1 keeps the SDK's retries fast; a rule's own headers win.
  return { kind: 'error', status, body, headers: { 'retry-after-ms': '1', ...headers } };
}

function errorBody(message: string, type: string, param: string | null = null): unknown {
  return { error: { message, type, param, code: null } };
}

function refuseResponseFormat(call: RecordedCall, options: ScriptedServerOptions): Answer | undefined {
  const refused =
    (options.rejectJsonSchema && call.responseFormat === 'json_schema') || (options.rejectJsonMode && call.responseFormat === 'json_object');
  if (!refused) return undefined;
  return errorAnswer(400, errorBody(`response_format ${call.responseFormat} is not supported`, 'invalid_request_error', 'response_format'), {});
}

function matches(match: Match | undefined, call: RecordedCall): boolean {
  if (match === undefined) return true;
  if (typeof match === 'string') return call.text.includes(match);
  if (match instanceof RegExp) return new RegExp(match.source, match.flags.replace('g', '')).test(call.text);
  return match(call);
}

function recordCall(index: number, req: IncomingMessage, raw: string): RecordedCall {
  const body = parseObject(raw);
  const messages = Array.isArray(body?.['messages']) ? (body['messages'] as unknown[]) : [];
  const texts = messages.map((m) => ({ role: roleOf(m), text: messageText(m) }));
  const last = (role: string) => texts.findLast((t) => t.role === role)?.text;
  const format = body?.['response_format'];
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    index,
    method: req.method ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body,
    text: texts.map((t) => t.text).join('\n'),
    lastUserMessage: last('user'),
    lastSystemMessage: last('system'),
    responseFormat: isRecord(format) && typeof format['type'] === 'string' ? format['type'] : undefined,
    status: 0,
    piecesSent: 0,
  };
}

function roleOf(message: unknown): string {
  return isRecord(message) && typeof message['role'] === 'string' ? message['role'] : '';
}

/** Message content is a string or, in the OpenAI API, an array of parts of which text parts count. */
function messageText(message: unknown): string {
  if (!isRecord(message)) return '';
  const content = message['content'];
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : '')).join('');
}

function completionBody(call: RecordedCall, content: string): Record<string, unknown> {
  return {
    id: `chatcmpl-scripted-${call.index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: modelOf(call),
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: usageOf(call, content),
  };
}

/** Server-sent events: one per piece, `delayMs` apart (and each after its gate); with neither the whole answer is one write. `cutAfter`: drop the connection after that many. */
async function sendCompletionStream(res: ServerResponse, call: RecordedCall, pieces: readonly string[], delayMs: number, beforePiece?: PieceGate, cutAfter?: number): Promise<void> {
  const base = { id: `chatcmpl-scripted-${call.index}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: modelOf(call) };
  const options = call.body?.['stream_options'];
  const content = pieces.join('');
  const event = (chunk: unknown) => `data: ${JSON.stringify(chunk)}\n\n`;
  const head = pieces.map((piece, i) => event({ ...base, choices: [{ index: 0, delta: { ...(i === 0 ? { role: 'assistant' } : {}), content: piece }, logprobs: null, finish_reason: null }] }));
  const tail = [event({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] })];
  if (isRecord(options) && options['include_usage'] === true) tail.push(event({ ...base, choices: [], usage: usageOf(call, content) }));
  tail.push('data: [DONE]\n\n');
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...(cutAfter !== undefined ? faultRetryAfter : {}) });
  if (cutAfter !== undefined) {
    res.flushHeaders();
    for (const [i, piece] of head.slice(0, cutAfter).entries()) {
      if (i > 0 && delayMs > 0 && !(await waitUnlessClosed(res, delayMs))) return;
      res.write(piece);
      call.piecesSent++;
    }
    // Written out first, so the client sees the pieces and then the connection go.
    return void res.write('', () => res.socket?.destroy());
  }
  if (delayMs <= 0 && !beforePiece) {
    call.piecesSent = pieces.length;
    return void res.end([...head, ...tail].join(''));
  }
  for (const [i, piece] of head.entries()) {
    if (i > 0 && delayMs > 0 && !(await waitUnlessClosed(res, delayMs))) return;
    if (i > 0 && beforePiece) await beforePiece(i);
    if (res.destroyed) return;
    res.write(piece);
    call.piecesSent++;
  }
  res.end(tail.join(''));
}

/** A plan as pieces the way a model streams it: `{"steps":[` with the first step, then one step per piece, then `]}`. */
export function chunkPlanBySteps(plan: { readonly steps: readonly unknown[] }): string[] {
  const steps = plan.steps.map((step) => JSON.stringify(step));
  if (steps.length === 0) return ['{"steps":[]}'];
  return [`{"steps":[${steps[0]}`, ...steps.slice(1).map((step) => `,${step}`), ']}'];
}

function usageOf(call: RecordedCall, content: string): Record<string, number> {
  const prompt = Math.ceil(call.text.length / 4);
  const completion = Math.ceil(content.length / 4);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function modelOf(call: RecordedCall): string {
  const model = call.body?.['model'];
  return typeof model === 'string' ? model : MODEL_FALLBACK;
}

function sendError(res: ServerResponse, answer: Extract<Answer, { kind: 'error' }>): void {
  if (typeof answer.body === 'string') {
    res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
    res.end(answer.body);
    return;
  }
  sendJson(res, answer.status, answer.body, answer.headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Resolves true after `ms`, or false as soon as the client goes away. */
function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', onClose);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
