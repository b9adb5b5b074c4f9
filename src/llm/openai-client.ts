// The LlmClient for any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp) via the
// openai SDK: structured output with graceful fallback, and SDK failures turned into one-line errors.

import { AsyncLocalStorage } from 'node:async_hooks';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Stream } from 'openai/streaming';
import type { ModelSettings } from './types.ts';
import { LlmError, type CompletionRequest, type CompletionResult, type CompletionStream, type LlmClient } from './types.ts';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Sent when no key is set but a base URL is: local servers (Ollama, llama.cpp) ignore it. */
const KEYLESS_PLACEHOLDER = 'not-needed';

/** How a JSON answer is asked for; a server that refuses one is asked the next way. */
type JsonFormat = 'json_schema' | 'json_object' | 'none';
const WEAKER_FORMAT: Record<JsonFormat, JsonFormat> = { json_schema: 'json_object', json_object: 'none', none: 'none' };

interface Endpoint {
  /** Base URL as shown in messages (credentials in the URL removed). */
  readonly shown: string;
  readonly apiKeyEnv: string;
  readonly keySet: boolean;
  readonly timeoutMs: number;
  /** Replaces the key wherever a server might echo it back. */
  readonly redact: (text: string) => string;
}

export function createOpenAiClient(settings: ModelSettings, env: NodeJS.ProcessEnv = process.env): LlmClient {
  const baseURL = nonEmpty(settings.baseURL) ?? nonEmpty(env['OPENAI_BASE_URL']);
  const apiKey = nonEmpty(env[settings.apiKeyEnv]);
  if (apiKey === undefined && baseURL === undefined) {
    throw new LlmError('endpoint', `no API key: set ${settings.apiKeyEnv} (or model.baseURL for a local server)`);
  }
  const endpoint: Endpoint = {
    shown: redactSecrets(baseURL ?? DEFAULT_BASE_URL, undefined),
    apiKeyEnv: settings.apiKeyEnv,
    keySet: apiKey !== undefined,
    timeoutMs: settings.timeoutMs,
    redact: (text) => redactSecrets(text, apiKey),
  };

  // Counts the SDK's attempts per request (it retries inside one call), so errors can say how many were made.
  const attempts = new AsyncLocalStorage<{ count: number }>();
  const countingFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const counter = attempts.getStore();
    if (counter) counter.count += 1;
    return fetch(input, init);
  };

  const sdk = new OpenAI({
    apiKey: apiKey ?? KEYLESS_PLACEHOLDER,
    // null, not undefined: the SDK would otherwise read process.env itself, bypassing `env`.
    baseURL: baseURL ?? null,
    organization: nonEmpty(env['OPENAI_ORG_ID']) ?? null,
    project: nonEmpty(env['OPENAI_PROJECT_ID']) ?? null,
    adminAPIKey: null,
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    fetch: countingFetch,
    // Errors reach the user through LlmError; the SDK's own logging would bypass the run's view.
    logLevel: 'off',
  });

  let jsonFormat: JsonFormat = 'json_schema';

  /** One SDK call (with the SDK's own retries); failures come back as values with the attempt count. */
  async function send(request: CompletionRequest, format: JsonFormat): Promise<SendOutcome> {
    const counter = { count: 0 };
    try {
      const params = toParams(request, format);
      const completion = await attempts.run(counter, () => sdk.chat.completions.create(params, { signal: request.signal ?? null }));
      return { ok: true, completion };
    } catch (error) {
      return { ok: false, error, attempts: counter.count };
    }
  }

  async function complete(request: CompletionRequest): Promise<CompletionResult> {
    let format: JsonFormat = request.jsonSchema ? jsonFormat : 'none';
    for (;;) {
      const outcome = await send(request, format);
      if (outcome.ok) return toResult(outcome.completion, endpoint);
      if (format !== 'none' && refusesResponseFormat(outcome.error)) {
        format = WEAKER_FORMAT[format];
        // Remember for later calls of this client; never undo what a concurrent call learnt.
        if (rank(format) > rank(jsonFormat)) jsonFormat = format;
        continue;
      }
      if (request.signal?.aborted) throw request.signal.reason ?? outcome.error;
      throw toLlmError(outcome.error, outcome.attempts, endpoint);
    }
  }

  /** False once the server refused `stream: true`: later calls of this client ask for whole replies. */
  let streams = true;

  /** One streaming SDK call, up to the response headers; failures come back as values, like `send`. */
  async function open(request: CompletionRequest, format: JsonFormat): Promise<OpenOutcome> {
    const counter = { count: 0 };
    try {
      // include_usage: the last chunk carries the usage, so a streamed call is counted and budgeted too.
      const params = { ...toParams(request, format), stream: true as const, stream_options: { include_usage: true } };
      const { data, response } = await attempts.run(counter, () => sdk.chat.completions.create(params, { signal: request.signal ?? null }).withResponse());
      return { ok: true, stream: data, response, attempts: counter.count };
    } catch (error) {
      return { ok: false, error, attempts: counter.count };
    }
  }

  async function* stream(request: CompletionRequest): CompletionStream {
    let format: JsonFormat = request.jsonSchema ? jsonFormat : 'none';
    let opened: Extract<OpenOutcome, { ok: true }> | undefined;
    while (streams && !opened) {
      const outcome = await open(request, format);
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
        throw toLlmError(outcome.error, outcome.attempts, endpoint);
      }
    }
    if (!opened) {
      const whole = await complete(request);
      yield whole.text;
      return whole;
    }
    if (!isEventStream(opened.response)) {
      // The server ignored `stream: true` and answered with the whole completion at once.
      let completion: ChatCompletion;
      try {
        completion = (await opened.response.json()) as ChatCompletion;
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason ?? error;
        throw new LlmError('endpoint', endpoint.redact(`the model at ${endpoint.shown} answered a streaming request with neither events nor JSON: ${error instanceof Error ? error.message : String(error)}`));
      }
      const whole = toResult(completion, endpoint);
      yield whole.text;
      return whole;
    }
    let text = '';
    let usage: ChatCompletionChunk['usage'];
    let finishReason: string | undefined;
    // model.timeout bounds the wait for each piece too: a stream that stalls is ended, not waited on
    // forever. One timer at a time, not one per piece: when it fires it waits again for what is left of
    // the allowance since the last piece.
    let stalled = false;
    let idle: NodeJS.Timeout | undefined;
    let lastPieceAt = performance.now();
    const watch = (ms: number) => {
      idle = setTimeout(() => {
        const quiet = performance.now() - lastPieceAt;
        if (quiet < endpoint.timeoutMs) return watch(endpoint.timeoutMs - quiet);
        stalled = true;
        opened.stream.controller.abort();
      }, ms);
    };
    try {
      watch(endpoint.timeoutMs);
      for await (const chunk of opened.stream) {
        lastPieceAt = performance.now();
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          yield delta;
        }
      }
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      if (stalled) throw new LlmError('endpoint', `model endpoint ${endpoint.shown} sent nothing for ${formatDuration(endpoint.timeoutMs)} in the middle of its streamed reply`);
      throw toLlmError(error, opened.attempts, endpoint);
    } finally {
      clearTimeout(idle);
    }
    // Aborting the request ends the SDK's iteration quietly: neither a cancel nor a stall may pass for the end of the reply.
    if (request.signal?.aborted) throw request.signal.reason ?? new Error('aborted');
    if (stalled) throw new LlmError('endpoint', `model endpoint ${endpoint.shown} sent nothing for ${formatDuration(endpoint.timeoutMs)} in the middle of its streamed reply`);
    if (text === '') {
      const detail = finishReason ? ` (finish_reason ${finishReason})` : '';
      throw new LlmError('endpoint', endpoint.redact(`the model at ${endpoint.shown} returned no content${detail}`));
    }
    return { text, usage: { promptTokens: usage?.prompt_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0 } };
  }

  return { complete, stream };
}

