// Cold start: how long each everyday command takes as a fresh process, as a ratio to `node -e 0`
// started the same way, in one run of interleaved rounds (node, help, validate, run, runs, show,
// node, help, …) so a burst of load on the machine hits every side alike; min and median of each.
// Targets (medians): --help ≤ 1.5×, validate ≤ 2.5×, offline run ≤ 3×, runs with 1,000 stored runs ≤ 2×.
//
// Measures the installed form (bin/planexec.js → dist/, so run `npm run build` first; Node's compile
// cache and the per-command V8 code cache of the CLI's script (help.cjs's for --help) are warm after the first round, as they are for a
// user from the second command on), the same with both caches off (NODE_DISABLE_COMPILE_CACHE=1:
// what a first start pays, less the one-time writing of the caches), and the TypeScript source run with type
// stripping. `node bench/cold-start.ts --before <checkout>` adds the
// same commands of another built checkout (e.g. `git archive` of the base commit) to the same rounds.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface StartupFigure {
  readonly command: string;
  readonly form: string;
  readonly minMs: number;
  readonly medianMs: number;
  /** min / min of `node -e 0` and median / median of `node -e 0`. */
  readonly ratioMin: number;
  readonly ratioMedian: number;
  readonly target?: number;
  readonly ok?: boolean;
}

export interface ColdStartFigures {
  readonly rounds: number;
  readonly nodeMinMs: number;
  readonly nodeMedianMs: number;
  readonly figures: readonly StartupFigure[];
}

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  /** The project the command runs in. */
  readonly cwd: 'project' | 'store';
  readonly target?: number;
}

interface Form {
  readonly name: string;
  /** The entry point to run with node. */
  readonly entry: string;
  readonly env?: Readonly<Record<string, string>>;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const STORED_RUNS = 1000;

const COMMANDS: readonly Command[] = [
  { name: '--help', args: ['--help'], cwd: 'project', target: 1.5 },
  { name: 'validate pipelines/release-notes.yaml', args: ['validate', 'pipelines/release-notes.yaml'], cwd: 'project', target: 2.5 },
  { name: 'run pipelines/release-notes.yaml (offline)', args: ['run', 'pipelines/release-notes.yaml'], cwd: 'project', target: 3 },
  { name: `runs (${STORED_RUNS.toLocaleString('en')} stored runs)`, args: ['runs'], cwd: 'store', target: 2 },
  { name: 'show <run-id>', args: ['show', '<run-id>'], cwd: 'store' },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time of one `node <args>` in `cwd`; a failure is an error (a fast failure would flatter the figure). */
function timeOnce(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} (in ${cwd}) exited with ${result.status}: ${String(result.stderr).slice(0, 500)}`);
  return ms;
}

/** A project with the example pipelines, and a second one whose run store holds `STORED_RUNS` runs. */
function makeProjects(root: string): { project: string; store: string; runId: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'planexec-cold-start-'));
  const project = path.join(base, 'project');
  const store = path.join(base, 'store');
  for (const dir of [project, store]) {
    cpSync(path.join(root, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
    cpSync(path.join(root, 'planexec.config.yaml'), path.join(dir, 'planexec.config.yaml'));
  }
  timeOnce([path.join(root, 'src/cli/main.ts'), 'run', 'pipelines/release-notes.yaml'], store);
  const runs = path.join(store, '.planexec/runs');
  const [template] = readdirSync(runs);
  if (template === undefined) throw new Error('the seed run left no run folder');
  for (let i = 1; i < STORED_RUNS; i++) {
    // Older than the seed run, so `show` of the newest and `runs` see the real one first.
    const id = `20000101-${String(Math.floor(i / 60)).padStart(4, '0')}${String(i % 60).padStart(2, '0')}-${i.toString(16).padStart(4, '0')}`;
    cpSync(path.join(runs, template), path.join(runs, id), { recursive: true });
    const events = path.join(runs, id, 'events.ndjson');
    writeFileSync(events, readFileSync(events, 'utf8').replaceAll(template, id));
  }
  return { project, store, runId: template };
}

function formsOf(root: string, label: string): Form[] {
  if (!existsSync(path.join(root, 'dist/cli/main.js'))) throw new Error(`${root}: dist/ is not built: run \`npm run build\` first`);
  const installed = path.join(root, 'bin/planexec.js');
  return [
    { name: `${label}installed (bin → dist)`, entry: installed },
    // What the very first start pays, before the compile cache holds anything (and with it turned off).
    ...(label === '' ? [{ name: 'installed, no compile cache', entry: installed, env: { NODE_DISABLE_COMPILE_CACHE: '1' } }] : []),
    { name: `${label}source (type stripping)`, entry: path.join(root, 'src/cli/main.ts') },
  ];
}

