// The DAG executor's figures, driving executePlan directly with hand-built plans (no model):
// (a) 1,000 no-op module steps: runner overhead per step (target ≤ 1 ms);
// (b) 8 parallel `sleep 0.2` steps feeding one join, concurrency 8: wall against a bare
//     child_process.spawn of the same DAG in the same interleaved rounds (min and median), wall /
//     ideal critical path (target ≤ 1.05) and the speed-up over concurrency 1;
// (c) a command printing 1 GB: the runner's RSS growth while output is capped at 1 MiB.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { executePlan } from '../src/execute/execute-plan.ts';
import { type CommandTool, compilePlan, type ModuleTool, type StepGraph, type ToolSpec } from '../src/index.ts';
import { createEventEmitter, type RunEvent } from '../src/events/run-events.ts';
import type { ToolContext } from '../src/tools/tool-call.ts';
import { runCommand } from '../src/tools/kinds/command/run-command.ts';

export interface ExecutorFigures {
  readonly noopSteps: number;
  /** Wall time per step running 1,000 no-op module steps one at a time. */
  readonly overheadMsPerStep: number;
  /** The same steps with concurrency 8. */
  readonly overheadMsPerStepConcurrent: number;
  /** Median wall time of the fan-out DAG through executePlan (min in fanOutWallMinMs). */
  readonly fanOutWallMs: number;
  readonly fanOutWallMinMs: number;
  readonly fanOutIdealMs: number;
  readonly fanOutRatio: number;
  /** The same DAG run with bare child_process.spawn, in the same rounds: the machine's floor. */
  readonly fanOutBareSpawnMs: number;
  readonly fanOutBareSpawnMinMs: number;
  /** Median executePlan / median bare spawn, and the same of the minimums. */
  readonly fanOutOverBareSpawn: number;
  readonly fanOutOverBareSpawnMin: number;
  readonly fanOutSequentialMs: number;
  readonly fanOutSpeedUp: number;
  readonly rssGrowthMbFor1GbOutput: number;
}

const toolContext: ToolContext = {
  signal: new AbortController().signal,
  cwd: process.cwd(),
  llm: { complete: () => Promise.reject(new Error('no model in the bench')) },
  model: { name: 'none', apiKeyEnv: 'OPENAI_API_KEY', maxRetries: 0, timeoutMs: 1000 },
  maxOutputBytes: 1024 * 1024,
  timeoutMs: 60_000,
  env: process.env,
};

function compile(steps: unknown[], tools: ToolSpec[]): StepGraph {
  const result = compilePlan({ steps }, tools, { limits: { maxSteps: steps.length } });
  if (!result.ok) throw new Error(`bench plan rejected: ${result.problems[0]?.message}`);
  return result.graph;
}

/** Runs the graph with events going to a sink that keeps them (as the views would get them). */
async function timeRun(graph: StepGraph, concurrency: number): Promise<number> {
  const events: RunEvent[] = [];
  const start = performance.now();
  const state = await executePlan(graph, { planNumber: 1, concurrency, emit: createEventEmitter([(event) => events.push(event)]), toolContext });
  const ms = performance.now() - start;
  if (state.status !== 'succeeded') throw new Error(`bench run ${state.status}: ${state.failed?.error}`);
  return ms;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function benchNoopSteps(dir: string, steps: number): Promise<{ sequential: number; concurrent: number }> {
  const file = path.join(dir, 'noop.mjs');
  await writeFile(file, 'export function noop(args) { return args.n; }\n');
  const tool: ModuleTool = { kind: 'module', name: 'noop', description: 'does nothing', module: file, export: 'noop', args: { type: 'object', properties: { n: { type: 'integer' } } }, output: 'json' };
  const graph = compile(Array.from({ length: steps }, (_, i) => ({ id: i + 1, tool: 'noop', args: { n: i } })), [tool]);
  await timeRun(graph, 1); // warm up: module import, ajv validators, JIT
  const sequential: number[] = [];
  const concurrent: number[] = [];
  for (let run = 0; run < 5; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    sequential.push(await timeRun(graph, 1));
    concurrent.push(await timeRun(graph, 8));
  }
  return { sequential: median(sequential) / steps, concurrent: median(concurrent) / steps };
}

async function benchFanOut(): Promise<{ walls: number[]; floors: number[]; sequential: number; ideal: number }> {
  const sleep: CommandTool = { kind: 'command', name: 'sleep', description: 'sleeps', command: ['sleep', '0.2'], args: { type: 'object' }, output: 'text' };
  const steps = [
    ...Array.from({ length: 8 }, (_, i) => ({ id: i + 1, tool: 'sleep', args: {} })),
    { id: 9, tool: 'sleep', args: {}, dependsOn: [1, 2, 3, 4, 5, 6, 7, 8] },
  ];
  const graph = compile(steps, [sleep]);
  await timeRun(graph, 8); // warm up
  await bareFanOut();
  // Interleaved rounds (executor, bare spawn, executor, …): a burst of load hits both alike.
  const walls: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < 7; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    walls.push(await timeRun(graph, 8));
    floors.push(await bareFanOut());
  }
  const sequential = await timeRun(graph, 1);
  // Two sleeps on the critical path: a leaf, then the join.
  return { walls, floors, sequential, ideal: graph.criticalPathLength * 200 };
}

