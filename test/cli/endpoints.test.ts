// The endpoint as users set it up, through the CLI: --base-url, Azure OpenAI's variables and
// deployments, Ollama's OLLAMA_HOST; what a missing variable says; the Azure key never shown.

import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

const AZURE_KEY = 'azure-cli-key-DISTINCTIVE-93e1c0d7b2';

function pipelineYaml(model: string): string {
  return `version: 1
name: endpoints
task: "Greet {{inputs.who}}"
inputs:
  who: { type: string, default: the team }
model: ${model}
tools: []
`;
}

const greeting: Rule[] = [
  { match: (call) => call.text.trim() === 'Say hello', content: 'hello' },
  { match: /Greet/, json: { steps: [{ id: 1, action: 'Greet', tool: 'llm', args: { prompt: 'Say hello' } }] } },
];

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the model endpoint from the command line and the environment', () => {
  it('--base-url on run and plan overrides model.baseURL and OPENAI_BASE_URL', async () => {
    server = await startScriptedServer(greeting);
    // Both point at a port nothing listens on: only --base-url reaches the server.
    const dir = await tempProject({ 'p.yaml': pipelineYaml('{ name: local-model, baseURL: "http://127.0.0.1:1/v1" }') });
    const env = { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' };

    const run = await runCli(['run', 'p.yaml', '--base-url', server.url], { cwd: dir, env });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('hello\n');

    const plan = await runCli(['plan', 'p.yaml', '--base-url', server.url], { cwd: dir, env });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).steps[0].tool).toBe('llm');
    expect(server.calls.map((call) => call.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions', '/v1/chat/completions']);
  });

  it('a run the endpoint failed (exit 3) says how to continue it, and resume --base-url continues it at another endpoint', async () => {
    server = await startScriptedServer(greeting);
    // Nothing listens on port 1: the first planning call fails, with no retry.
    const dir = await tempProject({ 'p.yaml': pipelineYaml('{ name: local-model, baseURL: "http://127.0.0.1:1/v1", maxRetries: 0 }') });
    const env = { OPENAI_API_KEY: 'sk-test-key-endpoints-7777' };
    const run = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(run.code).toBe(3);
    const runId = /^run id: (\S+)$/m.exec(run.stderr)?.[1];
    expect(runId).toBeDefined();
    expect(run.stderr).toMatch(new RegExp(`^to continue it: .*planexec resume ${runId}$`, 'm'));

    const badUrl = await runCli(['resume', runId!, '--base-url', 'localhost:11434'], { cwd: dir, env });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('error: --base-url expects an http:// or https:// URL');
    expect(badUrl.stderr).toContain('(see planexec resume --help)');

    const resumed = await runCli(['resume', runId!, '--base-url', server.url], { cwd: dir, env });
    expect(resumed.stderr).not.toContain('error');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('hello\n');
    expect(server.calls).toHaveLength(2);
  });

  it('a run that spent its budget (exit 3) gets no resume hint: resuming keeps counting and would stop the same way', async () => {
    server = await startScriptedServer(greeting);
    const dir = await tempProject({ 'p.yaml': `${pipelineYaml('{ name: local-model }')}budget: { maxLlmCalls: 1 }\n` });
    const run = await runCli(['run', 'p.yaml', '--base-url', server.url], { cwd: dir, env: { OPENAI_API_KEY: 'sk-test-key-endpoints-7777' } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('budget');
    expect(run.stderr).toMatch(/^run id: \S+$/m);
    expect(run.stderr).not.toContain('to continue it');
  });

  it('refuses a --base-url that is not an http(s) URL (exit 2)', async () => {
    const dir = await tempProject({ 'p.yaml': pipelineYaml('{ name: m }') });
    const run = await runCli(['run', 'p.yaml', '--base-url', 'localhost:11434'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --base-url expects an http:// or https:// URL, such as http://localhost:11434/v1, got "localhost:11434"\n(see planexec run --help)\n');
  });

  it('model.provider azure: requests go to the deployment with api-version and api-key, and the key is masked', async () => {
    server = await startScriptedServer(greeting);
    const dir = await tempProject({ 'p.yaml': pipelineYaml('{ provider: azure, name: gpt-4o-mini, deployment: team-gpt }') });
    const env = { AZURE_OPENAI_ENDPOINT: server.origin, AZURE_OPENAI_API_KEY: AZURE_KEY, OPENAI_API_VERSION: '2024-10-21' };

    // The key reaches the task through an input: it must reach neither the model nor any output.
    const run = await runCli(['run', 'p.yaml', '--input', `who=${AZURE_KEY}`, '--json'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(server.calls).toHaveLength(2);
    for (const call of server.calls) {
      expect(call.path).toBe('/openai/deployments/team-gpt/chat/completions');
      expect(call.query['api-version']).toBe('2024-10-21');
      expect(call.headers['api-key']).toBe(AZURE_KEY);
      expect(call.text).not.toContain(AZURE_KEY);
    }
    expect(server.calls[0]!.text).toContain('Greet ***');
    expect(run.stdout + run.stderr).not.toContain(AZURE_KEY);
  });

  it('model.provider azure without its variables: exit 2 naming each', async () => {
    const dir = await tempProject({ 'p.yaml': pipelineYaml('{ provider: azure, name: gpt-4o-mini }') });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir, env: { AZURE_OPENAI_API_KEY: AZURE_KEY } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: model\.provider is azure, but AZURE_OPENAI_ENDPOINT and OPENAI_API_VERSION are not set: set AZURE_OPENAI_ENDPOINT to /);
    expect(run.stderr).not.toContain(AZURE_KEY);
  });

  it('model.provider ollama: requests go to OLLAMA_HOST/v1 with no key set', async () => {
    server = await startScriptedServer(greeting);
    const dir = await tempProject({ 'p.yaml': pipelineYaml('{ provider: ollama, name: "llama3.1:8b" }') });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir, env: { OLLAMA_HOST: server.origin.replace('http://', '') } });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('hello\n');
    expect(server.calls.map((call) => call.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(server.calls[0]!.body?.['model']).toBe('llama3.1:8b');
  });
});
