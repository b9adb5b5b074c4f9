import { afterEach, describe, expect, it } from 'vitest';
import { type CompletionRequest, createOpenAiClient, LlmError, type ModelSettings } from '../../src/index.ts';
import { startScriptedServer, type Rule, type ScriptedServer, type ScriptedServerOptions } from '../support/scripted-server.ts';

const KEY = 'sk-test-DISTINCTIVE-7f3a9c1e';
const env = { PLANEXEC_TEST_KEY: KEY };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(rules: Rule[], options?: ScriptedServerOptions): Promise<ScriptedServer> {
  server = await startScriptedServer(rules, options);
  return server;
}

function settings(overrides: Partial<ModelSettings> = {}): ModelSettings {
  return { name: 'gpt-4o-mini', baseURL: server?.url, apiKeyEnv: 'PLANEXEC_TEST_KEY', maxRetries: 2, timeoutMs: 5_000, ...overrides };
}

const planRequest: CompletionRequest = {
  purpose: 'plan',
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You plan.' },
    { role: 'user', content: 'Write release notes.' },
  ],
  jsonSchema: { name: 'plan', schema: { type: 'object', properties: { steps: { type: 'array' } } } },
};

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe('openai client', () => {
  it('asks for structured output with the JSON schema and returns text and usage', async () => {
    const s = await serve([{ match: 'release notes', json: { steps: [] } }]);
    const result = await createOpenAiClient(settings(), env).complete(planRequest);

    expect(result.text).toBe('{"steps":[]}');
    // The scripted server counts ceil(chars/4) over the joined message text.
    expect(result.usage).toEqual({ promptTokens: Math.ceil('You plan.\nWrite release notes.'.length / 4), completionTokens: 3 });
    expect(s.calls).toHaveLength(1);
    expect(s.calls[0]!.responseFormat).toBe('json_schema');
    expect(s.calls[0]!.body?.['response_format']).toEqual({
      type: 'json_schema',
      json_schema: { name: 'plan', schema: planRequest.jsonSchema!.schema, strict: false },
    });
    expect(s.calls[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('sends no response_format and passes temperature when no schema is asked for', async () => {
    const s = await serve([{ content: 'hello' }]);
    const result = await createOpenAiClient(settings(), env).complete({
      purpose: 'tool',
      model: 'llama3',
      temperature: 0.2,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(result.text).toBe('hello');
    expect(s.calls[0]!.responseFormat).toBeUndefined();
    expect(s.calls[0]!.body).toMatchObject({ model: 'llama3', temperature: 0.2 });
  });

  it('falls back to JSON mode when json_schema is refused, and remembers it for later calls', async () => {
    const s = await serve([{ json: { steps: [] } }], { rejectJsonSchema: true });
    const client = createOpenAiClient(settings(), env);

    expect((await client.complete(planRequest)).text).toBe('{"steps":[]}');
    expect((await client.complete(planRequest)).text).toBe('{"steps":[]}');
    expect(s.calls.map((c) => c.responseFormat)).toEqual(['json_schema', 'json_object', 'json_object']);
  });

  it('sends no response_format at all when JSON mode is refused too', async () => {
    const s = await serve([{ json: { steps: [] } }], { rejectJsonSchema: true, rejectJsonMode: true });
    const client = createOpenAiClient(settings(), env);

    await client.complete(planRequest);
    await client.complete(planRequest);
    expect(s.calls.map((c) => c.responseFormat)).toEqual(['json_schema', 'json_object', undefined, undefined]);
  });

  it('reports a persisting 500 with the attempts made and the server message', async () => {
    const s = await serve([{ status: 500, body: { error: { message: 'upstream overloaded', type: 'server_error' } } }]);
    const error = await failure(createOpenAiClient(settings(), env).complete(planRequest));

    expect(error.kind).toBe('endpoint');
    expect(error.status).toBe(500);
    expect(error.message).toBe(`model endpoint ${s.url} answered HTTP 500 after 3 attempts: upstream overloaded`);
    expect(s.calls).toHaveLength(3);
  });

  it('succeeds when a 500 is followed by an answer', async () => {
    const s = await serve([{ status: 500, times: 1 }, { content: 'recovered' }]);
    const result = await createOpenAiClient(settings(), env).complete(planRequest);
    expect(result.text).toBe('recovered');
    expect(s.calls.map((c) => c.status)).toEqual([500, 200]);
  });

  it('turns a slow answer into a timeout error', async () => {
    // The answer would come long after the test's own timeout: only the client's timeout can end the wait.
    const s = await serve([{ content: 'too late', delayMs: 600_000 }]);
    const error = await failure(createOpenAiClient(settings({ timeoutMs: 200, maxRetries: 0 }), env).complete(planRequest));

    expect(error.message).toBe(`model endpoint ${s.url} timed out after 200ms`);
  });

  it('says which endpoint could not be reached and why', async () => {
    const s = await serve([]);
    const url = s.url;
    await s.close();
    server = undefined;
    const error = await failure(createOpenAiClient(settings({ baseURL: url, maxRetries: 0 }), env).complete(planRequest));
    expect(error.message).toMatch(new RegExp(`^could not reach model endpoint ${url.replace(/[.]/g, '\\.')}: .*ECONNREFUSED`));
    expect(error.status).toBeUndefined();
  });

  it('needs a key when no base URL is set, and names the variable', () => {
    const create = () => createOpenAiClient(settings({ baseURL: undefined }), {});
    expect(create).toThrow(LlmError);
    expect(create).toThrow('no API key: set PLANEXEC_TEST_KEY (or model.baseURL, OPENAI_BASE_URL or --base-url for a local server)');
  });

  it('sends a placeholder key to a local server when none is set', async () => {
    const s = await serve([{ content: 'ok' }]);
    await createOpenAiClient(settings(), {}).complete(planRequest);
    expect(s.calls[0]!.headers.authorization).toBe('Bearer not-needed');
  });

  it('takes the base URL from OPENAI_BASE_URL when the settings have none', async () => {
    const s = await serve([{ content: 'ok' }]);
    await createOpenAiClient(settings({ baseURL: undefined }), { ...env, OPENAI_BASE_URL: s.url }).complete(planRequest);
    expect(s.calls).toHaveLength(1);
  });

  it('never shows the key, even when the server echoes it back on a 401', async () => {
    const s = await serve([{ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error' } } }]);
    const error = await failure(createOpenAiClient(settings(), env).complete(planRequest));

    expect(error.status).toBe(401);
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('$PLANEXEC_TEST_KEY');
    expect(s.calls).toHaveLength(1);
  });

  it('reports an answer without content', async () => {
    await serve([{ content: '' }]);
    const error = await failure(createOpenAiClient(settings(), env).complete(planRequest));
    expect(error.message).toContain('returned no content');
  });

  it('stops waiting when the request is aborted', async () => {
    await serve([{ content: 'never', delayMs: 5_000 }]);
    const controller = new AbortController();
    const pending = createOpenAiClient(settings(), env).complete({ ...planRequest, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by test')), 50);
    await expect(pending).rejects.toThrow('cancelled by test');
  });
});
