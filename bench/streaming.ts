// planning.stream on the issue-11 scenario: a 10-step plan (each step uses the previous one's output)
// that the model writes over 2 s, one step every 0.2 s, each step taking 0.2 s. Time to the first step
// start and the whole run's wall time, streaming and not, over the real openai SDK and real HTTP
// (the scripted server plays the model). Target: streaming wall ≤ 0.7 × the whole-plan wall.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLlmClient, loadPipeline, type RunEvent, runPipeline } from '../src/index.ts';
import { chunkPlanBySteps, startScriptedServer } from '../test/support/scripted-server.ts';

const STEPS = 10;
const WRITE_MS_PER_STEP = 200;
const STEP_MS = 200;

export interface StreamingFigures {
  readonly firstStepMs: { readonly streaming: number; readonly whole: number };
  readonly wallMs: { readonly streaming: number; readonly whole: number };
  /** Streaming wall / whole-plan wall (target ≤ 0.7). */
  readonly ratio: number;
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

export async function benchStreaming(): Promise<StreamingFigures> {
  const whole = await scenario(false);
  const streaming = await scenario(true);
  const ratio = streaming.wallMs / whole.wallMs;
  const ms = (value: number) => `${Math.round(value)} ms`.padStart(8);
  console.log(`stream plan: ${STEPS} steps written over ${(STEPS * WRITE_MS_PER_STEP) / 1000} s, each taking ${STEP_MS / 1000} s`);
  console.log(`stream whole plan : first step starts at ${ms(whole.firstStepMs)}, wall ${ms(whole.wallMs)}`);
  console.log(`stream streaming  : first step starts at ${ms(streaming.firstStepMs)}, wall ${ms(streaming.wallMs)}`);
  console.log(`stream streaming / whole-plan wall: ${ratio.toFixed(2)} (target ≤ 0.7)`);
  return { firstStepMs: { streaming: streaming.firstStepMs, whole: whole.firstStepMs }, wallMs: { streaming: streaming.wallMs, whole: whole.wallMs }, ratio };
}

if (import.meta.main) await benchStreaming();
