// The LlmClient for any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp) via the
// openai SDK: structured output with graceful fallback, replies read as untrusted input (checked, and
// retried within model.maxRetries when they break off, stall or are garbled), and every failure turned
// into a one-line LlmError.

import { AsyncLocalStorage } from 'node:async_hooks';
import OpenAI, { AzureOpenAI, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Stream } from 'openai/streaming';
import { AttemptBudget, pause } from './attempt-budget.ts';
import { resolveEndpoint, withoutUserInfo, type ResolvedEndpoint } from './resolve-endpoint.ts';
import { resumedStream } from './resumed-stream.ts';
import { BodyHead, causeOf, checkChunk, checkCompletion, readBodyText, ReplyFault, silenceTimer, snippet, type CheckedChunk, type CheckedCompletion, type SilenceTimer } from './endpoint-reply.ts';
import { isRecord } from '../source/is-record.ts';
import { visibleText } from '../source/visible-text.ts';
import { ServerEventDecoder, type ServerEvent } from './decode-server-events.ts';
import type { ModelSettings } from './types.ts';
import { LlmError, type CompletionRequest, type CompletionResult, type CompletionStream, type LlmClient } from './types.ts';

/** How a JSON answer is asked for; a server that refuses one is asked the next way. */
type JsonFormat = 'json_schema' | 'json_object' | 'none';
const WEAKER_FORMAT: Record<JsonFormat, JsonFormat> = { json_schema: 'json_object', json_object: 'none', none: 'none' };

interface Endpoint {
  /** Base URL as shown in messages (credentials in the URL removed). */
  readonly shown: string;
  readonly provider: ResolvedEndpoint['provider'];
  readonly apiKeyEnv: string;
  readonly keySet: boolean;
  readonly timeoutMs: number;
  /** Replaces the key wherever a server might echo it back. */
  readonly redact: (text: string) => string;
}

