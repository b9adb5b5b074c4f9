// Steps on workers through Redis (execution.backend bullmq), driving executePlan with the queue
// backend against real `planexec worker` processes and a redis-server started for the bench:
// (a) 1,000 no-op module steps, one worker: coordinator-to-worker overhead per step (target ≤ 3 ms),
//     amortized with many steps in flight, and the round trip of one step at a time;
// (b) 200 steps of 100 ms of CPU work with 1, 2 and 4 worker processes (one step at a time each):
//     wall time and speed-up (target ≥ 1.8× from 1 to 2 workers on a 2-core machine).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executePlan } from '../src/execute/execute-plan.ts';
import { compilePlan, loadPipeline, type Pipeline, type StepGraph } from '../src/index.ts';
import { createEventEmitter } from '../src/events/run-events.ts';
import type { ToolContext } from '../src/tools/tool-call.ts';
import { openQueueBackend } from '../src/workers/queue-backend.ts';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.ts';

export interface WorkerFigures {
  /** Wall time per no-op step, 1,000 steps, 64 in flight, one worker running 8 at a time. */
  readonly overheadMsPerStep: number;
  /** Wall time per no-op step, one step at a time: the full round trip coordinator → Redis → worker → Redis → coordinator. */
  readonly roundTripMs: number;
  /** Wall time of 200 × 100 ms CPU steps, by number of worker processes. */
  readonly cpuStepsWallMs: Readonly<Record<1 | 2 | 4, number>>;
  readonly speedUp2: number;
  readonly speedUp4: number;
}

const cli = path.resolve(import.meta.dirname, '../src/cli/main.ts');

const tools = `export function noop(args) { return args.n; }
export function spin(args) {
  // 100 ms of this process's CPU time, not of the clock: workers sharing a core take longer.
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 20000; i++) x = (x * 31 + i) % 1000003;
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= args.ms) return x === -1 ? -1 : args.n;
  }
}
`;

const pipelineYaml = `version: 1
name: bench-workers
task: "bench"
model: { name: none }
planning: { maxSteps: 2000 }
tools:
  - name: noop
    description: does nothing
    module: tools.mjs
    export: noop
    args: { type: object, properties: { n: { type: integer } } }
    output: json
  - name: spin
    description: keeps a core busy
    module: tools.mjs
    export: spin
    args: { type: object, properties: { n: { type: integer }, ms: { type: integer } } }
    output: json
`;

function graphOf(pipeline: Pipeline, steps: unknown[]): StepGraph {
  const result = compilePlan({ steps }, pipeline.tools, { limits: { maxSteps: steps.length } });
  if (!result.ok) throw new Error(`bench plan rejected: ${result.problems[0]?.message}`);
  return result.graph;
}

async function startWorkers(dir: string, redis: RedisServer, queue: string, count: number, concurrency: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const child = spawn(process.execPath, [cli, 'worker', '--redis', redis.url, '--queue', queue, '--concurrency', String(concurrency), '--name', `bench-${i + 1}`], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      return new Promise<ChildProcess>((resolve, reject) => {
        let log = '';
        const timer = setTimeout(() => reject(new Error(`worker not ready:\n${log}`)), 15_000);
        child.stderr!.on('data', (chunk) => {
          if (log.length < 10_000) log += chunk;
          if (log.includes(' ready: ')) {
            clearTimeout(timer);
            resolve(child);
          }
        });
      });
    }),
  );
}

