// Azure OpenAI and Ollama set up the way their users do it (their environment variables, Azure's
// deployments and api-version), through the real openai SDK against the scripted server.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CompletionRequest, createOpenAiClient, EndpointSetupError, loadPipeline, ollamaBaseUrl } from '../../src/index.ts';
import { secretValuesOf } from '../../src/pipeline/secrets.ts';
import { startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';

const AZURE_KEY = 'azure-key-DISTINCTIVE-5c2e81f0a7';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(rules: Rule[]): Promise<ScriptedServer> {
  server = await startScriptedServer(rules);
  return server;
}

const request: CompletionRequest = { purpose: 'tool', model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }] };

/** The model settings of a pipeline with this `model:` section, as loading it merges them over the defaults. */
async function modelOf(modelYaml: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-endpoint-'));
  const file = path.join(dir, 'p.yaml');
  await writeFile(file, `version: 1\nname: endpoint\ntask: Say hello\nmodel: ${modelYaml}\ntools: []\n`);
  return loadPipeline(file, { cwd: dir, config: null });
}

function azureEnv(s: ScriptedServer) {
  return { AZURE_OPENAI_ENDPOINT: s.origin, AZURE_OPENAI_API_KEY: AZURE_KEY, OPENAI_API_VERSION: '2024-10-21' };
}