export function createOpenAiClient(settings: ModelSettings, env: NodeJS.ProcessEnv = process.env): LlmClient {
  const resolved = resolveEndpoint(settings, env);
  const apiKey = resolved.keySet ? resolved.apiKey : undefined;
  const endpoint: Endpoint = {
    shown: redactSecrets(resolved.shown, undefined),
    provider: resolved.provider,
    apiKeyEnv: settings.apiKeyEnv,
    keySet: resolved.keySet,
    timeoutMs: settings.timeoutMs,
    redact: (text) => redactSecrets(text, apiKey),
  };

  // Counts the SDK's attempts per request (it retries inside one call), so errors can say how many were
  // made; taps the body of a successful response so the silence timer hears each piece as it arrives.
  const exchanges = new AsyncLocalStorage<Exchange>();
  const countingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const exchange = exchanges.getStore();
    if (exchange) exchange.count += 1;
    const response = await fetch(input, init);
    return exchange?.heard && response.ok && response.body && response.status !== 204 && response.status !== 205 ? tapBody(response, exchange) : response;
  };

  const common = {
    organization: nonEmpty(env['OPENAI_ORG_ID']) ?? null,
    project: nonEmpty(env['OPENAI_PROJECT_ID']) ?? null,
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    fetch: countingFetch,
    // Errors reach the user through LlmError; the SDK's own logging would bypass the run's view.
    logLevel: 'off' as const,
  };
  // Every option given: the SDK would otherwise read process.env itself, bypassing `env`.
  const sdk =
    resolved.provider === 'azure'
      ? new AzureOpenAI({ ...common, apiKey: resolved.apiKey, endpoint: resolved.endpoint, baseURL: null, apiVersion: resolved.apiVersion, deployment: resolved.deployment, adminAPIKey: null })
      : new OpenAI({ ...common, apiKey: resolved.apiKey, baseURL: resolved.baseURL, adminAPIKey: null });

  let jsonFormat: JsonFormat = 'json_schema';
  const words = replyWords(endpoint);

  /**
   * One SDK call (with the SDK's own retries, within the budget) up to the response headers, then the
   * body read and checked here; failures come back as values, with the headers of a reply that came.
   */
  async function send(request: CompletionRequest, format: JsonFormat, budget: AttemptBudget): Promise<SendOutcome> {
    const exchange: Exchange = { count: 0 };
    let response: Response | undefined;
    try {
      const params = toParams(request, format);
      response = await exchanges.run(exchange, () => sdk.chat.completions.create(params, { signal: request.signal ?? null, maxRetries: budget.sdkRetries }).asResponse());
      budget.spend(exchange.count);
      const text = await readBodyText(response, endpoint.timeoutMs, words.whole, request.signal);
      return { ok: true, result: toResult(checkCompletion(text, contentTypeOf(response), words.whole), endpoint) };
    } catch (error) {
      if (!response) budget.spend(exchange.count);
      return { ok: false, error, ...(response ? { headers: response.headers } : {}) };
    }
  }

  async function complete(request: CompletionRequest): Promise<CompletionResult> {
    let format: JsonFormat = request.jsonSchema ? jsonFormat : 'none';
    let budget = new AttemptBudget(settings.maxRetries);
    for (;;) {
      const outcome = await send(request, format, budget);
      if (outcome.ok) return outcome.result;
      if (format !== 'none' && refusesResponseFormat(outcome.error)) {
        format = WEAKER_FORMAT[format];
        // Remember for later calls of this client; never undo what a concurrent call learnt.
        if (rank(format) > rank(jsonFormat)) jsonFormat = format;
        budget = new AttemptBudget(settings.maxRetries);
        continue;
      }
      if (request.signal?.aborted) throw request.signal.reason ?? outcome.error;
      const delay = outcome.error instanceof ReplyFault && outcome.error.transient ? budget.nextDelayMs(outcome.headers) : undefined;
      if (delay === undefined) throw toLlmError(outcome.error, budget.made, endpoint);
      await pause(delay, request.signal);
    }
  }

  /** False once the server refused `stream: true`: later calls of this client ask for whole replies. */
  let streams = true;

  /** One streaming SDK call, up to the response headers; failures come back as values, like `send`. */
  async function open(request: CompletionRequest, format: JsonFormat, budget: AttemptBudget, exchange: Exchange): Promise<OpenOutcome> {
    exchange.count = 0;
    try {
      // include_usage: the last chunk carries the usage, so a streamed call is counted and budgeted too.
      const params = { ...toParams(request, format), stream: true as const, stream_options: { include_usage: true } };
      const { data, response } = await exchanges.run(exchange, () => sdk.chat.completions.create(params, { signal: request.signal ?? null, maxRetries: budget.sdkRetries }).withResponse());
      return { ok: true, stream: data, response };
    } catch (error) {
      return { ok: false, error };
    } finally {
      budget.spend(exchange.count);
    }
  }

  /**
   * One streamed attempt: yields the text as it arrives and returns the whole of it with its usage.
   * Faults after the headers are ReplyFaults; `onHeaders` learns the headers (for a retry-after).
   */
  async function* streamOnce(request: CompletionRequest, budget: AttemptBudget, onHeaders: (headers: Headers) => void): CompletionStream {
    let format: JsonFormat = request.jsonSchema ? jsonFormat : 'none';
    let opened: Extract<OpenOutcome, { ok: true }> | undefined;
    let timer: SilenceTimer | undefined;
    const exchange: Exchange = { count: 0, heard: () => timer?.heard() };
    while (streams && !opened) {
      const outcome = await open(request, format, budget, exchange);
      if (outcome.ok) {
        opened = outcome;
      } else if (format !== 'none' && refusesResponseFormat(outcome.error)) {
        format = WEAKER_FORMAT[format];
        if (rank(format) > rank(jsonFormat)) jsonFormat = format;
      } else if (request.signal?.aborted) {
        throw request.signal.reason ?? outcome.error;
      } else if (refusesStreaming(outcome.error)) {
        streams = false;
      } else {
        throw outcome.error;
      }
    }
    if (!opened) {
      const whole = await complete(request);
      yield whole.text;
      return whole;
    }
    onHeaders(opened.response.headers);
    if (!isEventStream(opened.response)) {
      // The server ignored `stream: true` and answered with the whole completion at once.
      const text = await readBodyText(opened.response, endpoint.timeoutMs, words.whole, request.signal);
      const whole = toResult(checkCompletion(text, contentTypeOf(opened.response), words.whole), endpoint);
      yield whole.text;
      return whole;
    }
    // The SDK made the request; its events are read here, from the body, a whole read at a time, and
    // the text of one read is passed on as one piece: the SDK's reader takes several async steps per
    // event, and so did each layer above, which a plan of thousands of steps (an event each) felt.
    const { controller } = opened.stream;
    const body = opened.response.body;
    if (!body) {
      controller.abort();
      throw new ReplyFault(words.streamed.cut, 'Attempted to iterate over a response with no body', true);
    }
    const reader = body.getReader();
    // Aborting the request (the run's signal, the silence timer) ends a pending read, whatever the fetch.
    const stopReading = () => void reader.cancel().catch(() => undefined);
    controller.signal.addEventListener('abort', stopReading, { once: true });
    // model.timeout bounds the server's silence: counted only while waiting for the next piece.
    timer = silenceTimer(endpoint.timeoutMs, () => controller.abort());
    const decoder = new TextDecoder();
    const sse = new ServerEventDecoder();
    const events: ServerEvent[] = [];
    let text = '';
    let usage: CheckedChunk['usage'];
    let finishReason: string | undefined;
    let eventsSeen = 0;
    let finished = false;
    let bodyDone = false;
    try {
      while (!finished) {
        timer.waiting();
        let read: Awaited<ReturnType<typeof reader.read>>;
        try {
          read = await reader.read();
        } catch (error) {
          if (request.signal?.aborted) throw request.signal.reason ?? error;
          if (controller.signal.aborted && !timer.expired) break;
          throw timer.expired ? new ReplyFault(words.streamed.silent, undefined, true) : streamFault(error, words.streamed);
        } finally {
          timer.busy();
        }
        // An aborted request ends the reading quietly, as the SDK's does; what follows tells why.
        if (controller.signal.aborted) break;
        if (read.done) {
          bodyDone = true;
          finished = true;
          sse.push(decoder.decode(), events);
          sse.end(events);
        } else {
          sse.push(decoder.decode(read.value, { stream: true }), events);
        }
        // The text of every event this read completed, passed on as one piece; a fault passes on what came before it first.
        let arrived = '';
        let fault: unknown;
        for (const event of events.splice(0)) {
          // Nothing after [DONE] is read.
          if (event.data === '[DONE]') {
            finished = true;
            break;
          }
          let chunk: CheckedChunk | undefined;
          try {
            chunk = readChunk(event, opened.response.headers, words.streamed);
          } catch (error) {
            fault = error;
            break;
          }
          eventsSeen += 1;
          if (chunk === undefined) continue;
          if (chunk.usage) usage = chunk.usage;
          if (chunk.finishReason) finishReason = chunk.finishReason;
          if (chunk.delta) arrived += chunk.delta;
        }
        if (arrived !== '') {
          text += arrived;
          yield arrived;
        }
        if (fault !== undefined) throw fault;
      }
    } finally {
      timer.stop();
      controller.signal.removeEventListener('abort', stopReading);
      // Left early (a fault, or the consumer stopped reading): the request is aborted, not left open.
      if (!finished) controller.abort();
      if (!bodyDone) stopReading();
    }
    // Aborting the request ends the reading quietly: neither a cancel nor a stall may pass for the end of the reply.
    if (request.signal?.aborted) throw request.signal.reason ?? new Error('aborted');
    if (timer.expired) throw new ReplyFault(words.streamed.silent, undefined, true);
    if (eventsSeen === 0) throw new ReplyFault(words.streamed.noEvents, `${snippet(exchange.head?.text ?? '')} (content-type ${contentTypeOf(opened.response) || 'not given'})`, true);
    if (text === '') {
      const detail = finishReason ? ` (finish_reason ${finishReason})` : '';
      throw new LlmError('endpoint', endpoint.redact(`the model at ${endpoint.shown} returned no content${detail}`));
    }
    return { text, usage: usage ?? { promptTokens: 0, completionTokens: 0 } };
  }

  /** A streamed reply, asked for again within model.maxRetries when it breaks off, stalls or sends garbage. */
  function stream(request: CompletionRequest): CompletionStream {
    const budget = new AttemptBudget(settings.maxRetries);
    return resumedStream((onHeaders) => streamOnce(request, budget, onHeaders), budget, request.signal, (error) => toLlmError(error, budget.made, endpoint));
  }

  return { complete, stream };
}

