// The Action's `plan` input: a checked-in plan file run with no planning call, and a plan that no
// longer fits annotated at the plan file's lines — through the committed bundle, as a runner runs it.

import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { tempProject } from '../support/run-cli.ts';
import { runBundledAction } from '../support/run-bundled-action.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const pipeline = `version: 1
name: checked-in
task: "Say hello"
model: { name: m }
tools:
  - name: say
    description: Prints a text
    command: [echo, "{{args.text}}"]
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
`;

const plan = { pipeline: 'checked-in', steps: [{ id: 1, action: 'Say it', tool: 'say', args: { text: 'hello from a reviewed plan' } }] };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the Action\'s plan input', () => {
  it('runs the plan file with no planning call', async () => {
    server = await startScriptedServer([]);
    const dir = await tempProject({ 'ci/p.yaml': pipeline, 'ci/plans/p.json': JSON.stringify(plan, null, 2) });
    const run = await runBundledAction(dir, { pipeline: 'p.yaml', plan: 'plans/p.json', 'working-directory': 'ci', 'base-url': server.url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'succeeded', result: 'hello from a reviewed plan', 'llm-calls': '0' });
    expect(server.calls).toHaveLength(0);
  });

  it('fails the step on a plan that no longer fits, annotated at the plan file\'s line:col', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline });
    await writeFile(path.join(dir, 'plan.json'), JSON.stringify({ ...plan, steps: [{ ...plan.steps[0], tool: 'shout' }] }, null, 2));
    const run = await runBundledAction(dir, { pipeline: 'p.yaml', plan: 'plan.json' });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error [^:]*file=plan\.json,line=7,col=15::step 1: unknown tool "shout"/m);
    expect(run.outputs).toMatchObject({ status: 'invalid-input', 'llm-calls': '0' });
    expect(run.summary).toContain('plan.json:7:15 error: step 1: unknown tool "shout"');
  });

  it('with data, runs the plan file for each row with its inputs, and no planning call', async () => {
    server = await startScriptedServer([]);
    const perRow = { pipeline: 'checked-in', steps: [{ id: 1, action: 'Say it', tool: 'say', args: { text: 'hello ${inputs.who}' } }] };
    const dir = await tempProject({ 'p.yaml': `${pipeline}inputs:\n  who: { type: string }\n`, 'plan.json': JSON.stringify(perRow, null, 2), 'rows.csv': 'who\nada\nbo\n' });
    const run = await runBundledAction(dir, { pipeline: 'p.yaml', plan: 'plan.json', data: 'rows.csv', out: 'results.jsonl', 'base-url': server.url });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'succeeded', 'llm-calls': '0' });
    const lines = (await readFile(path.join(dir, 'results.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as { result: string });
    expect(lines.map((line) => line.result)).toEqual(['hello ada', 'hello bo']);
    expect(server.calls).toHaveLength(0);
  });

  it('with data, a plan file that does not fit fails the step before any row runs, annotated at its line:col', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline, 'rows.csv': 'who\nada\n' });
    await writeFile(path.join(dir, 'plan.json'), JSON.stringify({ ...plan, steps: [{ ...plan.steps[0], tool: 'shout' }] }, null, 2));
    const run = await runBundledAction(dir, { pipeline: 'p.yaml', plan: 'plan.json', data: 'rows.csv', out: 'results.jsonl' });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error [^:]*file=plan\.json,line=7,col=15::step 1: unknown tool "shout"/m);
    expect(run.stdout).not.toContain('batch:');
    expect(run.summary).toContain('plan.json:7:15 error: step 1: unknown tool "shout"');
  });
});