type SendOutcome = { readonly ok: true; readonly completion: ChatCompletion } | { readonly ok: false; readonly error: unknown; readonly attempts: number };
type OpenOutcome =
  | { readonly ok: true; readonly stream: Stream<ChatCompletionChunk>; readonly response: Response; readonly attempts: number }
  | { readonly ok: false; readonly error: unknown; readonly attempts: number };

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
      json_schema: { name: request.jsonSchema.name, schema: { ...request.jsonSchema.schema }, strict: false },
    };
  } else if (request.jsonSchema && format === 'json_object') {
    params.response_format = { type: 'json_object' };
  }
  return params;
}

function toResult(completion: ChatCompletion, endpoint: Endpoint): CompletionResult {
  const choice = completion.choices[0];
  const text = choice?.message.content;
  if (!text) {
    const why = [
      choice?.finish_reason ? `finish_reason ${choice.finish_reason}` : choice ? '' : 'no choices',
      choice?.message.refusal ? `refusal: ${oneLine(choice.message.refusal)}` : '',
    ].filter(Boolean);
    const detail = why.length > 0 ? ` (${why.join('; ')})` : '';
    throw new LlmError('endpoint', endpoint.redact(`the model at ${endpoint.shown} returned no content${detail}`));
  }
  return {
    text,
    usage: { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 },
  };
}

/** A 400/422 that blames response_format: the server lacks structured output or JSON mode. */
function refusesResponseFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return /response_format|json_schema|json_object|structured output/i.test(`${error.param ?? ''} ${error.message}`);
}

function toLlmError(error: unknown, attempts: number, endpoint: Endpoint): unknown {
  if (error instanceof APIUserAbortError) return error;
  const afterAttempts = attempts > 1 ? ` after ${attempts} attempts` : '';
  let message: string;
  if (error instanceof APIConnectionTimeoutError) {
    message = `model endpoint ${endpoint.shown} timed out after ${formatDuration(endpoint.timeoutMs)}${attempts > 1 ? ` (${attempts} attempts)` : ''}`;
  } else if (error instanceof APIConnectionError) {
    message = `could not reach model endpoint ${endpoint.shown}${afterAttempts}: ${rootCause(error)}`;
  } else if (error instanceof APIError && error.status !== undefined) {
    message = `model endpoint ${endpoint.shown} answered HTTP ${error.status}${afterAttempts}: ${serverMessage(error)}${statusHint(error.status, endpoint)}`;
  } else {
    return error;
  }
  const status = error instanceof APIError && typeof error.status === 'number' ? error.status : undefined;
  return new LlmError('endpoint', endpoint.redact(message), status);
}

function serverMessage(error: APIError): string {
  const body = error.error;
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string' && body.message !== '') {
    return clip(oneLine(body.message));
  }
  // The SDK prefixes its message with the status; drop it to avoid "HTTP 500: 500 …".
  return clip(oneLine(error.message.replace(new RegExp(`^${error.status} `), '')));
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
  const withoutUserInfo = text.replace(/\/\/[^/@\s]+@/g, '//');
  // Keys too short to be real would only mangle the message.
  return apiKey === undefined || apiKey.length < 6 ? withoutUserInfo : withoutUserInfo.split(apiKey).join('***');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