interface Exchange {
  count: number;
  /** Set for calls whose body is timed: hears each piece of the body as it arrives. */
  readonly heard?: () => void;
  /** The first bytes of the tapped body, for error messages. */
  head?: BodyHead;
}

/** The same response, its body passed through a tap that tells the exchange each piece as it arrives. */
function tapBody(response: Response, exchange: Exchange): Response {
  const head = new BodyHead();
  exchange.head = head;
  const body = response.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        exchange.heard?.();
        head.add(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** What went wrong while the SDK read the event stream: the connection, a garbled event, an error event. */
function streamFault(error: unknown, words: ReturnType<typeof replyWords>['streamed']): unknown {
  if (error instanceof APIUserAbortError || error instanceof LlmError) return error;
  if (error instanceof SyntaxError) return new ReplyFault(words.notJson, undefined, true);
  if (error instanceof APIError && error.status === undefined) return new ReplyFault(words.errorEvent, visibleText(clip(oneLine(error.message))), true);
  return new ReplyFault(words.cut, causeOf(error), true);
}

/**
 * One event of a streamed reply as the SDK would have handed it on: its JSON parsed, an error event
 * thrown as the APIError the SDK throws; undefined for an event the SDK passes on that is no chunk
 * (`thread.*`). A chunk that is not one is a ReplyFault.
 */
function readChunk(event: ServerEvent, headers: Headers, words: ReturnType<typeof replyWords>['streamed']): CheckedChunk | undefined {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    throw new ReplyFault(words.notJson, undefined, true);
  }
  if (event.event?.startsWith('thread.')) return undefined;
  const error = isRecord(data) ? data['error'] : undefined;
  if (event.event === 'error') throw streamFault(new APIError(undefined, (error ?? data) as object | undefined, undefined, headers), words);
  if (error) throw streamFault(new APIError(undefined, error as object, undefined, headers), words);
  const chunk = checkChunk(data);
  if ('why' in chunk) throw new ReplyFault(words.notChunk, chunk.why, false);
  return chunk;
}

/** How each fault after the headers reads, for a whole reply and for a streamed one. */
function replyWords(endpoint: Endpoint) {
  const at = `model endpoint ${endpoint.shown}`;
  const timeout = formatDuration(endpoint.timeoutMs);
  return {
    whole: {
      cut: `${at} dropped the connection before its reply was complete`,
      silent: `${at} sent nothing for ${timeout} while sending its reply`,
      notJson: `${at} answered HTTP 200 with a body that is not JSON`,
      notCompletion: `${at} answered HTTP 200 with JSON that is not a chat completion`,
    },
    streamed: {
      cut: `${at} dropped the connection in the middle of its streamed reply`,
      silent: `${at} sent nothing for ${timeout} in the middle of its streamed reply`,
      notJson: `${at} sent a streamed event that is not JSON`,
      notChunk: `${at} sent a streamed event that is not a chat completion chunk`,
      errorEvent: `${at} reported an error in the middle of its streamed reply`,
      noEvents: `${at} answered a streaming request with no events`,
    },
  } as const;
}

function contentTypeOf(response: Response): string {
  return response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
}

type SendOutcome = { readonly ok: true; readonly result: CompletionResult } | { readonly ok: false; readonly error: unknown; readonly headers?: Headers };
type OpenOutcome = { readonly ok: true; readonly stream: Stream<ChatCompletionChunk>; readonly response: Response } | { readonly ok: false; readonly error: unknown };

/** A server that ignores `stream: true` answers with JSON; anything else is read as server-sent events. */
function isEventStream(response: Response): boolean {
  const type = response.headers.get('content-type')?.toLowerCase() ?? '';
  return !type.includes('application/json');
}

/** A 400/422 that blames `stream` or `stream_options`: the server cannot stream, so ask for whole replies. */
function refusesStreaming(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return /\bstream(_options)?\b|streaming/i.test(`${error.param ?? ''} ${error.message}`);
}

function rank(format: JsonFormat): number {
  return format === 'json_schema' ? 0 : format === 'json_object' ? 1 : 2;
}

function toParams(request: CompletionRequest, format: JsonFormat): ChatCompletionCreateParamsNonStreaming {
  const params: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.jsonSchema && format === 'json_schema') {
    params.response_format = {
      type: 'json_schema',
      json_schema: { name: request.jsonSchema.name, schema: { ...request.jsonSchema.schema }, strict: request.jsonSchema.strict ?? false },
    };
  } else if (request.jsonSchema && format === 'json_object') {
    params.response_format = { type: 'json_object' };
  }
  return params;
}

