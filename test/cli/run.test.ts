import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chunkPlanBySteps, startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

const node = JSON.stringify(process.execPath);

/** A pipeline whose tools are tiny node scripts, so tests need nothing but Node. */
function pipelineYaml(extra = ''): string {
  return `version: 1
name: test-pipeline
task: "Summarise {{inputs.topic}}"
inputs:
  topic: { type: string, default: the weather }
model: { name: test-model }
tools:
  - name: echo_args
    description: Prints its argv as JSON
    command: [${node}, echo-args.js, "{{args.text}}"]
    cwd: .
    args:
      type: object
      properties: { text: { type: string } }
      required: [text]
      additionalProperties: false
    output: json
  - name: flaky
    description: Fails on its first run, succeeds after
    command: [${node}, flaky.js]
    cwd: .
    args: { type: object, properties: {}, additionalProperties: false }
    output: text
  - name: touch_marker
    description: Writes a marker file
    command: [${node}, -e, "require('fs').writeFileSync('marker', 'ran')"]
    cwd: .
    args: { type: object, properties: {}, additionalProperties: false }
${extra}`;
}

const scripts = {
  'echo-args.js': 'console.log(JSON.stringify(process.argv.slice(2)));\n',
  'flaky.js': `const fs = require('fs');
if (!fs.existsSync('flaky.count')) { fs.writeFileSync('flaky.count', '1'); console.error('flaky: first run fails'); process.exit(4); }
console.log('flaky: fine now');
`,
};

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function envFor(s: ScriptedServer) {
  return { OPENAI_BASE_URL: s.url, OPENAI_API_KEY: 'sk-test-key-do-not-leak-4242' };
}

