import { existsSync } from 'node:fs';
import { readdir, readFile, rm, truncate, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient, loadPipeline, resumeRun, type RunEvent, type RunOutcome, runPipeline } from '../../src/index.ts';
import { defaultPlanCacheDir, defaultRunsRoot } from '../../src/store/run-store.ts';
import { chunkPlanBySteps, startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, spawnCli, tempProject } from '../support/run-cli.ts';
import { killIfRunning } from '../tools/processes.ts';

// A 10-step chain; every tool run is appended to runs.log. A step named in the file `slow` sleeps
// (after writing its pid) until it is killed, so a test can kill -9 planexec while that step runs.
// A shell script: these tests start some 150 step processes, and sh starts in a fraction of node's time.
const stepScript = `n="$1"; input="$2"
echo "$n" >> runs.log
if [ -e slow ] && [ "$(cat slow)" = "$n" ]; then rm slow; echo $$ > slow.pid; exec sleep 60; fi
if [ -e "fail-$n" ]; then rm "fail-$n"; echo "step $n failed on purpose" >&2; exit 2; fi
if [ -e "always-fail-$n" ]; then echo "step $n always fails" >&2; exit 2; fi
if [ -n "$input" ]; then echo "$input>$n"; else echo "$n"; fi
`;

const pipeline = (extra = '') => `version: 1
name: ten-steps
task: "Run ten steps"
model: { name: m }
tools:
  - name: step
    description: One numbered step
    command: [sh, step.sh, "{{args.n}}", "{{args.input}}"]
    cwd: .
    args: { type: object, properties: { n: { type: string }, input: { type: string } }, required: [n], additionalProperties: false }
${extra}`;

const chain = { steps: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, action: `Step ${i + 1}`, tool: 'step', args: { n: String(i + 1), ...(i ? { input: `\${steps.${i}.output}` } : {}) } })) };
const fullResult = '1>2>3>4>5>6>7>8>9>10';

let server: ScriptedServer | undefined;
const stray: number[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const pid of stray.splice(0)) killIfRunning(pid);
});

async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function runsOf(dir: string): Promise<Record<string, number>> {
  const log = await readFile(path.join(dir, 'runs.log'), 'utf8').catch(() => '');
  const counts: Record<string, number> = {};
  for (const n of log.split('\n').filter(Boolean)) counts[n] = (counts[n] ?? 0) + 1;
  return counts;
}

async function onlyRunId(dir: string): Promise<string> {
  const ids = await readdir(path.join(dir, '.planexec/runs'));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** Start a run and kill -9 planexec while step `n` runs (its process is cleaned up after the test). */
async function killWhileStepRuns(dir: string, env: NodeJS.ProcessEnv, n: string) {
  await writeFile(path.join(dir, 'slow'), n);
  const { child, done } = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
  // The file exists a moment before its pid is written in it.
  const pidOf = async () => (existsSync(path.join(dir, 'slow.pid')) ? (await readFile(path.join(dir, 'slow.pid'), 'utf8')).trim() : '');
  await waitFor(async () => (await pidOf()) !== '', `step ${n} to start`);
  stray.push(Number(await pidOf()));
  child.kill('SIGKILL');
  await done;
}

/**
 * What `planexec run` (or, with a run id, `planexec resume`) does in `dir`, through the library: the
 * same run store and plan cache. For tests of what is stored and reused; the CLI's own flags and
 * exit codes are tested through the CLI.
 */
async function runInProcess(dir: string, env: NodeJS.ProcessEnv, options: { resume?: string; strategy?: 'none' } = {}): Promise<{ outcome: RunOutcome; events: RunEvent[] }> {
  const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir });
  const llm = await createLlmClient(pipeline.model, { cwd: dir, env });
  const events: RunEvent[] = [];
  const common = {
    llm,
    cwd: dir,
    env: { PATH: process.env.PATH },
    planCacheDir: defaultPlanCacheDir(dir),
    onEvent: (event: RunEvent) => events.push(event),
    ...(options.strategy ? { strategy: options.strategy } : {}),
  };
  const root = defaultRunsRoot(dir);
  const outcome = options.resume === undefined ? await runPipeline(pipeline, { ...common, store: { root } }) : await resumeRun(options.resume, { ...common, root });
  return { outcome, events };
}

