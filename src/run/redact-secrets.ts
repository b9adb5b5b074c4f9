// Redaction at a run's edges: every prompt sent to the model and every event leaving the run (the
// terminal tree, CI lines, `--json`, the run store) goes through the pipeline's redactor, so a secret's
// value (or the API key) that reached text anywhere comes out as `***`.

import { LlmError, type CompletionRequest, type CompletionResult, type CompletionStream, type LlmClient } from '../llm/types.ts';
import { createRedactor, missingSecrets, secretValuesOf, type Redactor } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';
import type { EventSink } from '../events/run-events.ts';
import { RunError } from './outcome.ts';

export { createRedactor, type Redactor } from '../pipeline/secrets.ts';

/** A secret listed under `secrets:` is not set: the run cannot start (exit 2). */
export class MissingSecretError extends RunError {
  readonly names: readonly string[];
  constructor(names: readonly string[]) {
    const list = names.join(', ');
    super('invalid-input', `${names.length === 1 ? 'secret' : 'secrets'} ${list} ${names.length === 1 ? 'is' : 'are'} not set: the pipeline lists ${names.length === 1 ? 'it' : 'them'} under secrets:, so set ${names.length === 1 ? 'it' : 'them'} in the environment`);
    this.name = 'MissingSecretError';
    this.names = names;
  }
}

/** The run's redactor; throws MissingSecretError when a listed secret is not set. */
export function secretRedactor(pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv): Redactor {
  const missing = missingSecrets(pipeline, env);
  if (missing.length > 0) throw new MissingSecretError(missing);
  return runRedactor(pipeline, env);
}

/** The redactor for a run's secrets (and API key), able to redact a streamed reply; does not check for missing ones. */
export function runRedactor(pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv): Redactor {
  const values = secretValuesOf(pipeline, env);
  const redactor = createRedactor(values);
  longestSecretOf.set(redactor, Math.max(0, ...values.map((value) => Math.max(value.length, JSON.stringify(value).length - 2, encodeURIComponent(value).length))));
  return redactor;
}

/** How long a secret can be as it may appear in text (raw, JSON-escaped, percent-encoded), for redactors made above. */
const longestSecretOf = new WeakMap<Redactor, number>();

/**
 * The client with every message redacted before it is sent, and the reply and errors redacted too. A
 * streamed reply is redacted as it arrives, holding back only text a secret could still be completing;
 * with a redactor whose secrets' lengths are unknown, the client does not stream.
 */
export function redactingLlm(client: LlmClient, redactor: Redactor): LlmClient {
  if (!redactor.active) return client;
  const redactRequest = (request: CompletionRequest): CompletionRequest => ({
    ...request,
    messages: request.messages.map((message) => ({ ...message, content: redactor.redactText(message.content) })),
  });
  const redactError = (error: unknown): unknown => {
    if (error instanceof LlmError) return new LlmError(error.kind, redactor.redactText(error.message), error.status);
    if (error instanceof Error) error.message = redactor.redactText(error.message);
    return error;
  };
  const longest = longestSecretOf.get(redactor);
  const stream = longest !== undefined ? client.stream?.bind(client) : undefined;
  return {
    async complete(request) {
      try {
        const result = await client.complete(redactRequest(request));
        return { ...result, text: redactor.redactText(result.text) };
      } catch (error) {
        throw redactError(error);
      }
    },
    ...(stream && longest !== undefined
      ? {
          async *stream(request: CompletionRequest): CompletionStream {
            const source = stream(redactRequest(request));
            let pending = '';
            let ended = false;
            try {
              for (;;) {
                let next: IteratorResult<string, CompletionResult>;
                try {
                  next = await source.next();
                } catch (error) {
                  ended = true;
                  throw redactError(error);
                }
                if (next.done) {
                  ended = true;
                  if (pending !== '') yield redactor.redactText(pending);
                  return { ...next.value, text: redactor.redactText(next.value.text) };
                }
                pending += next.value;
                const cut = safeCut(pending, longest, redactor.redactText);
                if (cut > 0) {
                  const ready = pending.slice(0, cut);
                  pending = pending.slice(cut);
                  yield redactor.redactText(ready);
                }
              }
            } finally {
              // The consumer stopped early: close the request too.
              if (!ended) await source.return(undefined as never);
            }
          },
        }
      : {}),
  };
}

/**
 * Where `text` may be cut so that redacting the parts apart equals redacting it whole: no secret
 * spans the cut, and the text after it (kept back) is long enough to hold any secret still arriving.
 */
function safeCut(text: string, longest: number, redactText: (text: string) => string): number {
  const whole = redactText(text);
  let cut = text.length - Math.max(0, longest - 1);
  while (cut > 0 && redactText(text.slice(0, cut)) + redactText(text.slice(cut)) !== whole) cut--;
  return Math.max(0, cut);
}

/** The sink, seeing each event with its strings redacted. */
export function redactingSink(sink: EventSink, redactor: Redactor): EventSink {
  return redactor.active ? (event) => sink(redactor.redactValue(event)) : sink;
}
