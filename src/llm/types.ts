// The one interface the rest of planexec uses to talk to a model: an OpenAI-compatible endpoint,
// or a recording served back offline.

/** How the endpoint is set up: an OpenAI-compatible base URL, Azure OpenAI, or a local Ollama. */
export type ModelProvider = 'openai' | 'azure' | 'ollama';

/** Which model to call and how; the `model` section of a pipeline after defaults are merged. */
export interface ModelSettings {
  readonly name: string;
  /** Absent means `openai`: model.baseURL, else OPENAI_BASE_URL, else OpenAI itself. */
  readonly provider?: ModelProvider;
  /**
   * openai: the API's base URL (with its prefix, often /v1); azure: the resource endpoint (instead of
   * AZURE_OPENAI_ENDPOINT); ollama: the API's base URL (instead of OLLAMA_HOST).
   */
  readonly baseURL?: string;
  /** Name of the environment variable holding the API key (never the key itself). */
  readonly apiKeyEnv: string;
  /** azure: the deployment requests go to; default the model name. */
  readonly deployment?: string;
  /** azure: the API version sent with each request; default OPENAI_API_VERSION. */
  readonly apiVersion?: string;
  readonly temperature?: number;
  /** Path (absolute) of a recording to serve responses from, instead of calling an endpoint. */
  readonly replay?: string;
  /** Retries of the SDK for 429/5xx/network errors. */
  readonly maxRetries: number;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export type CompletionPurpose = 'plan' | 'repair' | 'replan' | 'tool';

export interface CompletionRequest {
  /** Why the call is made; recorded alongside the exchange and shown in errors. */
  readonly purpose: CompletionPurpose;
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly temperature?: number;
  /**
   * Ask for JSON matching this schema (structured output where supported, JSON mode otherwise);
   * `strict`: the schema fits strict mode's subset, so a server may hold the model to it exactly.
   */
  readonly jsonSchema?: { readonly name: string; readonly schema: Readonly<Record<string, unknown>>; readonly strict?: boolean };
  readonly signal?: AbortSignal;
  /**
   * The secret values the messages' data was masked for where it was put in (planexec's prompts render
   * masked values into their templates). A redacting client that masks no other value sends the
   * messages as they are, so text planexec wrote is never changed; without it (or for values not in
   * it), a redacting client masks every message whole.
   */
  readonly dataRedacted?: readonly string[];
  /** How this exchange's text is masked where it is kept (a `--record` file); set by the redacting client. */
  readonly redact?: (text: string) => string;
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface CompletionResult {
  readonly text: string;
  readonly usage: TokenUsage;
}

/**
 * A reply read as it is written: yields the text in pieces as they arrive (a piece is what one read
 * of the response brought, however many events it held) and returns the whole reply with its usage
 * once the server has finished (so a streamed call is counted like any other).
 */
export type CompletionStream = AsyncGenerator<string, CompletionResult, undefined>;

export interface LlmClient {
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Present when the client can stream a reply (the openai client; not a replay). */
  stream?(request: CompletionRequest): CompletionStream;
}

/** The model could not answer: endpoint errors after retries, a replay with no matching exchange, a spent budget. */
export class LlmError extends Error {
  readonly kind: 'endpoint' | 'replay' | 'budget';
  readonly status?: number;
  /** True when no request left this process (no endpoint configured): it is not a model call. */
  readonly unsent?: boolean;
  constructor(kind: 'endpoint' | 'replay' | 'budget', message: string, status?: number, options: { readonly unsent?: boolean } = {}) {
    super(message);
    this.name = 'LlmError';
    this.kind = kind;
    if (status !== undefined) this.status = status;
    if (options.unsent) this.unsent = true;
  }
}