async function setUp(rules: Rule[], extra = '') {
  server = await startScriptedServer(rules);
  const dir = await tempProject({ 'p.yaml': pipeline(extra), 'step.sh': stepScript });
  return { dir, env: { OPENAI_BASE_URL: server.url } };
}

describe('durable runs', () => {
  it('kill -9 while step 6 runs, then resume: steps 1–5 ran exactly once and the result is right', async () => {
    const { dir, env } = await setUp([{ json: chain }]);
    await killWhileStepRuns(dir, env, '6');

    const runId = await onlyRunId(dir);
    const shown = await runCli(['show', runId], { cwd: dir });
    expect(shown.stdout).toContain('— stopped');
    expect(shown.stdout).toContain('Plan 1: 5/10 steps done');

    const resumed = await runCli(['resume', runId], { cwd: dir, env });
    expect(resumed.stderr).not.toContain('error');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${fullResult}\n`);
    expect(await runsOf(dir)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2, 7: 1, 8: 1, 9: 1, 10: 1 });
    expect(server!.calls).toHaveLength(1); // no new plan was requested
    const after = await runCli(['show', runId, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(after.stdout)).toMatchObject({ status: 'succeeded', resumes: 1, usage: { llmCalls: 1 } });
  });

  it('kill -9 during planning, then resume: the plan is requested again and every step runs once', async () => {
    const { dir, env } = await setUp([{ json: chain, delayMs: 60_000, times: 1 }, { json: chain }]);
    const { child, done } = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
    await waitFor(() => server!.calls.length === 1, 'the planning request');
    child.kill('SIGKILL');
    await done;
    const resumed = await runCli(['resume', await onlyRunId(dir)], { cwd: dir, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${fullResult}\n`);
    expect(Object.values(await runsOf(dir))).toEqual(Array(10).fill(1));
  });

  it('kill -9 while replanning (tail-only), then resume: the replan is asked again and kept steps do not rerun', async () => {
    // Replacement for steps 4–10 (ids 14–20), chained on the kept step 3.
    const tail = { steps: Array.from({ length: 7 }, (_, i) => ({ id: 14 + i, tool: 'step', args: { n: String(4 + i), input: `\${steps.${i === 0 ? 3 : 13 + i}.output}` } })) };
    const { dir, env } = await setUp(
      [
        { match: /replace only the failed step/, json: tail, delayMs: 60_000, times: 1 },
        { match: /replace only the failed step/, json: tail },
        { json: chain },
      ],
      'replan: { strategy: tail-only }\n',
    );
    await writeFile(path.join(dir, 'fail-4'), '');
    const { child, done } = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
    await waitFor(() => server!.calls.length === 2, 'the replanning request');
    child.kill('SIGKILL');
    await done;
    const resumed = await runCli(['resume', await onlyRunId(dir)], { cwd: dir, env });
    expect(resumed.stderr).not.toContain('error:');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${fullResult}\n`);
    expect(await runsOf(dir)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1 });
    expect(server!.calls).toHaveLength(3);
  });

  it('a torn last line is ignored with a warning; show and resume still work', async () => {
    const { dir, env } = await setUp([{ json: chain }]);
    await killWhileStepRuns(dir, env, '3');
    const runId = await onlyRunId(dir);
    const log = path.join(dir, '.planexec/runs', runId, 'events.ndjson');
    await truncate(log, (await stat(log)).size - 10); // cut the last event in half
    const shown = await runCli(['show', runId], { cwd: dir });
    expect(shown.code).toBe(0);
    expect(shown.stderr).toMatch(/warning: .*events\.ndjson:\d+: the last event was only partly written/);
    const resumed = await runCli(['resume', runId], { cwd: dir, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${fullResult}\n`);
  });

  it('refuses to resume when the pipeline changed, unless --force', async () => {
    const { dir, env } = await setUp([{ json: chain }]);
    await writeFile(path.join(dir, 'fail-2'), '');
    const failed = await runCli(['run', 'p.yaml', '--strategy', 'none'], { cwd: dir, env });
    expect(failed.code).toBe(1);
    const runId = await onlyRunId(dir);
    await writeFile(path.join(dir, 'p.yaml'), pipeline('execution: { concurrency: 2 }\n'));
    const refused = await runCli(['resume', runId], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`error: p.yaml changed since run ${runId} began`);
    const forced = await runCli(['resume', runId, '--force'], { cwd: dir, env });
    expect(forced.code).toBe(0);
    expect(await runsOf(dir)).toMatchObject({ 1: 1, 2: 2, 3: 1 });
  });

  it('resume --force of a pipeline whose inputs no longer fit the stored ones is a setup error (exit 2), not an internal error', async () => {
    const { dir, env } = await setUp([{ json: chain }]);
    await writeFile(path.join(dir, 'fail-2'), '');
    expect((await runCli(['run', 'p.yaml', '--strategy', 'none'], { cwd: dir, env })).code).toBe(1);
    const runId = await onlyRunId(dir);
    await writeFile(path.join(dir, 'p.yaml'), pipeline('inputs:\n  ticket: { type: string }\n'));
    const forced = await runCli(['resume', runId, '--force'], { cwd: dir, env });
    expect(forced.stderr).not.toContain('internal error');
    expect(forced.stderr).toContain(`error: run ${runId}'s inputs no longer fit p.yaml`);
    expect(forced.stderr).toContain('ticket');
    expect(forced.code).toBe(2);
  });

  it('resumes a run started with --model without --force: the model is not part of the pipeline identity', async () => {
    const { dir, env } = await setUp([{ json: chain }]);
    await writeFile(path.join(dir, 'fail-5'), '');
    expect((await runCli(['run', 'p.yaml', '--model', 'other-model', '--strategy', 'none'], { cwd: dir, env })).code).toBe(1);
    const resumed = await runCli(['resume', await onlyRunId(dir)], { cwd: dir, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${fullResult}\n`);
  });

  it('runs lists the runs with status, steps, calls and tokens', async () => {
    const { dir, env } = await setUp([{ json: chain }]);
    expect((await runCli(['run', 'p.yaml'], { cwd: dir, env })).code).toBe(0);
    const listed = await runCli(['runs', '--json'], { cwd: dir });
    const [row] = JSON.parse(listed.stdout);
    expect(row).toMatchObject({ pipeline: 'ten-steps', status: 'succeeded', stepsDone: 10, stepsTotal: 10, llmCalls: 1 });
    const table = await runCli(['runs'], { cwd: dir });
    expect(table.stdout.split('\n')[0]).toMatch(/^RUN\s+PIPELINE\s+STATUS\s+STARTED\s+DURATION\s+STEPS\s+LLM CALLS\s+TOKENS$/);
    expect(table.stdout).toContain('10/10');
  });
});

describe('two crashes in a row', () => {
  // kill -9 while step 6 runs; resume, where step 6 fails and a full replan is asked for; kill -9
  // while the model writes it; resume again. The new plan repeats steps 1–5 unchanged: every call
  // that had finished, in whichever session, is reused rather than run again.
  it('kill -9 in a step, resume, kill -9 in the replan, resume: steps finished in the first session do not run again', async () => {
    const { dir, env } = await setUp([
      { match: /runner needs a new plan/, json: chain, delayMs: 60_000, times: 1 },
      { match: /runner needs a new plan/, json: chain },
      { json: chain },
    ]);
    await killWhileStepRuns(dir, env, '6');
    const runId = await onlyRunId(dir);

    await writeFile(path.join(dir, 'fail-6'), '');
    const { child, done } = spawnCli(['resume', runId], { cwd: dir, env });
    await waitFor(() => server!.calls.length === 2, 'the replanning request');
    child.kill('SIGKILL');
    await done;
    expect(await runsOf(dir)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 2 });

    const resumed = await runCli(['resume', runId, '--json'], { cwd: dir, env });
    expect(resumed.stderr).not.toContain('error:');
    expect(resumed.code).toBe(0);
    expect(await runsOf(dir)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 3, 7: 1, 8: 1, 9: 1, 10: 1 });
    const events = resumed.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const reused = events.filter((event) => event.kind === 'step-succeeded' && event.reused === true).map((event) => event.stepId);
    expect(reused).toEqual(['1', '2', '3', '4', '5']);
    expect(events.at(-1)).toMatchObject({ kind: 'run-finished', status: 'succeeded', result: fullResult });
    expect(server!.calls).toHaveLength(3);
  });

  it('three sessions: a call finished in the second session is reused in the third too', async () => {
    // kill -9 in step 3; resume and kill -9 in step 7 (steps 3–6 done in session two); resume, step 8
    // fails and a full replan repeats everything; steps 1–7 are reused.
    const { dir, env } = await setUp([
      { match: /runner needs a new plan/, json: chain },
      { json: chain },
    ]);
    await killWhileStepRuns(dir, env, '3');
    const runId = await onlyRunId(dir);
    await rm(path.join(dir, 'slow.pid'));
    await writeFile(path.join(dir, 'slow'), '7');
    const second = spawnCli(['resume', runId], { cwd: dir, env });
    await waitFor(() => existsSync(path.join(dir, 'slow.pid')), 'step 7 to start');
    stray.push(Number(await readFile(path.join(dir, 'slow.pid'), 'utf8')));
    second.child.kill('SIGKILL');
    await second.done;
    await writeFile(path.join(dir, 'fail-8'), '');
    const third = await runCli(['resume', runId], { cwd: dir, env });
    expect(third.code).toBe(0);
    expect(third.stdout).toBe(`${fullResult}\n`);
    expect(await runsOf(dir)).toEqual({ 1: 1, 2: 1, 3: 2, 4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 1, 10: 1 });
  });
});

describe('resume and side effects', () => {
  it('a call with side effects finished before the crash: what came before it is not reused after resuming', async () => {
    // Step 2 has side effects: step 1's output may be stale after it, so the replan runs step 1 again
    // (as it would have without the crash), while a crash changes nothing about that.
    const plan = {
      steps: [
        { id: 1, tool: 'step', args: { n: '1' } },
        { id: 2, tool: 'mark', args: { n: '2', input: '${steps.1.output}' } },
        { id: 3, tool: 'step', args: { n: '3', input: '${steps.2.output}' } },
      ],
    };
    const mark = `  - name: mark
    description: A step with side effects
    command: [sh, step.sh, "{{args.n}}", "{{args.input}}"]
    cwd: .
    sideEffects: true
    args: { type: object, properties: { n: { type: string }, input: { type: string } }, required: [n], additionalProperties: false }
`;
    const { dir, env } = await setUp([{ match: /runner needs a new plan/, json: plan }, { json: plan }], mark);
    await killWhileStepRuns(dir, env, '3');
    await writeFile(path.join(dir, 'fail-3'), '');
    const resumed = await runCli(['resume', await onlyRunId(dir)], { cwd: dir, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('1>2>3\n');
    expect(await runsOf(dir)).toEqual({ 1: 2, 2: 2, 3: 3 });
  });
});

describe('plan cache', () => {
  it('an identical second run makes no planning call; --no-cache asks again', async () => {
    const { dir, env } = await setUp([{ json: chain }], 'planning: { cache: true }\n');
    expect((await runInProcess(dir, env)).outcome.exitCode).toBe(0);
    expect(server!.calls).toHaveLength(1);
    const second = await runInProcess(dir, env);
    expect(second.outcome.exitCode).toBe(0);
    expect(server!.calls).toHaveLength(1);
    expect(second.events.find((e) => e.kind === 'plan-accepted')).toMatchObject({ cached: true });
    expect((await runCli(['run', 'p.yaml', '--no-cache'], { cwd: dir, env })).code).toBe(0);
    expect(server!.calls).toHaveLength(2);
  });
});

describe('resume after a crash while the plan was streaming', () => {
  it('asks for the plan again and reuses the steps that already ran, instead of running them twice', async () => {
    // The first answer streams step by step, slowly: steps 1 and 2 run while the rest is still coming.
    const { dir, env } = await setUp([
      { chunks: chunkPlanBySteps(chain), chunkDelayMs: 400, times: 1 },
      { json: chain },
    ]);
    const { child, done } = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
    const stored = async () => {
      const runs = await readdir(path.join(dir, '.planexec/runs')).catch(() => []);
      // The run's folder is made a moment before its log: not there yet reads as nothing stored.
      return runs.length ? readFile(path.join(dir, '.planexec/runs', runs[0]!, 'events.ndjson'), 'utf8').catch(() => '') : '';
    };
    await waitFor(async () => (await stored()).includes('"kind":"step-succeeded","planNumber":1,"stepId":"2"'), 'step 2 to succeed while the plan streams');
    child.kill('SIGKILL');
    await done;
    const resumed = await runCli(['resume', await onlyRunId(dir)], { cwd: dir, env });
    expect(resumed.stderr).not.toContain('error:');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(`${fullResult}\n`);
    expect(Object.values(await runsOf(dir))).toEqual(Array(10).fill(1));
    expect(server!.calls).toHaveLength(2);
  });
});

describe('resume and retry-step', () => {
  it('counts the reruns made before the resume against replan.retries', async () => {
    const { dir, env } = await setUp([{ json: chain }], 'replan: { strategy: retry-step, retries: 1, fallback: none }\n');
    await writeFile(path.join(dir, 'always-fail-3'), '');
    const first = await runInProcess(dir, env);
    expect(first.outcome.exitCode).toBe(1);
    expect((await runsOf(dir))['3']).toBe(2); // the run and its one retry
    const resumed = await runInProcess(dir, env, { resume: await onlyRunId(dir) });
    expect(resumed.outcome.exitCode).toBe(1);
    expect(resumed.outcome.error).toContain('failed after 1 retry (replan.retries) and replan.fallback is none');
    expect((await runsOf(dir))['3']).toBe(3); // resumed once more, with no retry left
  });
});

describe('plan cache and failures', () => {
  it('a plan whose run failed is not cached', async () => {
    const { dir, env } = await setUp([{ json: chain }], 'planning: { cache: true }\n');
    await writeFile(path.join(dir, 'fail-3'), '');
    expect((await runInProcess(dir, env, { strategy: 'none' })).outcome.exitCode).toBe(1);
    expect((await runInProcess(dir, env)).outcome.exitCode).toBe(0);
    expect(server!.calls).toHaveLength(2);
  });
});

describe('approval', () => {
  it('without a terminal, a plan that needs approval stops with exit 2 and says to pass --yes; --yes runs it', async () => {
    const { dir, env } = await setUp([{ json: chain }], 'approve: true\n');
    const refused = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('needs approval before it runs (the pipeline sets approve: true), and there is no terminal to ask on; pass --yes to approve');
    expect(await runsOf(dir)).toEqual({});
    const approved = await runCli(['run', 'p.yaml', '--yes'], { cwd: dir, env });
    expect(approved.code).toBe(0);
  });
});
