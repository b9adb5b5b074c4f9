import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.ts';
import { type CompletionRequest, createOpenAiClient, createRecordingClient, createReplayClient, type LlmClient, LlmError, type RunEvent } from '../../src/index.ts';
import { createRedactor, MissingSecretError, redactingLlm, redactingSink, secretRedactor } from '../../src/run/redact-secrets.ts';
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

  it('sends planexec\'s own prompts (data masked for the same secrets) as they are, and gives the reply back as the model wrote it', async () => {
    server = await startScriptedServer([{ content: 'the plan uses tok-12345' }]);
    const model = { ...DEFAULT_SETTINGS.model, baseURL: server.url, maxRetries: 0 };
    const llm = redactingLlm(createOpenAiClient(model, {}), createRedactor(['tok-12345']));
    const result = await llm.complete({ purpose: 'plan', model: 'm', messages: [{ role: 'user', content: 'already masked: *** and tok-12345 written by planexec' }], dataRedacted: ['tok-12345'] });
    expect(server.calls[0]!.lastUserMessage).toBe('already masked: *** and tok-12345 written by planexec');
    expect(result.text).toBe('the plan uses tok-12345');
  });

  it('masks, over the whole message, the secrets a prompt was not masked for', async () => {
    server = await startScriptedServer([{ content: 'ok' }]);
    const model = { ...DEFAULT_SETTINGS.model, baseURL: server.url, maxRetries: 0 };
    const llm = redactingLlm(createOpenAiClient(model, {}), createRedactor(['tok-12345', 'other-secret-9']));
    await llm.complete({ purpose: 'plan', model: 'm', messages: [{ role: 'user', content: 'tok-12345 (planexec\'s word) and other-secret-9' }], dataRedacted: ['tok-12345'] });
    expect(server.calls[0]!.lastUserMessage).toBe('tok-12345 (planexec\'s word) and ***');
  });
});

describe('a recording made through the redacting client', () => {
  const secret = 'tok-Zq7wX9-c0rpus-4Lm2Vt';
  const request: CompletionRequest = { purpose: 'tool', model: 'm', messages: [{ role: 'user', content: `repeat ${secret}` }] };

  it('keeps the messages as sent and the reply masked, and replays through the same client', async () => {
    server = await startScriptedServer([{ content: `you said ${secret}` }]);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'planexec-redact-')), 'rec.json');
    const model = { ...DEFAULT_SETTINGS.model, baseURL: server.url, maxRetries: 0 };
    const redactor = createRedactor([secret]);
    const live = redactingLlm(createRecordingClient(createOpenAiClient(model, {}), file), redactor);
    expect((await live.complete(request)).text).toBe(`you said ${secret}`);
    const stored = await readFile(file, 'utf8');
    expect(stored).not.toContain(secret);
    expect(JSON.parse(stored).exchanges[0]).toMatchObject({ messages: [{ role: 'user', content: 'repeat ***' }], response: { text: 'you said ***' } });

    const replayed = redactingLlm(await createReplayClient(file), redactor);
    expect((await replayed.complete(request)).text).toBe('you said ***');
  });

  it('masks a streamed reply it keeps too', async () => {
    server = await startScriptedServer([{ chunks: ['you said tok-Zq7w', 'X9-c0rpus-4Lm2Vt'] }]);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'planexec-redact-')), 'rec.json');
    const model = { ...DEFAULT_SETTINGS.model, baseURL: server.url, maxRetries: 0 };
    const live = redactingLlm(createRecordingClient(createOpenAiClient(model, {}), file), createRedactor([secret]));
    const stream = live.stream!(request);
    let next = await stream.next();
    while (!next.done) next = await stream.next();
    expect(next.value.text).toBe(`you said ${secret}`);
    expect(JSON.parse(await readFile(file, 'utf8')).exchanges[0].response.text).toBe('you said ***');
  });
});
