// Redaction at a run's edges: every prompt sent to the model, every event leaving the run (the
// terminal tree, CI lines, `--json`, the run store) and every `--record` file goes through the
// pipeline's redactor, so a secret's value (or the API key) that reached text anywhere comes out as
// `***`. What planexec itself reads (the model's reply, a step's output handed to the next step) is
// left as it is.

import { LlmError, type CompletionRequest, type CompletionStream, type LlmClient } from '../llm/types.ts';
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

/** The redactor for a run's secrets (and API key); does not check for missing ones. */
export function runRedactor(pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv): Redactor {
  return createRedactor(secretValuesOf(pipeline, env));
}

/**
 * The client with every message masked before it is sent (planexec's own prompts, which mask the data
 * they put in, are sent as they are), and errors masked too. The reply comes back as the model wrote
 * it: it is what planexec parses, and masking it could change a plan; whatever of it leaves the
 * process (events, the run store, the result, a `--record` file) is masked there.
 */
export function redactingLlm(client: LlmClient, redactor: Redactor): LlmClient {
  if (!redactor.active) return client;
  const redactRequest = (request: CompletionRequest): CompletionRequest => {
    // Values the prompt's own masking did not cover are masked over the whole message.
    const uncovered = request.dataRedacted ? redactor.values.filter((value) => !request.dataRedacted!.includes(value)) : redactor.values;
    const messages = uncovered.length === 0 ? request.messages : maskMessages(request.messages, uncovered.length === redactor.values.length ? redactor : createRedactor(uncovered));
    return { ...request, messages, redact: (text) => redactor.redactText(request.redact ? request.redact(text) : text) };
  };
  const redactError = (error: unknown): unknown => {
    if (error instanceof LlmError) return new LlmError(error.kind, redactor.redactText(error.message), error.status);
    if (error instanceof Error) error.message = redactor.redactText(error.message);
    return error;
  };
  const stream = client.stream?.bind(client);
  return {
    async complete(request) {
      try {
        return await client.complete(redactRequest(request));
      } catch (error) {
        throw redactError(error);
      }
    },
    ...(stream
      ? {
          async *stream(request: CompletionRequest): CompletionStream {
            try {
              return yield* stream(redactRequest(request));
            } catch (error) {
              throw redactError(error);
            }
          },
        }
      : {}),
  };
}

function maskMessages(messages: CompletionRequest['messages'], redactor: Redactor): CompletionRequest['messages'] {
  return messages.map((message) => ({ ...message, content: redactor.redactText(message.content) }));
}

/** The sink, seeing each event with its strings redacted. */
export function redactingSink(sink: EventSink, redactor: Redactor): EventSink {
  return redactor.active ? (event) => sink(redactor.redactValue(event)) : sink;
}