async function stopWorkers(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Runs the graph through the queue; wall time in ms. */
async function timeRun(pipeline: Pipeline, dir: string, redis: RedisServer, queue: string, graph: StepGraph, concurrency: number, runId: string): Promise<number> {
  const backend = await openQueueBackend({ redis: redis.url, queue, pipeline, projectDir: dir });
  try {
    const toolContext: ToolContext = {
      signal: new AbortController().signal,
      cwd: dir,
      llm: { complete: () => Promise.reject(new Error('no model in the bench')) },
      model: pipeline.model,
      maxOutputBytes: pipeline.execution.maxOutputBytes,
      timeoutMs: pipeline.execution.stepTimeoutMs,
      env: process.env,
    };
    const start = performance.now();
    const state = await executePlan(graph, { planNumber: 1, concurrency, emit: createEventEmitter([]), toolContext, runTool: backend.runToolFor(runId) });
    const ms = performance.now() - start;
    if (state.status !== 'succeeded') throw new Error(`bench run ${state.status}: ${state.failed?.error}`);
    return ms;
  } finally {
    await backend.close();
  }
}

export async function benchWorkers(): Promise<WorkerFigures | undefined> {
  let redis: RedisServer;
  try {
    redis = await startRedisServer();
  } catch (error) {
    console.log(`workers: skipped (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-workers-'));
  try {
    await writeFile(path.join(dir, 'p.yaml'), pipelineYaml);
    await writeFile(path.join(dir, 'tools.mjs'), tools);
    const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });

    // (a) overhead: one worker, no-op steps.
    const noopSteps = 1000;
    const noop = graphOf(pipeline, Array.from({ length: noopSteps }, (_, i) => ({ id: i + 1, tool: 'noop', args: { n: i } })));
    const roundTrips = graphOf(pipeline, Array.from({ length: 200 }, (_, i) => ({ id: i + 1, tool: 'noop', args: { n: i } })));
    const one = await startWorkers(dir, redis, 'noop', 1, 8);
    let overheadMs: number;
    let roundTripMs: number;
    try {
      await timeRun(pipeline, dir, redis, 'noop', noop, 64, 'warm-up'); // module import, scripts loaded into Redis, JIT
      const walls: number[] = [];
      for (let run = 0; run < 3; run++) walls.push(await timeRun(pipeline, dir, redis, 'noop', noop, 64, `noop-${run}`));
      overheadMs = Math.min(...walls) / noopSteps;
      roundTripMs = (await timeRun(pipeline, dir, redis, 'noop', roundTrips, 1, 'round-trip')) / 200;
    } finally {
      await stopWorkers(one);
    }
    console.log(
      `workers: ${noopSteps} no-op steps through Redis, one worker: ${(overheadMs * 1000).toFixed(0)} µs per step with 64 in flight (target ≤ 3 ms); ` +
        `${roundTripMs.toFixed(2)} ms round trip of one step at a time`,
    );

    // (b) scaling: 200 × 100 ms of CPU, one step at a time per worker process.
    const cpu = graphOf(pipeline, Array.from({ length: 200 }, (_, i) => ({ id: i + 1, tool: 'spin', args: { n: i, ms: 100 } })));
    const walls = {} as Record<1 | 2 | 4, number>;
    for (const count of [1, 2, 4] as const) {
      const workers = await startWorkers(dir, redis, `cpu-${count}`, count, 1);
      try {
        walls[count] = await timeRun(pipeline, dir, redis, `cpu-${count}`, cpu, 200, `cpu-${count}`);
      } finally {
        await stopWorkers(workers);
      }
    }
    const speedUp2 = walls[1] / walls[2];
    const speedUp4 = walls[1] / walls[4];
    console.log(
      `workers: 200 steps × 100 ms CPU: 1 worker ${(walls[1] / 1000).toFixed(1)} s, 2 workers ${(walls[2] / 1000).toFixed(1)} s (${speedUp2.toFixed(2)}×, target ≥ 1.8×), ` +
        `4 workers ${(walls[4] / 1000).toFixed(1)} s (${speedUp4.toFixed(2)}×; ideal 20.0 / 10.0 / 5.0 s with enough cores)`,
    );
    return { overheadMsPerStep: overheadMs, roundTripMs, cpuStepsWallMs: walls, speedUp2, speedUp4 };
  } finally {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchWorkers();