export function benchColdStart(options: { readonly rounds?: number; readonly before?: string } = {}): ColdStartFigures {
  const rounds = options.rounds ?? 11;
  const forms = [...formsOf(repoRoot, ''), ...(options.before === undefined ? [] : formsOf(path.resolve(options.before), 'before: '))];
  const { project, store, runId } = makeProjects(repoRoot);
  const cwdOf = (command: Command) => (command.cwd === 'project' ? project : store);
  const argsOf = (command: Command) => command.args.map((arg) => (arg === '<run-id>' ? runId : arg));
  const node: number[] = [];
  const times = new Map<string, number[]>();
  try {
    // Round 0 warms the file cache and the compile cache and is not counted.
    for (let round = 0; round <= rounds; round++) {
      const ms = timeOnce(['-e', '0'], project);
      if (round > 0) node.push(ms);
      for (const command of COMMANDS) {
        for (const form of forms) {
          const elapsed = timeOnce([form.entry, ...argsOf(command)], cwdOf(command), form.env);
          const key = `${command.name}\0${form.name}`;
          if (round > 0) times.set(key, [...(times.get(key) ?? []), elapsed]);
        }
      }
    }
  } finally {
    rmSync(path.dirname(project), { recursive: true, force: true });
  }
  const nodeMinMs = Math.min(...node);
  const nodeMedianMs = median(node);
  const figures: StartupFigure[] = [];
  console.log(`cold start, ${rounds} interleaved rounds; min / median ms, and ratio to node -e 0 by min / by median:`);
  console.log(`  node -e 0: ${nodeMinMs.toFixed(1)} / ${nodeMedianMs.toFixed(1)} ms`);
  for (const command of COMMANDS) {
    console.log(`  ${command.name}${command.target === undefined ? '' : ` (target ≤ ${command.target}× by median)`}`);
    for (const form of forms) {
      const samples = times.get(`${command.name}\0${form.name}`)!;
      const minMs = Math.min(...samples);
      const medianMs = median(samples);
      const ratioMin = minMs / nodeMinMs;
      const ratioMedian = medianMs / nodeMedianMs;
      const ok = command.target === undefined ? undefined : ratioMedian <= command.target;
      figures.push({ command: command.name, form: form.name, minMs, medianMs, ratioMin, ratioMedian, ...(command.target === undefined ? {} : { target: command.target, ok }) });
      const verdict = ok === undefined || form.name.startsWith('before') ? '' : ok ? '  ok' : '  MISSED';
      console.log(`    ${form.name.padEnd(36)} ${minMs.toFixed(1).padStart(7)} / ${medianMs.toFixed(1).padStart(7)} ms  ${ratioMin.toFixed(2)}× / ${ratioMedian.toFixed(2)}×${verdict}`);
    }
  }
  return { rounds, nodeMinMs, nodeMedianMs, figures };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const before = args.includes('--before') ? args[args.indexOf('--before') + 1] : undefined;
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : undefined;
  benchColdStart({ ...(before === undefined ? {} : { before }), ...(rounds === undefined ? {} : { rounds }) });
}
