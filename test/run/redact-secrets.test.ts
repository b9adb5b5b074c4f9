import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.ts';
import { createOpenAiClient } from '../../src/llm/openai-client.ts';
import { LlmError, type LlmClient } from '../../src/llm/types.ts';
import { createRedactor, MissingSecretError, redactingLlm, redactingSink, secretRedactor } from '../../src/run/redact-secrets.ts';
import type { RunEvent } from '../../src/events/run-events.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('redaction at the run\'s edges', () => {
  it('sends the model *** instead of a secret, over the real SDK', async () => {
    server = await startScriptedServer([{ content: 'ok' }]);
    const model = { ...DEFAULT_SETTINGS.model, baseURL: server.url, maxRetries: 0 };
    const llm = redactingLlm(createOpenAiClient(model, { OPENAI_API_KEY: 'sk-live-key' }), createRedactor(['tok-12345', 'sk-live-key']));
    await llm.complete({ purpose: 'tool', model: 'm', messages: [{ role: 'user', content: 'the token is tok-12345, the key sk-live-key' }] });
    expect(server.calls[0]!.lastUserMessage).toBe('the token is ***, the key ***');
  });

  it('redacts model errors and keeps their kind', async () => {
    const failing: LlmClient = { complete: async () => { throw new LlmError('endpoint', 'rejected key tok-12345', 401); } };
    const error = await redactingLlm(failing, createRedactor(['tok-12345'])).complete({ purpose: 'plan', model: 'm', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'endpoint', status: 401, message: 'rejected key ***' });
  });

  it('gives sinks events with every string redacted', () => {
    const seen: RunEvent[] = [];
    const sink = redactingSink((event) => seen.push(event), createRedactor(['tok-12345']));
    sink({ kind: 'step-failed', planNumber: 1, stepId: '1', durationMs: 1, error: 'bad tok-12345', time: 'now' } as RunEvent);
    expect(seen[0]).toMatchObject({ error: 'bad ***' });
  });

  it('refuses to start when a listed secret is not set', () => {
    expect(() => secretRedactor({ secrets: ['A', 'B'], model: DEFAULT_SETTINGS.model, tools: [] }, { B: 'x' })).toThrow(MissingSecretError);
    expect(() => secretRedactor({ secrets: ['A'], model: DEFAULT_SETTINGS.model, tools: [] }, {})).toThrow('secret A is not set: the pipeline lists it under secrets:, so set it in the environment');
  });
});
