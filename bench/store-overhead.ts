// What the run store costs a run of no-op steps, measured side by side in interleaved rounds:
// (a) library: runPipeline of 1,000 no-op module steps with a run store against the same run without
//     one; the difference per step is the store's overhead (target ≤ 60 µs);
// (b) CLI: `planexec run` as installed (bin/planexec.js, which loads the esbuild bundle in dist/bin/:
//     run `npm run build` first), offline with --replay, of 1,000 no-op steps against the same command
//     with 1 step; the difference per extra step is the end-to-end cost of a step through the CLI,
//     store and plain progress lines included (target ≤ 2× the library's per-step cost with the store,
//     measured the same way: 1,000 steps against 1); the same from source (src/cli/main.ts) on a line
//     of its own, for a change not built yet;
// (c) the same two runs of the library (runPipeline with a store, no CLI) each in a fresh process:
//     what a new process pays per step anyway (code not yet optimized), so (b) against (c) is what
//     the CLI itself adds.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRecordingClient, type LlmClient, loadPipeline, type Pipeline, planPipeline, runPipeline } from '../src/index.ts';

const STEPS = 1000;
const STORE_TARGET_US = 60;
const CLI_TARGET_RATIO = 2;
const installedEntry = path.resolve(import.meta.dirname, '../bin/planexec.js');
const bundle = path.resolve(import.meta.dirname, '../dist/bin/planexec.js');
const sourceEntry = path.resolve(import.meta.dirname, '../src/cli/main.ts');

export interface StoreOverheadFigures {
  /** µs per step, min and median over the rounds. */
  readonly withoutStore: Spread;
  readonly withStore: Spread;
  /** withStore − withoutStore per step (min − min, median − median). */
  readonly overheadUs: Spread;
  /** Marginal µs per step: (1,000 steps − 1 step) / 999, of the mins and of the medians. */
  readonly libraryPerStepUs: Spread;
  /** The installed CLI (bin/planexec.js and its bundle). */
  readonly cliPerStepUs: Spread;
  /** The CLI run from its TypeScript source. */
  readonly sourceCliPerStepUs: Spread;
  /** The library's marginal µs per step, each run in a fresh process. */
  readonly freshLibraryPerStepUs: Spread;
  /** cliPerStepUs / libraryPerStepUs (median / median, min / min). */
  readonly cliRatio: Spread;
}

interface Spread {
  readonly min: number;
  readonly median: number;
}

const spread = (values: readonly number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
};

const planOf = (steps: number) => ({ steps: Array.from({ length: steps }, (_, i) => ({ id: i + 1, action: `No-op ${i + 1}`, tool: 'noop', args: { n: i } })) });

/** A model that answers every request with the same plan. */
const fixedPlanLlm = (steps: number): LlmClient => {
  const text = JSON.stringify(planOf(steps));
  return { complete: () => Promise.resolve({ text, usage: { promptTokens: 1, completionTokens: 1 } }) };
};

const pipelineText = (name: string) => `version: 1
name: ${name}
task: "Run the no-op steps"
model: { name: m }
tools:
  - name: noop
    description: Does nothing
    module: noop.mjs
    args: { type: object, properties: { n: { type: integer } }, required: [n], additionalProperties: false }
planning: { maxSteps: ${STEPS}, stream: false }
`;

async function setUp(dir: string): Promise<{ one: Pipeline; many: Pipeline }> {
  await writeFile(path.join(dir, 'noop.mjs'), 'export default ({ n }) => n;\n');
  await writeFile(path.join(dir, 'one.yaml'), pipelineText('one'));
  await writeFile(path.join(dir, 'many.yaml'), pipelineText('many'));
  const one = await loadPipeline(path.join(dir, 'one.yaml'), { cwd: dir, config: null });
  const many = await loadPipeline(path.join(dir, 'many.yaml'), { cwd: dir, config: null });
  // Recordings for the CLI's --replay, made the way `--record` makes them.
  for (const [pipeline, steps, file] of [[one, 1, 'one.json'], [many, STEPS, 'many.json']] as const) {
    const planned = await planPipeline(pipeline, { llm: createRecordingClient(fixedPlanLlm(steps), path.join(dir, file)) });
    if (planned.status !== 'planned') throw new Error(`bench plan: ${planned.status}`);
  }
  return { one, many };
}

