// planning.stream, three figures.
// (a) The issue-11 scenario: a 10-step plan (each step uses the previous one's output) that the model
//     writes over 2 s, one step every 0.2 s, each step taking 0.2 s. Time to the first step start and
//     the whole run's wall time, streaming and not, over the real openai SDK and real HTTP (the
//     scripted server plays the model). Target: streaming wall ≤ 0.7 × the whole-plan wall.
// (b) Planning at scale: plans of 2,000, 10,000 and 20,000 steps (a chain, each step using the one
//     before), read as they stream — one piece per step, through what streamFirstPlan uses: the step
//     reader, the compiling prefix announcing what joins, the final compile — against compiling the
//     same reply whole, in interleaved rounds (min and median of each; a sample plans ≥ 20,000 steps,
//     so 10 plans of 2,000; wall time, and the process's CPU time, which counts the collector's and
//     compiler's helper threads too). A reply that arrives faster than it is read comes in bursts:
//     steps are announced once per 16 KiB, as socket reads deliver it (the SDK over local HTTP gave a
//     10,000-step reply to the reader in 29 event-loop turns, ~31 KiB each); the worst case, a turn
//     per piece, is printed too. Target: streamed ≤ 1.2 × whole-plan at each size, and linear: the
//     streamed cost per step from 10k to 20k grows by ≤ 1.15×.
// (c) Whole runs at those sizes (no-op module steps, the reply sent at once over real HTTP, no run
//     store), streaming against not, in interleaved rounds: wall time, and this process's CPU time.
//     The scripted server runs in a child process: before, it shared this one, and its writing of
//     one event per step (an object and a JSON.stringify each) was counted as the streamed run's cost.
//     That is the model's work, not planexec's; what is ours — reading the events (the SDK makes the
//     request, planexec reads its body), the step reader, the prefix, announcing and scheduling, the
//     final compile — all still runs here. Where the time went before this change (CPU profiles at
//     10,000 steps): mostly reading the reply, ~150–200 ms CPU through the SDK's per-event async
//     iterator and each layer above it (now ~40 ms, against ~12 ms for the whole reply); planning's
//     extra is ~25 ms. Before planning was made linear: 59× at 2,000 steps (the issue, through the CLI with the run
//     store: 3.9× at 2,000, 601 s against 7.5 s at 10,000). Target: ≤ 1.2×.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLlmClient } from '../src/llm/create-client.ts';
import { loadPipeline } from '../src/pipeline/load-pipeline.ts';
import type { ModuleTool } from '../src/pipeline/types.ts';
import { compilePlan, type CompileOptions } from '../src/plan/compile-plan.ts';
import { createStreamedPlanReply } from '../src/plan/streamed-plan-reply.ts';
import type { RunEvent } from '../src/events/run-events.ts';
import { runPipeline } from '../src/run/run-pipeline.ts';
import { chunkPlanBySteps, startScriptedServer } from '../test/support/scripted-server.ts';

const STEPS = 10;
const WRITE_MS_PER_STEP = 200;
const STEP_MS = 200;

export interface StreamingFigures {
  readonly firstStepMs: { readonly streaming: number; readonly whole: number };
  readonly wallMs: { readonly streaming: number; readonly whole: number };
  /** Streaming wall / whole-plan wall (target ≤ 0.7). */
  readonly ratio: number;
  readonly scale: readonly ScaleFigures[];
  /** Streamed cost per step at 20k / at 10k (1 is linear). */
  readonly perStepGrowth: number;
  readonly runs: readonly RunFigures[];
}

export interface ScaleFigures {
  readonly steps: number;
  readonly wholeMs: Timing;
  /** Announced once per 16 KiB read. */
  readonly streamedMs: Timing;
  /** Announced after every piece: the worst case. */
  readonly perPieceMs: Timing;
  /** Streamed median / whole-plan median, wall time (target ≤ 1.2). */
  readonly ratio: number;
}

/** Wall time, and the process's CPU time (which a busy machine disturbs less: waiting for a core is not counted). */
interface Timing {
  readonly wall: Spread;
  readonly cpu: Spread;
}

interface Spread {
  readonly min: number;
  readonly median: number;
}

const plan = {
  steps: Array.from({ length: STEPS }, (_, i) => ({ id: i + 1, action: `Part ${i + 1}`, tool: 'work', args: { input: i === 0 ? 'start' : `\${steps.${i}.output}` } })),
};

