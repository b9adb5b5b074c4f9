// planning.stream, two figures.
// (a) The issue-11 scenario: a 10-step plan (each step uses the previous one's output) that the model
//     writes over 2 s, one step every 0.2 s, each step taking 0.2 s. Time to the first step start and
//     the whole run's wall time, streaming and not, over the real openai SDK and real HTTP (the
//     scripted server plays the model). Target: streaming wall ≤ 0.7 × the whole-plan wall.
// (b) Planning at scale: plans of 2,000, 10,000 and 20,000 steps (a chain, each step using the one
//     before), read as they stream — one piece per step, through what streamFirstPlan uses: the step
//     reader, the compiling prefix announcing what joins, the final compile — against compiling the
//     same reply whole, in interleaved rounds (min and median of each). A reply that arrives faster
//     than it is read comes in bursts: steps are announced once per 16 KiB, as socket reads deliver it
//     (the SDK over local HTTP gave a 10,000-step reply to the reader in 29 event-loop turns, ~31 KiB
//     each); the worst case, a turn per piece, is printed too. Target: streamed ≤ 1.2 × whole-plan at
//     each size, and linear: the streamed cost per step from 10k to 20k grows by ≤ 1.15×.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
}

export interface ScaleFigures {
  readonly steps: number;
  readonly wholeMs: Spread;
  /** Announced once per 16 KiB read. */
  readonly streamedMs: Spread;
  /** Announced after every piece: the worst case. */
  readonly perPieceMs: Spread;
  /** Streamed median / whole-plan median (target ≤ 1.2). */
  readonly ratio: number;
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
const ROUNDS: Readonly<Record<number, number>> = { 2_000: 21, 10_000: 9, 20_000: 7 };
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
      { times: [] as number[], run: () => planWhole(text, options) },
      { times: [] as number[], run: () => planStreamed(pieces, text, options, TURN_BYTES) },
      { times: [] as number[], run: () => planStreamed(pieces, text, options, 0) },
    ];
    // Warm up (the tool's validator is compiled once).
    for (const { run } of contenders) run();
    for (let round = 0; round < (ROUNDS[size] ?? 7); round++) {
      for (const { times, run } of contenders) {
        gc?.(); // measure planning, not a collection left over from the last round
        const start = performance.now();
        run();
        times.push(performance.now() - start);
      }
    }
    const [wholeMs, streamedMs, perPieceMs] = contenders.map(({ times }) => spread(times)) as [Spread, Spread, Spread];
    return { steps: size, wholeMs, streamedMs, perPieceMs, ratio: streamedMs.median / wholeMs.median };
  });
}

export async function benchStreaming(): Promise<StreamingFigures> {
  const whole = await scenario(false);
  const streaming = await scenario(true);
  const ratio = streaming.wallMs / whole.wallMs;
  const ms = (value: number) => `${Math.round(value)} ms`.padStart(8);
  console.log(`stream plan: ${STEPS} steps written over ${(STEPS * WRITE_MS_PER_STEP) / 1000} s, each taking ${STEP_MS / 1000} s`);
  console.log(`stream whole plan : first step starts at ${ms(whole.firstStepMs)}, wall ${ms(whole.wallMs)}`);
  console.log(`stream streaming  : first step starts at ${ms(streaming.firstStepMs)}, wall ${ms(streaming.wallMs)}`);
  console.log(`stream streaming / whole-plan wall: ${ratio.toFixed(2)} (target ≤ 0.7)`);

  const scale = benchStreamingScale();
  printScale(scale);
  const perStepGrowth = perStep(scale, 20_000, 'streamedMs') / perStep(scale, 10_000, 'streamedMs');
  return { firstStepMs: { streaming: streaming.firstStepMs, whole: whole.firstStepMs }, wallMs: { streaming: streaming.wallMs, whole: whole.wallMs }, ratio, scale, perStepGrowth };
}

function perStep(scale: readonly ScaleFigures[], steps: number, which: 'wholeMs' | 'streamedMs'): number {
  return scale.find((entry) => entry.steps === steps)![which].median / steps;
}

function printScale(scale: readonly ScaleFigures[]): void {
  const fixed = (value: number) => value.toFixed(1).padStart(6);
  const shown = (label: string, { min, median }: Spread, whole: Spread) => `${label} ${fixed(min)} min ${fixed(median)} median ms (${(median / whole.median).toFixed(2)}× median, ${(min / whole.min).toFixed(2)}× min)`;
  for (const { steps, wholeMs, streamedMs, perPieceMs } of scale) {
    console.log(`stream plan ${String(steps).padStart(6)} steps: whole ${fixed(wholeMs.min)} min ${fixed(wholeMs.median)} median ms; ${shown('streamed', streamedMs, wholeMs)} (target ≤ 1.2); ${shown('a turn per piece', perPieceMs, wholeMs)}`);
  }
  if (!scale.some((entry) => entry.steps === 10_000) || !scale.some((entry) => entry.steps === 20_000)) return;
  const growth = (which: 'wholeMs' | 'streamedMs', from: number, to: number) => (perStep(scale, to, which) / perStep(scale, from, which)).toFixed(2);
  console.log(
    `stream plan cost per step, 20k / 10k: streamed ${growth('streamedMs', 10_000, 20_000)} (target ≤ 1.15), whole ${growth('wholeMs', 10_000, 20_000)}; ` +
      `10k / 2k: streamed ${growth('streamedMs', 2_000, 10_000)}, whole ${growth('wholeMs', 2_000, 10_000)} (1.00 is linear)`,
  );
}

if (import.meta.main) {
  // `node --expose-gc bench/streaming.ts scale` prints only the figures at scale.
  if (process.argv[2] === 'scale') printScale(benchStreamingScale());
  else await benchStreaming();
}