describe('planexec run', () => {
  it('runs a two-step plan and prints the last step\'s result on stdout', async () => {
    server = await startScriptedServer([
      { match: /Summarise the weather/, json: { steps: [
        { id: 1, action: 'Echo', tool: 'echo_args', args: { text: 'sunny' } },
        { id: 2, action: 'Summarise', tool: 'llm', args: { prompt: 'Say it nicely: ${steps.1.output}' } },
      ] }, times: 1 },
      { match: /Say it nicely: \["sunny"\]/, content: 'It is sunny.' },
    ]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: envFor(server) });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('It is sunny.\n');
    expect(server.calls).toHaveLength(2);
    expect(server.calls[0]!.responseFormat).toBe('json_schema');
  });

  it('replans after a failed step and prints the NEW plan\'s result', async () => {
    server = await startScriptedServer([
      { match: /A step of your plan failed/, json: { steps: [
        { id: 1, action: 'Try again', tool: 'flaky', args: {} },
        { id: 2, action: 'Echo', tool: 'echo_args', args: { text: 'second plan: ${steps.1.output}' } },
      ] } },
      { match: /Summarise the weather/, json: { steps: [
        { id: 1, action: 'Flaky', tool: 'flaky', args: {} },
        { id: 2, action: 'Echo', tool: 'echo_args', args: { text: 'first plan: ${steps.1.output}' } },
      ] } },
    ]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['second plan: flaky: fine now']);
    expect(server.calls).toHaveLength(2);
    // The replan prompt tells the model what failed and why.
    expect(server.calls[1]!.lastUserMessage).toContain('Failed: step 1 (flaky)');
    expect(server.calls[1]!.lastUserMessage).toContain('flaky: first run fails');
    expect(result.stderr).toMatch(/replanning \(full, 1\) after step 1 failed/);
  });

  it('fails with exit 1 when replanning is exhausted', async () => {
    server = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'echo_args', args: { text: 'x' } }, { id: 2, tool: 'llm', args: { prompt: 'unused' }, dependsOn: [1] }] } }]);
    const dir = await tempProject({
      'p.yaml': pipelineYaml('replan: { strategy: full, maxReplans: 1 }\n').replace('echo-args.js', 'missing-script.js'),
      ...scripts,
    });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/error: step 1 \(echo_args\) failed: .*exited with code 1/);
    expect(result.stderr).toContain('replanning exhausted (replan.maxReplans: 1)');
    expect(server.calls).toHaveLength(2);
  });

  it('passes a model-written "; rm -rf ~" to the program as one literal argument, never to a shell', async () => {
    const hostile = 'x"; rm -rf ~; echo $(whoami) `id` && touch pwned';
    server = await startScriptedServer([{ json: { steps: [{ id: 1, action: 'Echo', tool: 'echo_args', args: { text: hostile } }] } }]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([hostile]);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
  });

  it('keeps the API key out of a tool\'s environment and out of every output', async () => {
    server = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'dump_env', args: {} }] } }]);
    const dir = await tempProject({
      'p.yaml': pipelineYaml(`  - name: dump_env
    description: Prints its environment
    command: [${node}, -e, "console.log(JSON.stringify(process.env))"]
    args: { type: object, properties: {}, additionalProperties: false }
    output: json
`),
      ...scripts,
    });
    const result = await runCli(['run', 'p.yaml', '--json'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    const env = JSON.parse(result.stdout.trim().split('\n').map((l) => JSON.parse(l)).at(-1).result);
    expect(env.PATH).toBeTruthy();
    expect(env).not.toHaveProperty('OPENAI_API_KEY');
    expect(result.stdout + result.stderr).not.toContain('sk-test-key-do-not-leak-4242');
  });

  it('rejects a plan naming an undeclared tool before anything runs (exit 3)', async () => {
    server = await startScriptedServer([{ json: { steps: [
      { id: 1, action: 'Mark', tool: 'touch_marker', args: {} },
      { id: 2, action: 'Delete everything', tool: 'shell', args: { cmd: 'rm -rf /' } },
    ] } }]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml('planning: { maxRepairs: 0 }\n'), ...scripts });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('step 2: unknown tool "shell"');
    expect(existsSync(path.join(dir, 'marker'))).toBe(false);
  });

  it('repairs a plan with an unknown tool and a cycle: the problems go back to the model, the fixed plan runs', async () => {
    server = await startScriptedServer([
      { match: /The runner rejected your plan/, json: { steps: [
        { id: 1, tool: 'echo_args', args: { text: 'fixed' } },
        { id: 2, tool: 'echo_args', args: { text: 'then ${steps.1.output}' } },
      ] } },
      { json: { steps: [
        { id: 1, tool: 'echo_arg', args: { text: 'typo' } },
        { id: 2, tool: 'echo_args', args: { text: '${steps.3.output}' } },
        { id: 3, tool: 'echo_args', args: { text: '${steps.2.output}' } },
      ] } },
    ]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const result = await runCli(['run', 'p.yaml', '--json'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', result: '["then [\\"fixed\\"]"]', usage: { llmCalls: 2 } });
    const rejected = events.find((e) => e.kind === 'plan-rejected');
    expect(rejected.problems.map((p: { code: string }) => p.code)).toEqual(['unknown-tool', 'cycle']);
    expect(server.calls).toHaveLength(2);
    const repairPrompt = server.calls[1]!.lastUserMessage;
    expect(repairPrompt).toContain('step 1: unknown tool "echo_arg" (did you mean "echo_args"?');
    expect(repairPrompt).toContain('cycle: 2 → 3 → 2');
    // Nothing ran before the plan was fixed: only the fixed plan's two steps started.
    expect(events.filter((e) => e.kind === 'step-started')).toHaveLength(2);
  });

  it('renders the pipeline\'s result template over inputs and step outputs', async () => {
    server = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'echo_args', args: { text: 'a' } }, { id: 'b', tool: 'echo_args', args: { text: 'b' } }] } }]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml('result: "{{inputs.topic}}: {{steps.[1].output.[0]}} + {{last.[0]}}"\n'), ...scripts });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('the weather: a + b\n');
  });

  it('uses planexec.config.yaml defaults found above the working directory, under the pipeline\'s own settings', async () => {
    server = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'echo_args', args: { text: 'cfg' } }] } }]);
    const dir = await tempProject({
      'planexec.config.yaml': 'model: { name: config-model, temperature: 0.3 }\n',
      'sub/p.yaml': pipelineYaml().replace('model: { name: test-model }\n', 'model: { temperature: 0.1 }\n'),
      'sub/echo-args.js': scripts['echo-args.js'],
    });
    const result = await runCli(['run', 'p.yaml'], { cwd: path.join(dir, 'sub'), env: envFor(server) });
    expect(result.code).toBe(0);
    expect(server.calls[0]!.body).toMatchObject({ model: 'config-model', temperature: 0.1 });
  });

  it('ends with exit 3 and a clear message when the endpoint keeps answering 500', async () => {
    server = await startScriptedServer([{ status: 500, body: { error: { message: 'upstream exploded' } } }]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/error: model endpoint .* answered HTTP 500 after 3 attempts: upstream exploded/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).not.toContain('sk-test-key-do-not-leak-4242');
  });

  it('prints NDJSON events with --json, ending with run-finished', async () => {
    server = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'echo_args', args: { text: 'a' } }] } }]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const result = await runCli(['run', 'p.yaml', '--json'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e) => e.kind)).toEqual(['run-started', 'plan-requested', 'llm-called', 'plan-accepted', 'step-started', 'step-succeeded', 'run-finished']);
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', result: '["a"]', usage: { llmCalls: 1, stepRuns: 1, replans: 0 } });
  });

  it('records a live run and replays it offline with the same result', async () => {
    server = await startScriptedServer([
      { json: { steps: [{ id: 1, tool: 'echo_args', args: { text: '${steps.2.output}' }, dependsOn: [2] }, { id: 2, tool: 'llm', args: { prompt: 'word?' } }] } },
      { match: /word\?/, content: 'recorded-word' },
    ]);
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const live = await runCli(['run', 'p.yaml', '--record', 'rec.json'], { cwd: dir, env: envFor(server) });
    expect(live.code).toBe(0);
    await server.close();
    server = undefined;
    const replayed = await runCli(['run', 'p.yaml', '--replay', 'rec.json'], { cwd: dir });
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toBe(live.stdout);
    const recording = JSON.parse(await readFile(path.join(dir, 'rec.json'), 'utf8'));
    expect(recording.exchanges.map((e: { purpose: string }) => e.purpose)).toEqual(['plan', 'tool']);

    const changed = await runCli(['run', 'p.yaml', '--replay', 'rec.json', '--input', 'topic=rain'], { cwd: dir });
    expect(changed.code).toBe(3);
    expect(changed.stderr).toContain('no recorded answer for this plan request');
    expect(changed.stderr).toContain('current:  Summarise rain');
  });

  it('reports a missing API key or replay file as a setup error (exit 2), not an internal error', async () => {
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const noKey = await runCli(['run', 'p.yaml'], { cwd: dir });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('error: no API key: set OPENAI_API_KEY');
    expect(noKey.stderr).not.toContain('internal error');
    const noReplay = await runCli(['run', 'p.yaml', '--replay', 'missing.json'], { cwd: dir });
    expect(noReplay.code).toBe(2);
    expect(noReplay.stderr).toContain('cannot read replay file');
    expect(noReplay.stderr).not.toContain('internal error');
  });

  it('streams the plan with an API key set: redacting the key does not turn streaming off', async () => {
    const plan = { steps: [{ id: 1, tool: 'touch_marker', args: {} }, { id: 2, tool: 'echo_args', args: { text: 'b ${steps.1.output}' } }] };
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    // The end of the plan is sent once step 1 has run (its marker is there), not after a delay it may outlast.
    const stepOneRan = async () => {
      while (!existsSync(path.join(dir, 'marker'))) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    server = await startScriptedServer([{ chunks: chunkPlanBySteps(plan), chunkDelayMs: 20, beforePiece: (index) => (index === 2 ? stepOneRan() : undefined) }]);
    const result = await runCli(['run', 'p.yaml', '--json'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    const kinds = result.stdout.trim().split('\n').map((line) => JSON.parse(line).kind);
    expect(kinds).toContain('step-planned');
    expect(kinds.indexOf('step-started')).toBeLessThan(kinds.indexOf('plan-accepted'));
    expect(result.stdout).not.toContain('sk-test-key-do-not-leak-4242');
  });

  it('reports bad --input values with exit 2', async () => {
    const dir = await tempProject({ 'p.yaml': pipelineYaml(), ...scripts });
    const unknown = await runCli(['run', 'p.yaml', '--input', 'color=red'], { cwd: dir, env: { OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown input "color" (declared: topic)');
    const malformed = await runCli(['run', 'p.yaml', '--input', 'topic'], { cwd: dir });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--input expects name=value, got "topic"');
  });
});