function toResult(completion: CheckedCompletion, endpoint: Endpoint): CompletionResult {
  if (!completion.text) {
    const why = [
      completion.finishReason ? `finish_reason ${completion.finishReason}` : completion.hasChoice ? '' : 'no choices',
      completion.refusal ? `refusal: ${oneLine(completion.refusal)}` : '',
    ].filter(Boolean);
    const detail = why.length > 0 ? ` (${why.join('; ')})` : '';
    throw new LlmError('endpoint', endpoint.redact(`the model at ${endpoint.shown} returned no content${detail}`));
  }
  return { text: completion.text, usage: completion.usage };
}

/** A 400/422 that blames response_format: the server lacks structured output or JSON mode. */
function refusesResponseFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return /response_format|json_schema|json_object|structured output/i.test(`${error.param ?? ''} ${error.message}`);
}

/** Any failure of a model call as a one-line LlmError (an abort stays what it is). */
function toLlmError(error: unknown, attempts: number, endpoint: Endpoint): unknown {
  if (error instanceof APIUserAbortError || error instanceof LlmError) return error;
  const afterAttempts = attempts > 1 ? ` after ${attempts} attempts` : '';
  let message: string;
  if (error instanceof ReplyFault) {
    message = error.after(attempts);
  } else if (error instanceof APIConnectionTimeoutError) {
    message = `model endpoint ${endpoint.shown} timed out after ${formatDuration(endpoint.timeoutMs)}${attempts > 1 ? ` (${attempts} attempts)` : ''}`;
  } else if (error instanceof APIConnectionError) {
    message = `could not reach model endpoint ${endpoint.shown}${afterAttempts}: ${rootCause(error)}`;
  } else if (error instanceof APIError && error.status !== undefined) {
    message = `model endpoint ${endpoint.shown} answered HTTP ${error.status}${afterAttempts}: ${serverMessage(error, endpoint)}${statusHint(error.status, endpoint)}`;
  } else {
    // Whatever else a call to the endpoint throws is still the endpoint's failure, worded as one.
    message = `the call to model endpoint ${endpoint.shown} failed${afterAttempts}: ${causeOf(error)}`;
  }
  const status = error instanceof APIError && typeof error.status === 'number' ? error.status : undefined;
  return new LlmError('endpoint', endpoint.redact(message), status);
}

