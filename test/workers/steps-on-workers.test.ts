// execution.backend bullmq with real processes on a real redis-server: `planexec run` coordinates,
// `planexec worker` processes run the steps. Redis is started on a free port for this file; without
// redis-server those tests are skipped (see test/support/redis-server.ts).

import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/index.ts';
import { freePort, redisTestsRun, startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { repoRoot, runCli, spawnCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { killIfRunning, waitUntilGone } from '../tools/processes.ts';

const node = JSON.stringify(process.execPath);

// Module tools run inside the worker process: each call is logged with the pid that ran it.
const moduleTools = `import { appendFileSync } from 'node:fs';
export async function count({ n }) {
  appendFileSync('counts.log', n + ' ' + process.pid + '\\n');
  await new Promise((resolve) => setTimeout(resolve, 10));
  return 'item-' + n;
}
export function join({ parts }) { return parts.join(','); }
`;

// A command step that logs its start (with the pid of the worker that spawned it) and ends later. When
// the file hold-<n> is there (it takes it away), it waits for the test to write release-<n> first, so
// it runs for as long as the test needs, whatever the machine's speed; without a release, until killed.
const slowScript = `const fs = require('fs');
const [n, ms] = process.argv.slice(2);
fs.appendFileSync('starts.log', n + ' ' + process.ppid + ' ' + process.pid + '\\n');
const end = () => setTimeout(() => { fs.appendFileSync('ends.log', n + '\\n'); console.log('done-' + n); }, Number(ms));
if (fs.existsSync('hold-' + n)) {
  fs.unlinkSync('hold-' + n);
  const poll = setInterval(() => { if (fs.existsSync('release-' + n)) { clearInterval(poll); end(); } }, 20);
} else end();
`;

const pipeline = (queue: string, redisUrl: string) => `version: 1
name: on-workers
task: "Work"
model: { name: m }
planning: { maxSteps: 200 }
replan: { strategy: none }
execution: { backend: { kind: bullmq, redis: "${redisUrl}", queue: ${queue} } }
tools:
  - name: count
    description: Counts one item
    module: tools.mjs
    export: count
    args: { type: object, properties: { n: { type: integer } }, required: [n], additionalProperties: false }
  - name: fetch_count
    description: Counts one item, as told by someone outside
    module: tools.mjs
    export: count
    trust: untrusted
    args: { type: object, properties: { n: { type: integer } }, required: [n], additionalProperties: false }
  - name: join
    description: Joins texts
    module: tools.mjs
    export: join
    args: { type: object, properties: { parts: { type: array, items: { type: string } } }, required: [parts] }
  - name: slow
    description: Takes a while
    command: [${node}, slow.js, "{{args.n}}", "{{args.ms}}"]
    args: { type: object, properties: { n: { type: string }, ms: { type: string } }, required: [n, ms], additionalProperties: false }
  - name: fragile
    description: Must not run twice
    command: [${node}, slow.js, "{{args.n}}", "{{args.ms}}"]
    args: { type: object, properties: { n: { type: string }, ms: { type: string } }, required: [n, ms], additionalProperties: false }
    idempotent: false
    critical: false
`;

let redis: RedisServer;
let server: ScriptedServer | undefined;
const children: { kill: (signal: NodeJS.Signals) => boolean }[] = [];
const strayPids: number[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const pid of strayPids.splice(0)) killIfRunning(pid);
  await server?.close();
  server = undefined;
});

async function project(queue: string, plan: unknown, redisUrl = redis.url) {
  server = await startScriptedServer([{ json: plan }]);
  const dir = await tempProject({ 'p.yaml': pipeline(queue, redisUrl), 'tools.mjs': moduleTools, 'slow.js': slowScript });
  return { dir, env: { OPENAI_BASE_URL: server.url } };
}

