// A damaged run store: lines that are not events (`null`, a number, a list), events with a field of
// the wrong type, an output file that is gone or damaged. `runs`, `show` and `resume` warn and go on
// where the event can be skipped (a count or a status gets less exact, nothing runs twice); otherwise
// they stop with exit 2, naming the file and line. Never an internal error.

import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { eventShapeProblem, understoodKeywords } from '../../src/store/check-event.ts';
import { foldRun, type RunEvent } from '../../src/index.ts';
import { repoRoot, runCli, spawnCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

// Step 2 prints more than 64 KiB, so its output lives in outputs/; the step named in `slow` waits to be killed.
const stepScript = `const fs = require('fs');
const [n, input = ''] = process.argv.slice(2);
fs.appendFileSync('runs.log', n + '\\n');
const slow = fs.existsSync('slow') ? fs.readFileSync('slow', 'utf8').trim() : '';
if (slow === n) { fs.writeFileSync('slow.pid', String(process.pid)); fs.unlinkSync('slow'); setTimeout(() => {}, 60000); }
else if (fs.existsSync('fail-' + n)) { fs.unlinkSync('fail-' + n); console.error('step ' + n + ' failed on purpose'); process.exit(2); }
else if (n === '2') console.log('B'.repeat(70000));
else console.log(input ? input.length + '>' + n : n);
`;

const pipeline = `version: 1
name: damaged
task: "Run three steps"
model: { name: m }
tools:
  - name: step
    description: One numbered step
    command: [${JSON.stringify(process.execPath)}, step.js, "{{args.n}}", "{{args.input}}"]
    cwd: .
    args: { type: object, properties: { n: { type: string }, input: { type: string } }, required: [n], additionalProperties: false }
`;
const chain = { steps: [1, 2, 3].map((n) => ({ id: n, tool: 'step', args: { n: String(n), ...(n > 1 ? { input: `\${steps.${n - 1}.output}` } : {}) } })) };
const result = '70000>3\n';
const stackTrace = /\n\s+at .+[:(].*\d+:\d+\)?/;

let server: ScriptedServer | undefined;
const stray: number[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const pid of stray.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

async function waitFor(check: () => boolean, what: string) {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A run killed (-9) while step 3 runs: steps 1 and 2 done, step 2's output in outputs/1-2.json. */
async function stoppedRun(rules = [{ json: chain }]) {
  server = await startScriptedServer(rules);
  const env = { OPENAI_BASE_URL: server.url };
  const dir = await tempProject({ 'p.yaml': pipeline, 'step.js': stepScript });
  await writeFile(path.join(dir, 'slow'), '3');
  const { child, done } = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
  await waitFor(() => existsSync(path.join(dir, 'slow.pid')), 'step 3 to start');
  stray.push(Number(await readFile(path.join(dir, 'slow.pid'), 'utf8')));
  child.kill('SIGKILL');
  await done;
  const [runId] = await readdir(path.join(dir, '.planexec/runs'));
  const runDir = path.join(dir, '.planexec/runs', runId!);
  const log = path.join(runDir, 'events.ndjson');
  const lines = async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  /** Replace line `index` (from 0) of the log, or put `insert` before it. */
  const edit = async (index: number, change: { replace?: string; insert?: string }) => {
    const all = await lines();
    if (change.replace !== undefined) all[index] = change.replace;
    if (change.insert !== undefined) all.splice(index, 0, change.insert);
    await writeFile(log, `${all.join('\n')}\n`);
  };
  const indexOf = async (kind: string, stepId?: string) => (await lines()).findIndex((line) => line.includes(`"kind":"${kind}"`) && (stepId === undefined || line.includes(`"stepId":"${stepId}"`)));
  return { dir, env, runId: runId!, runDir, lines, edit, indexOf };
}

async function everyCommand(dir: string, runId: string, env: NodeJS.ProcessEnv) {
  const [runs, show, showJson] = await Promise.all([runCli(['runs'], { cwd: dir }), runCli(['show', runId], { cwd: dir }), runCli(['show', runId, '--format', 'json'], { cwd: dir })]);
  const resume = await runCli(['resume', runId], { cwd: dir, env });
  for (const [name, outcome] of Object.entries({ runs, show, showJson, resume })) {
    expect(outcome.stderr, name).not.toMatch(stackTrace);
    expect(outcome.stderr, name).not.toContain('internal error');
  }
  return { runs, show, showJson, resume };
}

describe('a damaged run store', () => {
  it('lines that are not events (null, a number, a list, text, an object without a kind): each skipped with a warning; runs, show and resume go on', async () => {
    const run = await stoppedRun();
    const junk = ['null', '42', '[1,2]', '"text"', '{"no":"kind"}'];
    for (const [k, line] of junk.entries()) await run.edit(2 + k, { insert: line });
    const { runs, show, showJson, resume } = await everyCommand(run.dir, run.runId, run.env);
    for (const [k, line] of junk.entries()) {
      expect(show.stderr).toContain(`warning: .planexec/runs/${run.runId}/events.ndjson:${3 + k}: not an event (${line}); it is skipped`);
    }
    expect(runs.code).toBe(0);
    expect(runs.stdout).toContain(run.runId);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Plan 1: 2/3 steps done');
    expect(showJson.code).toBe(0);
    expect(resume.code).toBe(0);
    expect(resume.stdout).toBe(result);
    // Said once, though resume reads the log twice.
    expect(resume.stderr.split('\n').filter((line) => line.includes('not an event (null)'))).toHaveLength(1);
  });

  it('a skippable event with a field of the wrong type is skipped with a warning', async () => {
    const run = await stoppedRun();
    const started = await run.indexOf('step-started', '2');
    const line = (await run.lines())[started]!;
    await run.edit(started, { replace: line.replace('"planNumber":1', '"planNumber":"1"') });
    const llm = await run.indexOf('llm-called');
    await run.edit(llm, { replace: (await run.lines())[llm]!.replace(/"promptTokens":\d+/, '"promptTokens":null') });
    const { show, resume } = await everyCommand(run.dir, run.runId, run.env);
    expect(show.stderr).toContain(`events.ndjson:${started + 1}: the step-started event is damaged ("planNumber" must be an integer (got "1")); it is skipped`);
    expect(show.stderr).toContain(`events.ndjson:${llm + 1}: the llm-called event is damaged ("promptTokens" must be an integer (got null)); it is skipped`);
    expect(show.code).toBe(0);
    expect(resume.code).toBe(0);
    expect(resume.stdout).toBe(result);
  });

  it.each([
    ['step-succeeded', '"durationMs":', '"durationMs":"fast","was":'],
    ['plan-accepted', '"steps":[', '"steps":"none","was":['],
    ['run-started', '"inputs":{', '"inputs":null,"was":{'],
  ])('an event the run needs (%s) with %s changed: show and resume exit 2 naming the file and line; runs lists the others', async (kind, from, to) => {
    const run = await stoppedRun();
    const index = await run.indexOf(kind, kind === 'step-succeeded' ? '1' : undefined);
    const line = (await run.lines())[index]!;
    expect(line).toContain(from);
    await run.edit(index, { replace: line.replace(from, to) });
    const { runs, show, resume } = await everyCommand(run.dir, run.runId, run.env);
    const where = `.planexec/runs/${run.runId}/events.ndjson:${index + 1}: the ${kind} event is damaged: `;
    expect(show.code).toBe(2);
    expect(show.stderr).toContain(`error: ${where}`);
    expect(show.stderr).toContain('the run log cannot be read past it');
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain(`error: ${where}`);
    expect(runs.code).toBe(0);
    expect(runs.stderr).toContain(`warning: run ${run.runId} cannot be read: ${where}`);
  });

  it('a plan that keeps a step it does not have is read, not a crash', async () => {
    const run = await stoppedRun();
    // Plan 2 keeps step 1, which succeeded in plan 1, but has no step 1 itself.
    const accepted = JSON.parse((await run.lines())[await run.indexOf('plan-accepted')]!);
    const plan2 = { ...accepted, planNumber: 2, steps: accepted.steps.filter((step: { id: string }) => step.id !== '1'), kept: ['1'] };
    await run.edit((await run.lines()).length, { insert: JSON.stringify(plan2) });
    const shown = await runCli(['show', run.runId], { cwd: run.dir });
    expect(shown.stderr).not.toContain('internal error');
    expect(shown.code).toBe(0);
  });

  it('an output file that is gone: show still works; resume, which needs it, exits 2 naming the event\'s line and the file', async () => {
    const run = await stoppedRun();
    await rm(path.join(run.runDir, 'outputs/1-2.json'));
    const line = (await run.indexOf('step-succeeded', '2')) + 1;
    const { show, resume } = await everyCommand(run.dir, run.runId, run.env);
    expect(show.code).toBe(0);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toBe(`error: .planexec/runs/${run.runId}/events.ndjson:${line}: the step's stored output outputs/1-2.json cannot be read: the file is gone; the run cannot be resumed without it (start a new one with planexec run)\n`);
    expect(await readFile(path.join(run.dir, 'runs.log'), 'utf8')).toBe('1\n2\n3\n'); // nothing ran again
  });

  it('an output file that is damaged, or named outside outputs/: exit 2 as well', async () => {
    for (const damage of ['damaged', 'outside'] as const) {
      const run = await stoppedRun();
      const index = await run.indexOf('step-succeeded', '2');
      if (damage === 'damaged') await writeFile(path.join(run.runDir, 'outputs/1-2.json'), '{"cut');
      else await run.edit(index, { replace: (await run.lines())[index]!.replace('"outputFile":"outputs/1-2.json"', '"outputFile":"../../../p.yaml"') });
      const resumed = await runCli(['resume', run.runId], { cwd: run.dir, env: run.env });
      expect(resumed.code, damage).toBe(2);
      expect(resumed.stderr, damage).toContain(damage === 'damaged' ? 'outputs/1-2.json is damaged (not JSON)' : 'the stored output names "../../../p.yaml", which is not a file under outputs/');
      await server?.close();
      server = undefined;
    }
  });

  it('an output only kept for reuse is gone: resume warns that the call cannot be reused, and goes on', async () => {
    // Plan 1 fails at step 3; the full replan (plan 2) reuses steps 1 and 2 and is killed in its step 3.
    // outputs/1-2.json is then needed only to reuse step 2 again; plan 2 has its own copy.
    server = await startScriptedServer([{ match: /runner needs a new plan/, json: chain }, { json: chain }]);
    const env = { OPENAI_BASE_URL: server.url };
    const dir = await tempProject({ 'p.yaml': pipeline, 'step.js': stepScript, 'fail-3': '' });
    const { child, done } = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
    await waitFor(() => existsSync(path.join(dir, 'runs.log')) && !existsSync(path.join(dir, 'fail-3')), 'step 3 to fail');
    await writeFile(path.join(dir, 'slow'), '3');
    await waitFor(() => existsSync(path.join(dir, 'slow.pid')), 'plan 2 step 3 to start');
    stray.push(Number(await readFile(path.join(dir, 'slow.pid'), 'utf8')));
    child.kill('SIGKILL');
    await done;
    const [runId] = await readdir(path.join(dir, '.planexec/runs'));
    const runDir = path.join(dir, '.planexec/runs', runId!);
    expect(existsSync(path.join(runDir, 'outputs/2-2.json'))).toBe(true);
    await rm(path.join(runDir, 'outputs/1-2.json'));
    const resumed = await runCli(['resume', runId!], { cwd: dir, env });
    expect(resumed.stderr).toMatch(/warning: .*events\.ndjson:\d+: the step's stored output outputs\/1-2\.json cannot be read: the file is gone; an identical call will run again rather than reuse it/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(result);
  });

  it('an event of a kind from a later planexec is passed over without a warning', async () => {
    const run = await stoppedRun();
    await run.edit(2, { insert: JSON.stringify({ kind: 'step-teleported', time: new Date().toISOString(), planNumber: 'anything' }) });
    const shown = await runCli(['show', run.runId], { cwd: run.dir });
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe('');
  });
});

const schema = JSON.parse(await readFile(path.join(repoRoot, 'schemas/events.schema.json'), 'utf8'));

describe('the event checker', () => {

  it('understands every keyword the events schema uses', () => {
    const used = new Set<string>();
    const walk = (value: unknown, inNames: boolean) => {
      if (Array.isArray(value)) return value.forEach((item) => walk(item, false));
      if (value === null || typeof value !== 'object') return;
      for (const [key, item] of Object.entries(value)) {
        if (inNames) walk(item, false);
        else {
          used.add(key);
          walk(item, key === 'properties' || key === 'definitions');
        }
      }
    };
    walk(schema, false);
    expect([...used].filter((keyword) => !understoodKeywords.has(keyword))).toEqual([]);
  });

  it('agrees with ajv on real events and on each of them with a field changed to the wrong type', async () => {
    const ajv = new Ajv({ strict: false, validateFormats: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const run = await stoppedRun();
    await runCli(['resume', run.runId], { cwd: run.dir, env: run.env });
    const events = (await run.lines()).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(new Set(events.map((event) => event.kind)).size).toBeGreaterThan(6);
    let compared = 0;
    for (const event of events) {
      expect(eventShapeProblem(event), JSON.stringify(event).slice(0, 200)).toBeUndefined();
      expect(validate(event)).toBe(true);
      for (const field of Object.keys(event)) {
        for (const wrong of [null, 'text', 7, 1.5, [], {}, -1]) {
          const changed = { ...event, [field]: wrong };
          expect(eventShapeProblem(changed) === undefined, `${event.kind}.${field} = ${JSON.stringify(wrong)}`).toBe(validate(changed));
          compared++;
        }
      }
      const { time: _time, ...withoutTime } = event;
      expect(eventShapeProblem(withoutTime)).toBe('the event has no "time"');
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('a fold of checked events never meets a field of the wrong type', () => {
    const started = { kind: 'run-started', time: 't', runId: 'r', pipeline: 'p', file: 'p.yaml', pipelineHash: 'h', inputs: {} };
    expect(eventShapeProblem(started)).toBeUndefined();
    expect(() => foldRun([started as unknown as RunEvent])).not.toThrow();
  });
});
