// Cold start: how long `planexec --help` takes as a fresh process, against `node -e 0` on the same
// Node. Target: within 2.5× (heavy modules such as openai and listr2 load only with the command that
// needs them). Measures the installed form (bin/planexec.js → dist/, so run `npm run build` first)
// and, for comparison, the TypeScript source run with type stripping.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ColdStartFigures {
  readonly nodeMs: number;
  readonly helpMs: number;
  readonly ratio: number;
  readonly sourceHelpMs: number;
  readonly target: number;
  readonly ok: boolean;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const TARGET_RATIO = 2.5;

/** Median wall time of `node <args>` over `runs` runs (after one warm-up for the file cache). */
function medianMs(args: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function benchColdStart(runs = 21): ColdStartFigures {
  if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  // Interleaved rounds, so a burst of load on the machine hits both sides alike.
  const node: number[] = [];
  const help: number[] = [];
  const rounds = 3;
  for (let round = 0; round < rounds; round++) {
    node.push(medianMs(['-e', '0'], Math.ceil(runs / rounds)));
    help.push(medianMs(['bin/planexec.js', '--help'], Math.ceil(runs / rounds)));
  }
  const nodeMs = Math.min(...node);
  const helpMs = Math.min(...help);
  const sourceHelpMs = medianMs(['src/cli/main.ts', '--help'], Math.ceil(runs / rounds));
  const ratio = helpMs / nodeMs;
  const figures = { nodeMs, helpMs, ratio, sourceHelpMs, target: TARGET_RATIO, ok: ratio <= TARGET_RATIO };
  console.log(
    `node -e 0: ${nodeMs.toFixed(1)} ms · planexec --help (bin → dist): ${helpMs.toFixed(1)} ms → ${ratio.toFixed(2)}× ` +
      `(target ≤ ${TARGET_RATIO}×: ${figures.ok ? 'ok' : 'MISSED'}) · from source (type stripping): ${sourceHelpMs.toFixed(1)} ms`,
  );
  return figures;
}

if (import.meta.main) benchColdStart();
