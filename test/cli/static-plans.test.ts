// Plans you can check in: `plan --out` / `run --plan`, a pipeline's fixed `plan:`, replanning after a
// fixed plan's step fails, and `validate` of both — through the CLI, against the scripted model server.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

const echoTool = `  - name: say
    description: Prints a text
    command: [echo, "{{args.text}}"]
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
  - name: read_text
    description: Prints a file
    command: [cat, "--", "{{args.file}}"]
    args: { type: object, properties: { file: { type: string } }, required: [file], additionalProperties: false }
  - name: touch_marker
    description: Writes a marker file
    command: [touch, marker]
    args: { type: object, additionalProperties: false }
`;

const planned = `version: 1
name: greeter
task: "Greet"
model: { name: m }
tools:
${echoTool}`;

const modelPlan = {
  steps: [
    { id: 1, action: 'Say hello', tool: 'say', args: { text: 'hello' } },
    { id: 2, action: 'Mark', tool: 'touch_marker', args: {} },
    { id: 3, action: 'Say what step 1 said', tool: 'say', args: { text: 'step 1 said: ${steps.1.output}' }, dependsOn: [2] },
  ],
};

const fixed = `version: 1
name: fixed-dag
inputs:
  who: { type: string, default: world }
model: { name: m }
tools:
${echoTool}plan:
  steps:
    - { id: greet, action: Greet, tool: say, args: { text: "hello \${inputs.who}" } }
    - { id: shout, action: Repeat it, tool: say, args: { text: "again: \${steps.greet.output}" } }
`;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('plan --out and run --plan', () => {
  it('writes the compiled plan with the pipeline name, and runs it with no planning call', async () => {
    server = await startScriptedServer([{ json: modelPlan }]);
    const dir = await tempProject({ 'p.yaml': planned });
    const env = { OPENAI_BASE_URL: server.url };
    const plan = await runCli(['plan', 'p.yaml', '--out', 'plans/greeter.json'], { cwd: dir, env });
    expect(plan.code).toBe(0);
    expect(server.calls).toHaveLength(1);
    expect(plan.stderr).toContain('wrote the plan to plans/greeter.json: run it with planexec run p.yaml --plan plans/greeter.json');
    const file = JSON.parse(await readFile(path.join(dir, 'plans/greeter.json'), 'utf8'));
    expect(file).toEqual({ pipeline: 'greeter', ...modelPlan });
    expect(existsSync(path.join(dir, 'marker'))).toBe(false);

    const run = await runCli(['run', 'p.yaml', '--plan', 'plans/greeter.json'], { cwd: dir, env });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('step 1 said: hello\n');
    expect(server.calls).toHaveLength(1); // still only the plan call of `plan`
    expect(existsSync(path.join(dir, 'marker'))).toBe(true);
  });

  it('runs a plan file without any model endpoint configured', async () => {
    const dir = await tempProject({ 'p.yaml': planned, 'plan.json': JSON.stringify({ pipeline: 'greeter', ...modelPlan }) });
    const run = await runCli(['run', 'p.yaml', '--plan', 'plan.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('step 1 said: hello\n');
  });

  it('exits 2 with every problem of a plan that no longer fits the pipeline, at its place in the plan file; nothing runs', async () => {
    server = await startScriptedServer([]);
    // The tool's argument was renamed since the plan was made.
    const changed = planned.replace('command: [echo, "{{args.text}}"]\n    args: { type: object, properties: { text: { type: string } }, required: [text]', 'command: [echo, "{{args.message}}"]\n    args: { type: object, properties: { message: { type: string } }, required: [message]');
    const planText = `${JSON.stringify({ pipeline: 'greeter', steps: [...modelPlan.steps, { id: 4, action: 'Gone', tool: 'shout', args: {} }] }, null, 2)}\n`;
    const dir = await tempProject({ 'p.yaml': changed, 'plan.json': planText });
    const run = await runCli(['run', 'p.yaml', '--plan', 'plan.json'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lineOf = (text: string, nth = 0) => planText.split('\n').map((line, index) => (line.includes(text) ? index + 1 : 0)).filter(Boolean)[nth];
    expect(run.stderr).toContain(`plan.json:${lineOf('"args"')}:15 error: step 1 (say): missing required argument "message"`);
    expect(run.stderr).toContain(`plan.json:${lineOf('"text": "hello"')}:9 error: step 1 (say): unknown argument "text" (did you mean "message"? declared: message)`);
    expect(run.stderr).toContain(`plan.json:${lineOf('"text": "step 1 said')}:9 error: step 3 (say): unknown argument "text"`);
    expect(run.stderr).toContain(`plan.json:${lineOf('"shout"')}:15 error: step 4: unknown tool "shout"`);
    expect(run.stderr).toContain(`plan.json:${lineOf('"args"', 2)}:15 error: step 3 (say): missing required argument "message"`);
    expect(run.stderr).toContain('5 problems: the plan file plan.json does not fit p.yaml; nothing ran');
    expect(run.stderr).not.toMatch(/started|\bat .*\.ts:\d+/);
    expect(server.calls).toHaveLength(0);
    expect(existsSync(path.join(dir, 'marker'))).toBe(false);
  });

  it('reports a JSON syntax error of the plan file at its line and column', async () => {
    const dir = await tempProject({ 'p.yaml': planned, 'plan.json': '{\n  "pipeline": "greeter",\n  "steps": [\n    { "id": 1, }\n  ]\n}\n' });
    const run = await runCli(['run', 'p.yaml', '--plan', 'plan.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('plan.json:4:16 error: not valid JSON: Expected double-quoted property name\n');
  });

  it('refuses a plan made for another pipeline (exit 2), saying how to make one', async () => {
    const dir = await tempProject({ 'p.yaml': planned, 'plan.json': JSON.stringify({ pipeline: 'release-notes', ...modelPlan }, null, 2) });
    const run = await runCli(['run', 'p.yaml', '--plan', 'plan.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('plan.json:2:15 error: this plan was made for the pipeline "release-notes", not "greeter" (p.yaml); make one for it with planexec plan p.yaml --out <file>');
    expect(existsSync(path.join(dir, 'marker'))).toBe(false);
  });

  it('says so when the plan file is missing', async () => {
    const dir = await tempProject({ 'p.yaml': planned });
    const run = await runCli(['run', 'p.yaml', '--plan', 'nope.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^nope\.json:1:1 error: cannot read the plan file: .*ENOENT/);
  });
});

describe('a fixed plan: in the pipeline', () => {
  it('runs as a fixed DAG with no task and no planning call, inputs filled in', async () => {
    server = await startScriptedServer([]);
    const dir = await tempProject({ 'p.yaml': fixed });
    const run = await runCli(['run', 'p.yaml', '--input', 'who=planexec', '--json'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.map((e: { kind: string }) => e.kind)).not.toContain('plan-requested');
    expect(events.at(-1)).toMatchObject({ kind: 'run-finished', status: 'succeeded', result: 'again: hello planexec', usage: { llmCalls: 0 } });
    expect(server.calls).toHaveLength(0);
  });

  it('plan prints the fixed plan as compiled, asking no model', async () => {
    const dir = await tempProject({ 'p.yaml': fixed });
    const result = await runCli(['plan', 'p.yaml', '--format', 'mermaid'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('flowchart TD');
    expect(result.stdout).toContain('s2["shout. Repeat it [say]"]');
  });

  it('reports its problems at the pipeline file\'s line:col, in run and in validate', async () => {
    const bad = fixed
      .replace('tool: say, args: { text: "hello ${inputs.who}" }', 'tool: sya, args: { text: "hello ${inputs.whom}" }')
      .replace('"again: ${steps.greet.output}"', '"again: ${steps.gret.output}"');
    const dir = await tempProject({ 'p.yaml': bad });
    const lineOf = (text: string) => bad.split('\n').findIndex((line) => line.includes(text)) + 1;
    const colOf = (text: string) => bad.split('\n')[lineOf(text) - 1]!.indexOf(text) + 1;
    const lines = [
      `p.yaml:${lineOf('sya')}:${colOf('sya')} error: step greet: unknown tool "sya" (did you mean "say"? declared tools: say, read_text, touch_marker, llm)`,
      `p.yaml:${lineOf('"hello')}:${colOf('"hello')} error: \${inputs.whom} names no declared input (did you mean "who"?)`,
      `p.yaml:${lineOf('"again')}:${colOf('"again')} error: step shout (say): \${steps.gret.output} refers to step gret, but the plan has no step gret (steps: greet, shout)`,
    ];
    const run = await runCli(['run', 'p.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${lines.join('\n')}\n3 problems in the plan of p.yaml; nothing ran\n`);
    const validate = await runCli(['validate', 'p.yaml'], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toBe(`${lines.join('\n')}\n3 errors in 1 file\n`);
  });

  it('still needs a task without one', async () => {
    const dir = await tempProject({ 'p.yaml': fixed.replace(/plan:\n[\s\S]*$/, '') });
    const validate = await runCli(['validate', 'p.yaml'], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain('p.yaml:1:1 error: missing required field "task"');
  });
});

describe('replanning a fixed plan', () => {
  const failing = (strategy: string) => `version: 1
name: fixed-replan
model: { name: m, maxRetries: 0 }
replan: { strategy: ${strategy}, maxReplans: 1 }
tools:
${echoTool}plan:
  steps:
    - { id: 1, action: Read the changelog, tool: read_text, args: { file: CHANGELOG.md } }
    - { id: 2, action: Quote it, tool: say, args: { text: "latest: \${steps.1.output}" } }
`;

  it('asks the model for a new plan after a step fails, as the pipeline\'s strategy says', async () => {
    server = await startScriptedServer([{ json: { steps: [
      { id: 1, action: 'Read the changes', tool: 'read_text', args: { file: 'CHANGES.md' } },
      { id: 2, action: 'Quote it', tool: 'say', args: { text: 'latest: ${steps.1.output}' } },
    ] } }]);
    const dir = await tempProject({ 'p.yaml': failing('full'), 'CHANGES.md': '3.0.0' });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(run.stderr).toContain('replanning (full, 1) after step 1 failed');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('latest: 3.0.0\n');
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.lastUserMessage).toContain('CHANGELOG.md');
  });

  it('fails with the step\'s error and no model call under strategy none', async () => {
    server = await startScriptedServer([]);
    const dir = await tempProject({ 'p.yaml': failing('none'), 'CHANGES.md': '3.0.0' });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: step 1 (read_text) failed: cat -- CHANGELOG.md exited with code 1');
    expect(server.calls).toHaveLength(0);
  });

  it('resumes a failed fixed-plan run with no endpoint configured, as run does, asking no model', async () => {
    const dir = await tempProject({ 'p.yaml': failing('none') });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/to continue it: planexec resume \d{8}-\d{6}-[0-9a-f]{4}/);
    await writeFile(path.join(dir, 'CHANGELOG.md'), '3.0.0');
    const resumed = await runCli(['resume', 'last'], { cwd: dir });
    expect(resumed.stderr).not.toContain('no API key');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('latest: 3.0.0\n');
    expect(resumed.stderr).toContain('0 model calls');
  });

  it('says there is no model to replan with when no endpoint is configured', async () => {
    const dir = await tempProject({ 'p.yaml': failing('full') });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot ask the model (replan): no API key: set OPENAI_API_KEY (or model.baseURL, OPENAI_BASE_URL or --base-url for a local server)');
    expect(run.stderr).not.toMatch(/internal error|\bat .*\.ts:\d+/);
    // Nothing left the process: no model call is counted.
    expect(run.stderr).toContain('run plan-failed: 0 model calls');
  });
});

describe('validate --plan', () => {
  it('checks a plan file against the pipeline', async () => {
    const dir = await tempProject({ 'p.yaml': planned, 'plan.json': JSON.stringify({ pipeline: 'greeter', ...modelPlan }, null, 2) });
    const good = await runCli(['validate', 'p.yaml', '--plan', 'plan.json'], { cwd: dir });
    expect(good.stderr).toBe('2 files valid\n');
    expect(good.code).toBe(0);
    await writeFile(path.join(dir, 'plan.json'), JSON.stringify({ pipeline: 'greeter', steps: [{ id: 1, tool: 'say', args: { text: 3 } }] }, null, 2));
    const bad = await runCli(['validate', 'p.yaml', '--plan', 'plan.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('plan.json:8:17 error: step 1 (say): argument "text" must be string, got integer\n1 error in 1 file\n');
  });

  it('wants exactly one pipeline with --plan', async () => {
    const dir = await tempProject({ 'p.yaml': planned, 'q.yaml': planned, 'plan.json': '{"steps": []}' });
    const result = await runCli(['validate', 'p.yaml', 'q.yaml', '--plan', 'plan.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --plan checks a plan file against one pipeline; 2 pipeline files were given\n(see planexec validate --help)\n');
  });
});