/** A `planexec worker` process, resolved once it says it is ready. */
async function startWorker(dir: string, queue: string, name: string, extra: string[] = []) {
  const worker = spawnCli(['worker', '--redis', redis.url, '--queue', queue, '--name', name, '--concurrency', '4', ...extra], { cwd: dir, timeoutMs: 60_000 });
  children.push(worker.child);
  let stderr = '';
  worker.child.stderr.on('data', (chunk) => (stderr += chunk));
  await waitFor(async () => stderr.includes(`worker ${name} ready`), `worker ${name} to be ready`);
  /** What the worker has logged so far. */
  const log = () => stderr;
  return { ...worker, pid: worker.child.pid!, log };
}

/** The `--json` events, each checked against schemas/events.schema.json made strict (no undeclared field). */
async function eventsOf(stdout: string): Promise<RunEvent[]> {
  const schema = JSON.parse(await readFile(path.join(repoRoot, 'schemas/events.schema.json'), 'utf8'));
  for (const definition of Object.values(schema.definitions) as { type?: string; properties?: unknown; additionalProperties?: boolean }[]) {
    if (definition.type === 'object' && definition.properties && !('additionalProperties' in definition)) definition.additionalProperties = false;
  }
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  return stdout.split('\n').filter(Boolean).map((line) => {
    const event = JSON.parse(line) as RunEvent;
    if (!validate(event)) throw new Error(`${line}\n${JSON.stringify(validate.errors)}`);
    return event;
  });
}

async function linesOf(file: string): Promise<string[][]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => line.split(' '));
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const fanOut = {
  steps: [
    ...Array.from({ length: 100 }, (_, i) => ({ id: i + 1, action: `Count ${i + 1}`, tool: 'count', args: { n: i + 1 } })),
    { id: 101, action: 'Join', tool: 'join', args: { parts: Array.from({ length: 100 }, (_, i) => `\${steps.${i + 1}.output}`) } },
  ],
};

describe('Redis unreachable', () => {
  it('run exits 3 with a clear error before anything is planned', async () => {
    const port = await freePort();
    const { dir, env } = await project('down', { steps: [{ id: 1, action: 'Count', tool: 'count', args: { n: 1 } }] }, `redis://127.0.0.1:${port}`);
    const run = await runCli(['run', 'p.yaml', '--backend', `redis://:s3cret@127.0.0.1:${port}`], { cwd: dir, env });
    // It gave up by itself (the harness kills a CLI that hangs, which leaves no exit code), saying so once.
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`error: cannot reach Redis at redis://:***@127.0.0.1:${port}: connection refused (is redis-server running and listening there?)\n`);
    expect(server!.calls).toHaveLength(0); // nothing was planned
  });
});

