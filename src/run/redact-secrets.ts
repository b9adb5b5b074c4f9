// Redaction at a run's edges: every prompt sent to the model and every event leaving the run (the
// terminal tree, CI lines, `--json`, the run store) goes through the pipeline's redactor, so a secret's
// value (or the API key) that reached text anywhere comes out as `***`.

import { LlmError, type LlmClient } from '../llm/types.ts';
import { createRedactor, missingSecrets, secretValuesOf, type Redactor } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';
import type { EventSink } from './events.ts';

export { createRedactor, type Redactor } from '../pipeline/secrets.ts';

/** A secret listed under `secrets:` is not set: the run cannot start (exit 2). */
export class MissingSecretError extends Error {
  readonly names: readonly string[];
  constructor(names: readonly string[]) {
    const list = names.join(', ');
    super(`${names.length === 1 ? 'secret' : 'secrets'} ${list} ${names.length === 1 ? 'is' : 'are'} not set: the pipeline lists ${names.length === 1 ? 'it' : 'them'} under secrets:, so set ${names.length === 1 ? 'it' : 'them'} in the environment`);
    this.name = 'MissingSecretError';
    this.names = names;
  }
}

/** The run's redactor; throws MissingSecretError when a listed secret is not set. */
export function secretRedactor(pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv): Redactor {
  const missing = missingSecrets(pipeline, env);
  if (missing.length > 0) throw new MissingSecretError(missing);
  return createRedactor(secretValuesOf(pipeline, env));
}

/** The client with every message redacted before it is sent, and the reply and errors redacted too. */
export function redactingLlm(client: LlmClient, redactor: Redactor): LlmClient {
  if (!redactor.active) return client;
  return {
    async complete(request) {
      const messages = request.messages.map((message) => ({ ...message, content: redactor.redactText(message.content) }));
      try {
        const result = await client.complete({ ...request, messages });
        return { ...result, text: redactor.redactText(result.text) };
      } catch (error) {
        if (error instanceof LlmError) throw new LlmError(error.kind, redactor.redactText(error.message), error.status);
        if (error instanceof Error) error.message = redactor.redactText(error.message);
        throw error;
      }
    },
  };
}

/** The sink, seeing each event with its strings redacted. */
export function redactingSink(sink: EventSink, redactor: Redactor): EventSink {
  return redactor.active ? (event) => sink(redactor.redactValue(event)) : sink;
}