/** The same DAG with bare child_process.spawn and nothing else: what this machine can do at best. */
async function bareFanOut(): Promise<number> {
  const run = () => new Promise((resolve) => spawn('sleep', ['0.2'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true }).on('close', resolve));
  const start = performance.now();
  await Promise.all(Array.from({ length: 8 }, run));
  await run();
  return performance.now() - start;
}

async function benchHugeOutput(): Promise<number> {
  const print1Gb = `
    const chunk = Buffer.alloc(1 << 20, 'x');
    let left = 1024;
    const write = () => { while (left > 0) { left--; if (!process.stdout.write(chunk)) return process.stdout.once('drain', write); } };
    write();
  `;
  const tool: CommandTool = { kind: 'command', name: 'print', description: 'prints 1 GB', command: [process.execPath, '-e', print1Gb], args: { type: 'object' }, output: 'text' };
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const result = await runCommand(tool, {}, toolContext);
  clearInterval(sampler);
  if (!result.note) throw new Error('expected the output to be truncated');
  return (peak - before) / (1024 * 1024);
}

export async function benchExecutor(): Promise<ExecutorFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-'));
  try {
    // First, while the heap is small: forking a child costs more the more memory the parent maps.
    const fan = await benchFanOut();
    const wall = median(fan.walls);
    const wallMin = Math.min(...fan.walls);
    const floor = median(fan.floors);
    const floorMin = Math.min(...fan.floors);
    const ratio = wall / fan.ideal;
    const speedUp = fan.sequential / wall;
    console.log(
      `execute fan-out 8 × sleep 0.2 → join, concurrency 8, ${fan.walls.length} interleaved rounds (min / median): ` +
        `executePlan ${wallMin.toFixed(0)} / ${wall.toFixed(0)} ms, bare child_process.spawn of the same DAG ${floorMin.toFixed(0)} / ${floor.toFixed(0)} ms → ` +
        `${(wallMin / floorMin).toFixed(3)}× / ${(wall / floor).toFixed(3)}× the bare spawn; against the ideal ${fan.ideal} ms: ${ratio.toFixed(3)} (target ≤ 1.05); ` +
        `concurrency 1: ${fan.sequential.toFixed(0)} ms, speed-up ${speedUp.toFixed(2)}×`,
    );
    const noopSteps = 1000;
    const noop = await benchNoopSteps(dir, noopSteps);
    console.log(`execute ${noopSteps} no-op module steps: ${(noop.sequential * 1000).toFixed(0)} µs per step at concurrency 1, ${(noop.concurrent * 1000).toFixed(0)} µs at concurrency 8 (target ≤ 1 ms)`);
    const rss = await benchHugeOutput();
    console.log(`execute a command printing 1 GB (output capped at 1 MiB): runner RSS grew ${rss.toFixed(0)} MB`);
    return {
      noopSteps,
      overheadMsPerStep: noop.sequential,
      overheadMsPerStepConcurrent: noop.concurrent,
      fanOutWallMs: wall,
      fanOutWallMinMs: wallMin,
      fanOutIdealMs: fan.ideal,
      fanOutRatio: ratio,
      fanOutBareSpawnMs: floor,
      fanOutBareSpawnMinMs: floorMin,
      fanOutOverBareSpawn: wall / floor,
      fanOutOverBareSpawnMin: wallMin / floorMin,
      fanOutSequentialMs: fan.sequential,
      fanOutSpeedUp: speedUp,
      rssGrowthMbFor1GbOutput: rss,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchExecutor();