describe.runIf(redisTestsRun)('steps on workers through Redis (execution.backend bullmq)', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a 100-step fan-out on two worker processes: every step ran once, both took work, the result is the local one', async () => {
    const { dir, env } = await project('fan', fanOut);
    const [w1, w2] = await Promise.all([startWorker(dir, 'fan', 'w1'), startWorker(dir, 'fan', 'w2')]);

    const remote = await runCli(['run', 'p.yaml', '--json', '--concurrency', '32'], { cwd: dir, env });
    expect(remote.stderr).not.toContain('error');
    expect(remote.code).toBe(0);
    const counts = await linesOf(path.join(dir, 'counts.log'));
    expect(counts.map(([n]) => Number(n)).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(counts.map(([, pid]) => Number(pid)))).toEqual(new Set([w1.pid, w2.pid]));

    const events = await eventsOf(remote.stdout);
    const succeeded = events.filter((event) => event.kind === 'step-succeeded');
    expect(succeeded).toHaveLength(101);
    expect(new Set(succeeded.map((event) => event.worker))).toEqual(new Set(['w1', 'w2']));
    const finished = events.find((event) => event.kind === 'run-finished');

    const local = await runCli(['run', 'p.yaml', '--backend', 'local'], { cwd: dir, env });
    expect(local.code).toBe(0);
    expect(`${finished?.kind === 'run-finished' ? finished.result : ''}\n`).toBe(local.stdout);
    expect(local.stdout).toMatch(/^item-1,item-2,.*,item-100\n$/);

    const started = events[0]!;
    const shown = await runCli(['show', started.kind === 'run-started' ? started.runId : '?'], { cwd: dir });
    expect(shown.stdout).toMatch(/✔ 1\. Count 1 \[count\] \[\d+\.\d+s on w[12]\]/);
  });

  it('trust labels stay with steps that run on workers: events and show say which outputs are untrusted', async () => {
    const plan = {
      steps: [
        { id: 1, action: 'Fetch', tool: 'fetch_count', args: { n: 1 } },
        { id: 2, action: 'Join', tool: 'join', args: { parts: ['${steps.1.output}'] } },
        { id: 3, action: 'Count', tool: 'count', args: { n: 3 } },
      ],
    };
    const { dir, env } = await project('labels', plan);
    await startWorker(dir, 'labels', 'w1');
    const run = await runCli(['run', 'p.yaml', '--json'], { cwd: dir, env });
    expect(run.code).toBe(0);
    const events = await eventsOf(run.stdout);
    const succeeded = events.flatMap((event) => (event.kind === 'step-succeeded' ? [[event.stepId, event.worker, event.untrusted ?? false]] : []));
    expect(succeeded.sort()).toEqual([['1', 'w1', true], ['2', 'w1', true], ['3', 'w1', false]]);
    const started = events[0]!;
    const shown = await runCli(['show', started.kind === 'run-started' ? started.runId : '?'], { cwd: dir });
    expect(shown.stdout).toMatch(/✔ 2\. Join \[join\] \(untrusted output\) \[\d+\.\d+s on w1\]/);
  });

  it('kill -9 of a worker holding steps: they finish on the other worker and the run succeeds; idempotent: false fails instead of rerunning', async () => {
    const plan = {
      steps: [
        { id: 1, action: 'Slow', tool: 'slow', args: { n: '1', ms: '100' } },
        { id: 2, action: 'Fragile', tool: 'fragile', args: { n: '2', ms: '100' } },
        { id: 3, action: 'After', tool: 'slow', args: { n: '3', ms: '0' }, dependsOn: [1] },
      ],
    };
    const { dir, env } = await project('kill', plan);
    // On A, steps 1 and 2 run until they are killed, however long it takes B to start.
    await writeFile(path.join(dir, 'hold-1'), '');
    await writeFile(path.join(dir, 'hold-2'), '');
    const tuned = ['--lock-duration', '2s', '--stalled-interval', '500ms'];
    // Only A is there when the steps are queued, so A holds both.
    const a = await startWorker(dir, 'kill', 'A', tuned);
    const run = spawnCli(['run', 'p.yaml', '--json'], { cwd: dir, env, timeoutMs: 30_000 });
    children.push(run.child);
    await waitFor(async () => (await linesOf(path.join(dir, 'starts.log'))).length === 2, 'steps 1 and 2 to start on A');
    await startWorker(dir, 'kill', 'B', tuned);
    const started = await linesOf(path.join(dir, 'starts.log'));
    expect(started.map(([, ppid]) => Number(ppid))).toEqual([a.pid, a.pid]);
    // The machine is gone: the worker and the commands it started.
    a.child.kill('SIGKILL');
    for (const [, , pid] of started) strayPids.push(Number(pid));
    for (const pid of strayPids) killIfRunning(pid);

    const result = await run.done;
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const events = await eventsOf(result.stdout);
    expect(events.find((event) => event.kind === 'step-succeeded' && event.stepId === '1')).toMatchObject({ worker: 'B' });
    expect(events.find((event) => event.kind === 'step-failed' && event.stepId === '2')).toMatchObject({
      worker: 'B',
      error: expect.stringContaining('marked idempotent: false, so it is not run again'),
    });
    expect(events.some((event) => event.kind === 'failure-tolerated' && event.stepId === '2')).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: 'run-finished', status: 'succeeded', result: 'done-3' });
    // Step 1 started twice (at-least-once), step 2 once; only the second start of step 1 ended.
    expect((await linesOf(path.join(dir, 'starts.log'))).map(([n]) => n).sort()).toEqual(['1', '1', '2', '3']);
    expect((await linesOf(path.join(dir, 'ends.log'))).map(([n]) => n).sort()).toEqual(['1', '3']);
  });

  it('Ctrl-C of the coordinator stops the step on its worker', async () => {
    const { dir, env } = await project('cancel', { steps: [{ id: 1, action: 'Slow', tool: 'slow', args: { n: '1', ms: '20000' } }] });
    const worker = await startWorker(dir, 'cancel', 'C');
    const run = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
    children.push(run.child);
    await waitFor(async () => (await linesOf(path.join(dir, 'starts.log'))).length === 1, 'the step to start');
    const pid = (await linesOf(path.join(dir, 'starts.log')))[0]![2];
    run.child.kill('SIGINT');
    expect((await run.done).code).toBe(130);
    await waitFor(async () => worker.log().includes('step 1 (slow) cancelled by the coordinator'), 'the worker to stop the step');
    expect(await waitUntilGone([Number(pid)])).toEqual([]); // its process is gone
    expect(existsSync(path.join(dir, 'ends.log'))).toBe(false);
  });

  it('SIGTERM: a worker finishes its running steps; a second SIGTERM puts the rest back in the queue for another worker', async () => {
    const plan = {
      steps: [
        { id: 1, action: 'Short', tool: 'slow', args: { n: '1', ms: '0' } },
        { id: 2, action: 'Long', tool: 'slow', args: { n: '2', ms: '0' } },
      ],
    };
    const { dir, env } = await project('drain', plan);
    // Both steps run on A until released; step 1 is released once A has been told to stop, step 2 never.
    await writeFile(path.join(dir, 'hold-1'), '');
    await writeFile(path.join(dir, 'hold-2'), '');
    const a = await startWorker(dir, 'drain', 'A');
    const run = spawnCli(['run', 'p.yaml', '--json'], { cwd: dir, env });
    children.push(run.child);
    await waitFor(async () => (await linesOf(path.join(dir, 'starts.log'))).length === 2, 'both steps to start on A');
    a.child.kill('SIGTERM');
    await waitFor(async () => a.log().includes('SIGTERM: taking no more steps'), 'A to take no more steps');
    await writeFile(path.join(dir, 'release-1'), '');
    await waitFor(async () => a.log().includes('step 1 (slow) succeeded'), 'step 1 to finish on A');
    a.child.kill('SIGTERM');
    const stopped = await a.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('step 2 (slow) stopped and put back in the queue');
    await startWorker(dir, 'drain', 'B');

    const result = await run.done;
    expect(result.code).toBe(0);
    const events = await eventsOf(result.stdout);
    expect(events.find((event) => event.kind === 'step-succeeded' && event.stepId === '1'), stopped.stderr).toMatchObject({ worker: 'A' });
    expect(events.find((event) => event.kind === 'step-succeeded' && event.stepId === '2')).toMatchObject({ worker: 'B' });
    // Steps 1 and 2 start together on A, so either may log first; step 2 starts again on B.
    expect((await linesOf(path.join(dir, 'starts.log'))).map(([n]) => n).sort()).toEqual(['1', '2', '2']);
  });

  it('a worker refuses jobs that do not match its own copy of the pipeline', async () => {
    const { dir } = await project('trust', { steps: [] });
    const worker = await startWorker(dir, 'trust', 'W');
    const queue = new Queue('trust', { connection: { url: redis.url } });
    const events = new QueueEvents('trust', { connection: { url: redis.url } });
    try {
      await events.waitUntilReady();
      const { portablePipelineHash } = await import('../../src/workers/step-job.ts');
      const { loadPipeline } = await import('../../src/pipeline/load-pipeline.ts');
      const hash = portablePipelineHash(await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null }), dir);
      const job = { format: 1, runId: 'r', planNumber: 1, stepId: '1', attempt: 1, pipeline: 'p.yaml', pipelineHash: hash, tool: 'count', args: { n: 1 } };
      const outcome = async (data: Record<string, unknown>) => {
        const added = await queue.add('t', data);
        return added.waitUntilFinished(events, 10_000).then(
          (value: unknown) => ({ value }),
          (error: Error) => ({ refused: error.message }),
        );
      };
      expect(await outcome(job)).toEqual({ value: { ok: true, worker: 'W', output: 'item-1' } });
      expect(await outcome({ ...job, pipelineHash: 'f'.repeat(64) })).toEqual({ refused: expect.stringMatching(/^worker W refused the step: its copy of p\.yaml differs from the coordinator's/) });
      expect(await outcome({ ...job, args: { n: 'one' } })).toEqual({ refused: expect.stringContaining('the arguments do not match the tool\'s schema: step 1 (count): argument "n" must be integer') });
      expect(await outcome({ ...job, tool: 'rm' })).toEqual({ refused: expect.stringContaining('declares no tool "rm"') });
      // Job fields are not trusted: a name carrying a clipboard write or a screen clear reaches the log escaped.
      expect(await outcome({ ...job, stepId: '1\u001b[2J', tool: 'rm\u001b]52;c;eA==\u0007\u009b2J' })).toEqual({ refused: expect.stringContaining('declares no tool') });
      await waitFor(async () => worker.log().includes('rm\\x1b]52;c;eA==\\x07\\x9b2J'), 'the refusal to be logged');
      expect(worker.log()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(await outcome({ ...job, pipeline: '../p.yaml' })).toEqual({ refused: expect.stringContaining('not inside the worker\'s pipeline directory') });
      expect(await outcome({ ...job, tool: 'llm', args: { prompt: 'hi' } })).toEqual({ refused: expect.stringContaining('llm steps run on the coordinator') });
      expect(await outcome({ hello: 'world' })).toEqual({ refused: expect.stringContaining('not a planexec step job') });
      expect(existsSync(path.join(dir, 'counts.log'))).toBe(true);
      expect(await linesOf(path.join(dir, 'counts.log'))).toHaveLength(1);
    } finally {
      await queue.close();
      await events.close();
    }
  });

  it('the coordinator killed mid-run: resume re-attaches to the steps still running on workers, none runs twice', async () => {
    const plan = {
      steps: [
        ...[1, 2, 3].map((n) => ({ id: n, action: `Slow ${n}`, tool: 'slow', args: { n: String(n), ms: '1500' } })),
        { id: 4, action: 'Join', tool: 'join', args: { parts: ['${steps.1.output}', '${steps.2.output}', '${steps.3.output}'] } },
      ],
    };
    const { dir, env } = await project('resume', plan);
    await startWorker(dir, 'resume', 'R');
    const run = spawnCli(['run', 'p.yaml'], { cwd: dir, env });
    children.push(run.child);
    await waitFor(async () => (await linesOf(path.join(dir, 'starts.log'))).length === 3, 'three steps to start');
    run.child.kill('SIGKILL');
    await run.done;

    const [runId] = readdirSync(path.join(dir, '.planexec/runs'));
    const resumed = await runCli(['resume', runId!], { cwd: dir, env });
    expect(resumed.stderr).not.toContain('error');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^done-1\s*,done-2\s*,done-3\s*$/);
    expect((await linesOf(path.join(dir, 'starts.log'))).map(([n]) => n).sort()).toEqual(['1', '2', '3']);
  });

  it('Redis unreachable: a worker keeps retrying until it is there', async () => {
    const port = await freePort();
    const { dir } = await project('down', { steps: [] });
    const worker = spawnCli(['worker', '--redis', `redis://127.0.0.1:${port}`, '--name', 'patient'], { cwd: dir, timeoutMs: 30_000 });
    children.push(worker.child);
    let stderr = '';
    worker.child.stderr.on('data', (chunk) => (stderr += chunk));
    await waitFor(async () => stderr.includes('connection refused'), 'the worker to report the refused connection');
    const late = await startRedisServer(port);
    try {
      await waitFor(async () => stderr.includes('worker patient ready'), 'the worker to connect once Redis is up', 15_000);
      worker.child.kill('SIGTERM');
      expect((await worker.done).code).toBe(0);
      expect(stderr).toContain('worker patient stopped');
    } finally {
      await late.stop();
    }
  });
});