async function timeLibrary(pipeline: Pipeline, steps: number, dir: string, root: string | undefined): Promise<number> {
  const llm = fixedPlanLlm(steps);
  const start = performance.now();
  const outcome = await runPipeline(pipeline, { llm, cwd: dir, env: {}, ...(root ? { store: { root } } : {}) });
  const ms = performance.now() - start;
  if (outcome.status !== 'succeeded' || outcome.usage.stepRuns !== steps) throw new Error(`bench run ${outcome.status}: ${outcome.error ?? ''}`);
  return ms;
}

type Through = 'cli' | 'source' | 'library';

/** Wall time of a fresh process: the CLI's `run` (installed or from source), or this file running the library once (see the end). */
function timeProcess(dir: string, name: 'one' | 'many', through: Through): number {
  const cliArgs = ['run', `${name}.yaml`, '--replay', `${name}.json`];
  const args = through === 'cli' ? [installedEntry, ...cliArgs] : through === 'source' ? [sourceEntry, ...cliArgs] : [import.meta.filename, '--library-run', dir, name];
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${through} run ${name}.yaml exited ${result.status}: ${result.stderr.toString().slice(-500)}`);
  return ms;
}

export async function benchStoreOverhead(rounds = 11): Promise<StoreOverheadFigures> {
  if (!existsSync(bundle)) throw new Error(`bench store-overhead: ${path.relative(process.cwd(), bundle)} is missing; run \`npm run build\` first`);
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-store-overhead-'));
  try {
    const { one, many } = await setUp(dir);
    const root = path.join(dir, '.planexec/runs');
    // Warm up: module import, validators, JIT; and the CLI's file cache.
    await timeLibrary(many, STEPS, dir, undefined);
    await timeLibrary(many, STEPS, dir, root);
    timeProcess(dir, 'one', 'cli');
    timeProcess(dir, 'one', 'source');

    const without: number[] = [];
    const withStore: number[] = [];
    const librarySingle: number[] = [];
    const cliMany: number[] = [];
    const cliSingle: number[] = [];
    const sourceMany: number[] = [];
    const sourceSingle: number[] = [];
    const freshMany: number[] = [];
    const freshSingle: number[] = [];
    for (let round = 0; round < rounds; round++) {
      (globalThis as { gc?: () => void }).gc?.();
      without.push(await timeLibrary(many, STEPS, dir, undefined));
      librarySingle.push(await timeLibrary(one, 1, dir, root));
      withStore.push(await timeLibrary(many, STEPS, dir, root));
      cliMany.push(timeProcess(dir, 'many', 'cli'));
      cliSingle.push(timeProcess(dir, 'one', 'cli'));
      sourceMany.push(timeProcess(dir, 'many', 'source'));
      sourceSingle.push(timeProcess(dir, 'one', 'source'));
      freshMany.push(timeProcess(dir, 'many', 'library'));
      freshSingle.push(timeProcess(dir, 'one', 'library'));
    }
    // Per step, in µs; a marginal cost is (1,000 steps − 1 step) / 999, of the mins and of the medians.
    const perStep = (ms: readonly number[]) => { const s = spread(ms); return { min: (s.min / STEPS) * 1000, median: (s.median / STEPS) * 1000 }; };
    const marginal = (manyMs: readonly number[], oneMs: readonly number[]) => {
      const [a, b] = [spread(manyMs), spread(oneMs)];
      return { min: ((a.min - b.min) / (STEPS - 1)) * 1000, median: ((a.median - b.median) / (STEPS - 1)) * 1000 };
    };
    const withoutStore = perStep(without);
    const stored = perStep(withStore);
    const overheadUs = { min: stored.min - withoutStore.min, median: stored.median - withoutStore.median };
    const libraryPerStepUs = marginal(withStore, librarySingle);
    const cliPerStepUs = marginal(cliMany, cliSingle);
    const sourceCliPerStepUs = marginal(sourceMany, sourceSingle);
    const freshLibraryPerStepUs = marginal(freshMany, freshSingle);
    const cliRatio = { min: cliPerStepUs.min / libraryPerStepUs.min, median: cliPerStepUs.median / libraryPerStepUs.median };
    const us = (value: number) => `${value.toFixed(0)} µs`;
    console.log(`store ${STEPS} no-op steps, runPipeline per step (min / median of ${rounds} interleaved rounds): without a store ${us(withoutStore.min)} / ${us(withoutStore.median)}, with ${us(stored.min)} / ${us(stored.median)}`);
    console.log(`store overhead per step: ${us(overheadUs.min)} / ${us(overheadUs.median)} (target ≤ ${STORE_TARGET_US} µs: ${overheadUs.median <= STORE_TARGET_US ? 'ok' : 'MISSED'})`);
    console.log(
      `store cost of one more step (1,000 steps against 1): library ${us(libraryPerStepUs.min)} / ${us(libraryPerStepUs.median)}, installed CLI ${us(cliPerStepUs.min)} / ${us(cliPerStepUs.median)} → ` +
        `${cliRatio.min.toFixed(2)}× / ${cliRatio.median.toFixed(2)}× (target ≤ ${CLI_TARGET_RATIO}×: ${cliRatio.median <= CLI_TARGET_RATIO ? 'ok' : 'MISSED'}; ` +
        `CLI runs: 1 step ${spread(cliSingle).median.toFixed(0)} ms, ${STEPS} steps ${spread(cliMany).median.toFixed(0)} ms, medians)`,
    );
    console.log(
      `store the CLI from source (src/cli/main.ts): ${us(sourceCliPerStepUs.min)} / ${us(sourceCliPerStepUs.median)} per step → ` +
        `${(sourceCliPerStepUs.min / libraryPerStepUs.min).toFixed(2)}× / ${(sourceCliPerStepUs.median / libraryPerStepUs.median).toFixed(2)}× the library`,
    );
    console.log(
      `store the library in a fresh process, 1,000 steps against 1: ${us(freshLibraryPerStepUs.min)} / ${us(freshLibraryPerStepUs.median)} per step; ` +
        `the CLI against it: ${(cliPerStepUs.min / freshLibraryPerStepUs.min).toFixed(2)}× / ${(cliPerStepUs.median / freshLibraryPerStepUs.median).toFixed(2)}×`,
    );
    return { withoutStore, withStore: stored, overheadUs, libraryPerStepUs, cliPerStepUs, sourceCliPerStepUs, freshLibraryPerStepUs, cliRatio };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `node bench/store-overhead.ts --library-run <dir> <one|many>`: one runPipeline with a store, as a process of its own. */
async function libraryRun(dir: string, name: 'one' | 'many'): Promise<void> {
  const pipeline = await loadPipeline(path.join(dir, `${name}.yaml`), { cwd: dir, config: null });
  await timeLibrary(pipeline, name === 'one' ? 1 : STEPS, dir, path.join(dir, '.planexec/runs'));
}

if (import.meta.main) {
  if (process.argv[2] === '--library-run') await libraryRun(process.argv[3]!, process.argv[4] as 'one' | 'many');
  // `node --expose-gc bench/store-overhead.ts [rounds]`: fewer rounds for a quick look.
  else await benchStoreOverhead(process.argv[2] === undefined ? undefined : Number(process.argv[2]));
}