describe('model.provider azure', () => {
  it('sends to /openai/deployments/<model name>/chat/completions with api-version and the api-key header', async () => {
    const s = await serve([{ content: 'hello' }]);
    const pipeline = await modelOf('{ provider: azure, name: gpt-4o-mini }');
    expect(pipeline.model.apiKeyEnv).toBe('AZURE_OPENAI_API_KEY');

    const result = await createOpenAiClient(pipeline.model, azureEnv(s)).complete(request);
    expect(result.text).toBe('hello');
    expect(s.calls).toHaveLength(1);
    expect(s.calls[0]!.path).toBe('/openai/deployments/gpt-4o-mini/chat/completions');
    expect(s.calls[0]!.query).toEqual({ 'api-version': '2024-10-21' });
    expect(s.calls[0]!.headers['api-key']).toBe(AZURE_KEY);
    expect(s.calls[0]!.headers.authorization).toBeUndefined();
  });

  it('uses model.deployment and model.apiVersion over the model name and OPENAI_API_VERSION, streamed too', async () => {
    const s = await serve([{ chunks: ['hel', 'lo'] }]);
    const pipeline = await modelOf('{ provider: azure, name: gpt-4o, deployment: prod-gpt4o, apiVersion: 2025-01-01-preview }');
    const client = createOpenAiClient(pipeline.model, azureEnv(s));
    const stream = client.stream!(request);
    let text = '';
    for (;;) {
      const next = await stream.next();
      if (next.done) break;
      text += next.value;
    }
    expect(text).toBe('hello');
    expect(s.calls[0]!.path).toBe('/openai/deployments/prod-gpt4o/chat/completions');
    expect(s.calls[0]!.query).toEqual({ 'api-version': '2025-01-01-preview' });
    expect(s.calls[0]!.body?.['stream']).toBe(true);
  });

  it('takes the endpoint from model.baseURL, with or without the /openai the portal shows', async () => {
    const s = await serve([{ content: 'ok' }]);
    const pipeline = await modelOf(`{ provider: azure, name: gpt-4o-mini, baseURL: "${'http://127.0.0.1:1'}" }`);
    const env = { AZURE_OPENAI_API_KEY: AZURE_KEY, OPENAI_API_VERSION: '2024-10-21', AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:1' };
    await createOpenAiClient({ ...pipeline.model, baseURL: `${s.origin}/openai/` }, env).complete(request);
    expect(s.calls[0]!.path).toBe('/openai/deployments/gpt-4o-mini/chat/completions');
  });

  it('names every variable that is missing, at once, before any request', async () => {
    const pipeline = await modelOf('{ provider: azure }');
    const create = () => createOpenAiClient(pipeline.model, {});
    expect(create).toThrow(EndpointSetupError);
    expect(create).toThrow(
      'model.provider is azure, but AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION are not set: ' +
        "set AZURE_OPENAI_ENDPOINT to the resource's endpoint, https://<resource>.openai.azure.com (or give model.baseURL or --base-url); " +
        'AZURE_OPENAI_API_KEY to a key of the resource (Keys and Endpoint in the Azure portal); ' +
        'OPENAI_API_VERSION to an Azure OpenAI API version such as 2024-10-21 (or give model.apiVersion)',
    );
    expect(() => createOpenAiClient(pipeline.model, { AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_API_KEY: AZURE_KEY })).toThrow(
      /^model\.provider is azure, but OPENAI_API_VERSION is not set: set OPENAI_API_VERSION to/,
    );
  });

  it('treats the Azure key as a secret: masked everywhere, and never in an error the server echoes', async () => {
    const pipeline = await modelOf('{ provider: azure, name: gpt-4o-mini }');
    expect(secretValuesOf(pipeline, { AZURE_OPENAI_API_KEY: AZURE_KEY, OPENAI_API_KEY: 'sk-other-key-not-used-here' })).toContain(AZURE_KEY);

    const s = await serve([{ status: 401, body: { error: { message: `Access denied: invalid subscription key ${AZURE_KEY}`, type: 'invalid_request_error' } } }]);
    const error = await createOpenAiClient(pipeline.model, azureEnv(s)).complete(request).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toContain('answered HTTP 401');
    expect(error?.message).toContain('$AZURE_OPENAI_API_KEY');
    expect(error?.message).not.toContain(AZURE_KEY);
  });
});

describe('model.provider ollama', () => {
  it('sends to <OLLAMA_HOST>/v1/chat/completions with a placeholder key, OLLAMA_HOST as host:port or as a URL', async () => {
    const s = await serve([{ content: 'hi' }]);
    const pipeline = await modelOf('{ provider: ollama, name: "llama3.1:8b" }');
    const host = s.origin.replace('http://', '');
    await createOpenAiClient(pipeline.model, { OLLAMA_HOST: host, OPENAI_API_KEY: 'sk-openai-key-must-not-go-to-ollama' }).complete({ ...request, model: 'llama3.1:8b' });
    await createOpenAiClient(pipeline.model, { OLLAMA_HOST: s.origin }).complete(request);

    expect(s.calls.map((call) => call.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(s.calls[0]!.headers.authorization).toBe('Bearer ollama');
    expect(s.calls[0]!.body?.['model']).toBe('llama3.1:8b');
  });

  it('reads OLLAMA_HOST as the ollama CLI does', () => {
    expect(ollamaBaseUrl(undefined)).toBe('http://127.0.0.1:11434/v1');
    expect(ollamaBaseUrl('')).toBe('http://127.0.0.1:11434/v1');
    expect(ollamaBaseUrl('127.0.0.1:11434')).toBe('http://127.0.0.1:11434/v1');
    expect(ollamaBaseUrl('0.0.0.0')).toBe('http://0.0.0.0:11434/v1');
    expect(ollamaBaseUrl(':8080')).toBe('http://127.0.0.1:8080/v1');
    expect(ollamaBaseUrl('gpu-box:11500')).toBe('http://gpu-box:11500/v1');
    expect(ollamaBaseUrl('http://gpu-box')).toBe('http://gpu-box:80/v1');
    expect(ollamaBaseUrl('https://ollama.example.org/')).toBe('https://ollama.example.org:443/v1');
    expect(ollamaBaseUrl('https://example.org:8443/ollama')).toBe('https://example.org:8443/ollama/v1');
    expect(ollamaBaseUrl('[::1]:11434')).toBe('http://[::1]:11434/v1');
    expect(() => ollamaBaseUrl('ftp://host')).toThrow('OLLAMA_HOST is "ftp://host": it must be a host (127.0.0.1:11434) or an http:// or https:// URL');
  });

  it('sends the key of OLLAMA_API_KEY when one is set (a server behind a proxy that checks it)', async () => {
    const s = await serve([{ content: 'hi' }]);
    const pipeline = await modelOf('{ provider: ollama }');
    await createOpenAiClient(pipeline.model, { OLLAMA_HOST: s.origin, OLLAMA_API_KEY: 'ollama-proxy-key-0192837465' }).complete(request);
    expect(s.calls[0]!.headers.authorization).toBe('Bearer ollama-proxy-key-0192837465');
  });
});