async function scenario(stream: boolean): Promise<{ firstStepMs: number; wallMs: number }> {
  // 10 step pieces and the closing `]}`, 0.2 s apart: the reply takes 2 s to write.
  const server = await startScriptedServer([{ chunks: chunkPlanBySteps(plan), chunkDelayMs: WRITE_MS_PER_STEP }]);
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-stream-'));
  await writeFile(path.join(dir, 'work.mjs'), `export default async ({ input }) => { await new Promise((r) => setTimeout(r, ${STEP_MS})); return input + '+'; };\n`);
  await writeFile(
    path.join(dir, 'p.yaml'),
    `version: 1
name: streaming-bench
task: "Do the ten parts"
model: { name: m, baseURL: ${server.url} }
tools:
  - name: work
    description: One part of the job (0.2 s)
    module: work.mjs
    args: { type: object, properties: { input: { type: string } }, required: [input], additionalProperties: false }
planning: { stream: ${stream} }
`,
  );
  try {
    const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
    const llm = await createLlmClient(pipeline.model, { env: {} });
    let firstStepAt: number | undefined;
    const startedAt = performance.now();
    const outcome = await runPipeline(pipeline, {
      llm,
      cwd: dir,
      onEvent: (event: RunEvent) => {
        if (event.kind === 'step-started') firstStepAt ??= performance.now();
      },
    });
    const wallMs = performance.now() - startedAt;
    if (outcome.status !== 'succeeded' || outcome.usage.stepRuns !== STEPS) throw new Error(`bench run ${outcome.status}: ${outcome.error ?? `${outcome.usage.stepRuns} step runs`}`);
    return { firstStepMs: (firstStepAt ?? performance.now()) - startedAt, wallMs };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const SCALE_SIZES = [2_000, 10_000, 20_000];
const ROUNDS: Readonly<Record<number, number>> = { 2_000: 9, 10_000: 9, 20_000: 9 };
/** Bytes of reply between two announcements: one event-loop turn of a burst. */
const TURN_BYTES = 16 * 1024;
const scaleTool: ModuleTool = {
  kind: 'module',
  name: 'work',
  description: 'One part of the job',
  module: 'work.mjs',
  export: 'default',
  args: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'], additionalProperties: false },
  output: 'text',
};

function scalePlan(size: number) {
  return { steps: Array.from({ length: size }, (_, i) => ({ id: i + 1, action: `Part ${i + 1}`, tool: 'work', args: { input: i === 0 ? 'start' : `after \${steps.${i}.output}` } })) };
}

/**
 * What streamFirstPlan does with the reply, without the model and the steps: read it piece by piece,
 * announce what joined once a turn (a turn every `turnBytes`), compile it once it ends.
 */
function planStreamed(pieces: readonly string[], text: string, options: CompileOptions, turnBytes: number): void {
  const streamed = createStreamedPlanReply([scaleTool], options);
  let announced = 0;
  let sinceTurn = 0;
  for (const piece of pieces) {
    streamed.push(piece);
    sinceTurn += piece.length;
    if (sinceTurn >= turnBytes) {
      announced += streamed.advance().length;
      sinceTurn = 0;
    }
  }
  announced += streamed.advance().length;
  const { compiled } = streamed.end(text);
  if (!compiled.ok || announced !== compiled.graph.steps.length) throw new Error(`bench plan: streamed ${compiled.ok ? `${announced} of ${compiled.graph.steps.length} steps announced` : compiled.problems[0]?.message}`);
}

function planWhole(text: string, options: CompileOptions): void {
  const compiled = compilePlan(text, [scaleTool], options);
  if (!compiled.ok) throw new Error(`bench plan rejected: ${compiled.problems[0]?.message}`);
}

function spread(times: readonly number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}

/** Streamed against whole-plan planning at each size, in interleaved rounds (whole, streamed, per piece, whole, …). */
export function benchStreamingScale(sizes: readonly number[] = SCALE_SIZES): ScaleFigures[] {
  const gc = (globalThis as { gc?: () => void }).gc;
  return sizes.map((size) => {
    const plan = scalePlan(size);
    const text = JSON.stringify(plan);
    const pieces = chunkPlanBySteps(plan);
    const options: CompileOptions = { limits: { maxSteps: size, maxPlanBytes: 64 * 1024 * 1024 } };
    const contenders = [
      { wall: [] as number[], cpu: [] as number[], run: () => planWhole(text, options) },
      { wall: [] as number[], cpu: [] as number[], run: () => planStreamed(pieces, text, options, TURN_BYTES) },
      { wall: [] as number[], cpu: [] as number[], run: () => planStreamed(pieces, text, options, 0) },
    ];
    // Warm up, so that rounds measure planning rather than the JIT compiling it (and the tool's validator is compiled once).
    for (let round = 0; round < 3; round++) for (const { run } of contenders) run();
    // Each sample plans 20,000 steps or more (10 plans of 2,000): where a young-generation collection
    // falls in one small plan would otherwise decide its time.
    const plansPerSample = Math.max(1, Math.ceil(20_000 / size));
    for (let round = 0; round < (ROUNDS[size] ?? 7); round++) {
      for (const { wall, cpu, run } of contenders) {
        gc?.(); // measure planning, not a collection left over from the last round
        const cpuBefore = process.cpuUsage();
        const start = performance.now();
        for (let plan = 0; plan < plansPerSample; plan++) run();
        wall.push((performance.now() - start) / plansPerSample);
        const spent = process.cpuUsage(cpuBefore);
        cpu.push((spent.user + spent.system) / 1000 / plansPerSample);
      }
    }
    const [wholeMs, streamedMs, perPieceMs] = contenders.map(({ wall, cpu }) => ({ wall: spread(wall), cpu: spread(cpu) })) as [Timing, Timing, Timing];
    return { steps: size, wholeMs, streamedMs, perPieceMs, ratio: streamedMs.wall.median / wholeMs.wall.median };
  });
}

const RUN_ROUNDS: Readonly<Record<number, number>> = { 2_000: 9, 10_000: 5, 20_000: 5 };

/** The scripted server in a child process, answering every request with the plan of `size` steps (one piece per step). */
async function startServerProcess(size: number): Promise<{ readonly url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'serve', String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return {
    url: line,
    close: async () => {
      child.kill();
      await exited;
    },
  };
}

/** One whole run of a plan of `size` no-op steps, the reply written at once by the server at `url`; its wall and CPU time. */
async function timeRun(url: string, size: number, stream: boolean): Promise<{ wall: number; cpu: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-stream-run-'));
  await writeFile(path.join(dir, 'work.mjs'), `export default async () => 'done';\n`);
  await writeFile(
    path.join(dir, 'p.yaml'),
    `version: 1
name: streaming-runs
task: "Do the parts"
model: { name: m, baseURL: ${url} }
tools:
  - name: work
    description: One part of the job
    module: work.mjs
    args: { type: object, properties: { input: { type: string } }, required: [input], additionalProperties: false }
planning: { stream: ${stream}, maxSteps: ${size}, maxPlanBytes: ${64 * 1024 * 1024} }
`,
  );
  try {
    const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
    const llm = await createLlmClient(pipeline.model, { env: {} });
    (globalThis as { gc?: () => void }).gc?.(); // measure the run, not a collection left over from the last one
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const outcome = await runPipeline(pipeline, { llm, cwd: dir });
    const wall = performance.now() - startedAt;
    const spent = process.cpuUsage(cpuBefore);
    if (outcome.status !== 'succeeded' || outcome.usage.stepRuns !== size) throw new Error(`bench run ${outcome.status}: ${outcome.error ?? `${outcome.usage.stepRuns} step runs`}`);
    return { wall, cpu: (spent.user + spent.system) / 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RunFigures {
  readonly steps: number;
  readonly wholeMs: Timing;
  readonly streamedMs: Timing;
}

/** Whole runs, streaming against not, in interleaved rounds. */
export async function benchStreamingRuns(sizes: readonly number[] = SCALE_SIZES): Promise<RunFigures[]> {
  const figures: RunFigures[] = [];
  for (const size of sizes) {
    const whole: { wall: number; cpu: number }[] = [];
    const streamed: { wall: number; cpu: number }[] = [];
    const server = await startServerProcess(size);
    try {
      for (let round = 0; round < (RUN_ROUNDS[size] ?? 3); round++) {
        whole.push(await timeRun(server.url, size, false));
        streamed.push(await timeRun(server.url, size, true));
      }
    } finally {
      await server.close();
    }
    const timing = (times: readonly { wall: number; cpu: number }[]): Timing => ({ wall: spread(times.map((t) => t.wall)), cpu: spread(times.map((t) => t.cpu)) });
    figures.push({ steps: size, wholeMs: timing(whole), streamedMs: timing(streamed) });
  }
  return figures;
}

function printRuns(runs: readonly RunFigures[]): void {
  const fixed = (value: number) => value.toFixed(0).padStart(6);
  const ratios = (streamed: Spread, whole: Spread) => `${(streamed.median / whole.median).toFixed(2)}× median, ${(streamed.min / whole.min).toFixed(2)}× min`;
  for (const { steps, wholeMs, streamedMs } of runs) {
    console.log(
      `stream run ${String(steps).padStart(6)} steps: whole plan ${fixed(wholeMs.wall.min)} min ${fixed(wholeMs.wall.median)} median ms; streamed ${fixed(streamedMs.wall.min)} min ${fixed(streamedMs.wall.median)} median ms ` +
        `(${ratios(streamedMs.wall, wholeMs.wall)}; CPU ${ratios(streamedMs.cpu, wholeMs.cpu)}; target ≤ 1.2)`,
    );
  }
}

/** (a): the first step's start and the wall time of the 10-step scenario, streaming and not. */
async function benchEarlyStart() {
  const whole = await scenario(false);
  const streaming = await scenario(true);
  const ratio = streaming.wallMs / whole.wallMs;
  const ms = (value: number) => `${Math.round(value)} ms`.padStart(8);
  console.log(`stream plan: ${STEPS} steps written over ${(STEPS * WRITE_MS_PER_STEP) / 1000} s, each taking ${STEP_MS / 1000} s`);
  console.log(`stream whole plan : first step starts at ${ms(whole.firstStepMs)}, wall ${ms(whole.wallMs)}`);
  console.log(`stream streaming  : first step starts at ${ms(streaming.firstStepMs)}, wall ${ms(streaming.wallMs)}`);
  console.log(`stream streaming / whole-plan wall: ${ratio.toFixed(2)} (target ≤ 0.7)`);
  return { whole, streaming, ratio };
}

export async function benchStreaming(): Promise<StreamingFigures> {
  const { whole, streaming, ratio } = await benchEarlyStart();

  const scale = benchStreamingScale();
  printScale(scale);
  const perStepGrowth = perStep(scale, 20_000, 'streamedMs') / perStep(scale, 10_000, 'streamedMs');
  const runs = await benchStreamingRuns();
  printRuns(runs);
  return { firstStepMs: { streaming: streaming.firstStepMs, whole: whole.firstStepMs }, wallMs: { streaming: streaming.wallMs, whole: whole.wallMs }, ratio, scale, perStepGrowth, runs };
}

function perStep(scale: readonly ScaleFigures[], steps: number, which: 'wholeMs' | 'streamedMs', clock: keyof Timing = 'wall'): number {
  return scale.find((entry) => entry.steps === steps)![which][clock].median / steps;
}

function printScale(scale: readonly ScaleFigures[]): void {
  const fixed = (value: number) => value.toFixed(1).padStart(6);
  const times = ({ min, median }: Spread) => `${fixed(min)} min ${fixed(median)} median ms`;
  const against = (timing: Timing, whole: Timing) =>
    `${(timing.wall.median / whole.wall.median).toFixed(2)}× median, ${(timing.wall.min / whole.wall.min).toFixed(2)}× min; CPU ${(timing.cpu.median / whole.cpu.median).toFixed(2)}× median, ${(timing.cpu.min / whole.cpu.min).toFixed(2)}× min`;
  for (const { steps, wholeMs, streamedMs, perPieceMs } of scale) {
    console.log(`stream plan ${String(steps).padStart(6)} steps: whole ${times(wholeMs.wall)} (CPU ${times(wholeMs.cpu)})`);
    console.log(`stream plan ${String(steps).padStart(6)} steps: streamed ${times(streamedMs.wall)} (${against(streamedMs, wholeMs)}; target ≤ 1.2)`);
    console.log(`stream plan ${String(steps).padStart(6)} steps: a turn per piece ${times(perPieceMs.wall)} (${against(perPieceMs, wholeMs)})`);
  }
  if (!scale.some((entry) => entry.steps === 10_000) || !scale.some((entry) => entry.steps === 20_000)) return;
  const growth = (which: 'wholeMs' | 'streamedMs', from: number, to: number, clock: keyof Timing = 'wall') => (perStep(scale, to, which, clock) / perStep(scale, from, which, clock)).toFixed(2);
  console.log(
    `stream plan cost per step, 20k / 10k: streamed ${growth('streamedMs', 10_000, 20_000)} (CPU ${growth('streamedMs', 10_000, 20_000, 'cpu')}; target ≤ 1.15), whole ${growth('wholeMs', 10_000, 20_000)} (CPU ${growth('wholeMs', 10_000, 20_000, 'cpu')}); ` +
      `10k / 2k: streamed ${growth('streamedMs', 2_000, 10_000)} (CPU ${growth('streamedMs', 2_000, 10_000, 'cpu')}), whole ${growth('wholeMs', 2_000, 10_000)} (CPU ${growth('wholeMs', 2_000, 10_000, 'cpu')}) (1.00 is linear)`,
  );
}

if (import.meta.main) {
  // `node --expose-gc bench/streaming.ts scale` prints only the planning figures at scale, `… runs` only the whole runs, `… early` only (a).
  if (process.argv[2] === 'serve') {
    // The child of startServerProcess: its URL on stdout, then it answers until killed.
    const server = await startScriptedServer([{ chunks: chunkPlanBySteps(scalePlan(Number(process.argv[3]))) }]);
    console.log(server.url);
  } else if (process.argv[2] === 'early') await benchEarlyStart();
  else if (process.argv[2] === 'scale') printScale(benchStreamingScale());
  else if (process.argv[2] === 'runs') printRuns(await benchStreamingRuns());
  else await benchStreaming();
}