/** The server's own words, the key masked before they are put on one line and cut (so no part of it is left). */
function serverMessage(error: APIError, endpoint: Endpoint): string {
  const body = error.error;
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string' && body.message !== '') {
    return clip(oneLine(endpoint.redact(body.message)));
  }
  // The SDK prefixes its message with the status; drop it to avoid "HTTP 500: 500 …".
  return clip(oneLine(endpoint.redact(error.message.replace(new RegExp(`^${error.status} `), ''))));
}

/** A proxy's HTML error page can be kilobytes; the start says enough. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function statusHint(status: number, endpoint: Endpoint): string {
  if (status === 401) {
    return endpoint.keySet
      ? ` (check the API key in $${endpoint.apiKeyEnv})`
      : ` (no API key is set: put one in $${endpoint.apiKeyEnv})`;
  }
  if (status === 404 && endpoint.provider === 'azure') return ' (check the deployment name, model.deployment or model.name, and the API version in OPENAI_API_VERSION or model.apiVersion)';
  if (status === 404) return ' (check model.name, and that the base URL includes the API prefix, often /v1)';
  return '';
}

/** The innermost cause is the useful one: "fetch failed" hides "connect ECONNREFUSED 127.0.0.1:9". */
function rootCause(error: Error): string {
  let current: unknown = error;
  for (let depth = 0; depth < 8; depth++) {
    const next: unknown = current instanceof Error ? current.cause : undefined;
    if (!(next instanceof Error)) break;
    current = next;
  }
  return oneLine(current instanceof Error ? current.message : String(current));
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The key wherever a server echoed it, and credentials written into a URL (fetch quotes such URLs). */
function redactSecrets(text: string, apiKey: string | undefined): string {
  const shown = withoutUserInfo(text);
  // Keys too short to be real would only mangle the message.
  return apiKey === undefined || apiKey.length < 6 ? shown : shown.split(apiKey).join('***');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
