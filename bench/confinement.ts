// Workspace confinement and http (issue 18, items 6–8): what the guards stop and what they cost,
// each against a baseline measured side by side in the same run.
// - Attacks: write and read variants (block-list gaps, links to .git made by the workspace, hard
//   links, other spellings of .git) against tools/scripts/fs-tools.mjs now and as it was before
//   issue 18 (`git show <baseline>:tools/scripts/fs-tools.mjs`); a variant gets through when a file
//   outside out/ changes or the checkout token comes back. Target: 0 through.
// - Cost: write_file and read_file calls of both modules in interleaved rounds (A, B, A, B, …), min and
//   median µs per call; rendering an http request with the url path checks against rendering its url
//   the way it was rendered before. Targets: write_file within 3× of before, rendering within 2×
//   (both far below a millisecond, where a step's time is not).

import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTemplate } from '../src/prompt/template-engine.ts';
import { argumentsAsText } from '../src/tools/argument-text.ts';
import type { HttpTool } from '../src/index.ts';
import { renderHttpRequest } from '../src/tools/kinds/http/render-http-request.ts';

/** The last commit before issue 18's confinement work: its fs-tools.mjs is the baseline. */
const BASELINE = '65bb5dd';
const TOKEN = 'ghs_benchCheckoutToken';
const repoRoot = path.resolve(import.meta.dirname, '..');

type FileTool = (args: Record<string, unknown>, options: { cwd: string }) => Promise<string>;
interface FsModule {
  readonly readTextFile: FileTool;
  readonly writeTextFile: FileTool;
}

interface Attack {
  readonly name: string;
  readonly setup?: (workspace: string) => Promise<void>;
  readonly write?: string;
  readonly read?: string;
}

const attacks: readonly Attack[] = [
  { name: 'write GNUmakefile', write: 'GNUmakefile' },
  { name: 'write .husky/pre-commit', write: '.husky/pre-commit' },
  { name: 'write .vscode/tasks.json', write: '.vscode/tasks.json' },
  { name: 'write scripts/build.py', write: 'scripts/build.py' },
  { name: 'write .yarnrc', write: '.yarnrc' },
  { name: 'write .GIT/config', write: '.GIT/config' },
  { name: 'write a hook through out/repo -> ../.git', setup: (ws) => symlink('../.git', path.join(ws, 'out/repo')), write: 'out/repo/hooks/pre-commit' },
  { name: 'write .git/config through out -> .git', setup: async (ws) => { await rm(path.join(ws, 'out'), { recursive: true }); await symlink('.git', path.join(ws, 'out')); }, write: 'out/config' },
  { name: 'write out/cfg, a hard link to .git/config', setup: (ws) => link(path.join(ws, '.git/config'), path.join(ws, 'out/cfg')), write: 'out/cfg' },
  { name: 'read .git/config', read: '.git/config' },
  { name: 'read .git/config through docs/repo -> ../.git', setup: (ws) => symlink('../.git', path.join(ws, 'docs/repo')), read: 'docs/repo/config' },
  { name: 'read docs/cfg, a hard link to .git/config', setup: (ws) => link(path.join(ws, '.git/config'), path.join(ws, 'docs/cfg')), read: 'docs/cfg' },
];

async function workspaceWithGit(): Promise<{ root: string; workspace: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'planexec-bench-confine-'));
  const workspace = path.join(root, 'ws');
  await mkdir(path.join(workspace, '.git/hooks'), { recursive: true });
  await mkdir(path.join(workspace, 'out'));
  await mkdir(path.join(workspace, 'docs'));
  await writeFile(path.join(workspace, '.git/config'), `[http]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`);
  return { root, workspace };
}

/** Everything outside out/ (links not followed), with contents: a change shows as a difference. */
async function outsideOut(workspace: string): Promise<string> {
  const entries = (await readdir(workspace, { recursive: true })).map(String).filter((entry) => entry !== 'out' && !entry.startsWith(`out${path.sep}`)).sort();
  const parts = await Promise.all(entries.map(async (entry) => `${entry}=${await readFile(path.join(workspace, entry), 'utf8').catch(() => '')}`));
  return parts.join('\n');
}

async function attacksThrough(module: FsModule): Promise<string[]> {
  const through: string[] = [];
  for (const attack of attacks) {
    const { root, workspace } = await workspaceWithGit();
    try {
      await attack.setup?.(workspace);
      const before = await outsideOut(workspace);
      let output = '';
      try {
        output = attack.write ? await module.writeTextFile({ path: attack.write, content: 'touch pwned' }, { cwd: workspace }) : await module.readTextFile({ path: attack.read }, { cwd: workspace });
      } catch {
        // Refused.
      }
      if (output.includes(TOKEN) || (await outsideOut(workspace)) !== before) through.push(attack.name);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return through;
}

async function baselineModule(): Promise<FsModule | undefined> {
  try {
    const text = execFileSync('git', ['show', `${BASELINE}:tools/scripts/fs-tools.mjs`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-baseline-'));
    const file = path.join(dir, 'fs-tools-before.mjs');
    await writeFile(file, text);
    return (await import(pathToFileURL(file).href)) as FsModule;
  } catch {
    return undefined;
  }
}

interface Side {
  readonly min: number;
  readonly median: number;
}

function summary(samples: number[]): Side {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}

/** µs per call of `a` and `b`, in interleaved rounds of `calls` calls each. */
async function sideBySide(a: () => Promise<unknown> | unknown, b: () => Promise<unknown> | unknown, rounds: number, calls: number): Promise<{ a: Side; b: Side }> {
  const times = { a: [] as number[], b: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const [side, fn] of [['a', a], ['b', b]] as const) {
      (globalThis as { gc?: () => void }).gc?.();
      const start = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) await fn();
      times[side].push(Number(process.hrtime.bigint() - start) / 1e3 / calls);
    }
  }
  return { a: summary(times.a), b: summary(times.b) };
}

function line(label: string, before: Side, after: Side, target: number): string {
  const ratio = after.min / before.min;
  return `${label}: before ${before.min.toFixed(1)} µs (median ${before.median.toFixed(1)}) · now ${after.min.toFixed(1)} µs (median ${after.median.toFixed(1)}) → ${ratio.toFixed(2)}× (target ≤ ${target}×: ${ratio <= target ? 'ok' : 'MISSED'})`;
}

export async function benchConfinement(rounds = 15): Promise<void> {
  const current = (await import(pathToFileURL(path.join(repoRoot, 'tools/scripts/fs-tools.mjs')).href)) as FsModule;
  const baseline = await baselineModule();
  const now = await attacksThrough(current);
  if (baseline) {
    const before = await attacksThrough(baseline);
    console.log(`file attacks that get through: before ${before.length}/${attacks.length} (${before.join('; ')}) · now ${now.length}/${attacks.length}${now.length ? ` (${now.join('; ')})` : ''} (target 0)`);
  } else {
    console.log(`file attacks that get through: now ${now.length}/${attacks.length} (target 0); no baseline: git show ${BASELINE} failed`);
  }

  const { root, workspace } = await workspaceWithGit();
  try {
    await mkdir(path.join(workspace, 'out/reports/2024'), { recursive: true });
    const content = 'x'.repeat(4096);
    if (baseline) {
      const write = await sideBySide(
        () => baseline.writeTextFile({ path: 'out/reports/2024/a.md', content }, { cwd: workspace }),
        () => current.writeTextFile({ path: 'out/reports/2024/b.md', content }, { cwd: workspace }),
        rounds,
        100,
      );
      console.log(line('write_file (4 KB, out/reports/2024/)', write.a, write.b, 3));
      const read = await sideBySide(
        () => baseline.readTextFile({ path: 'out/reports/2024/a.md' }, { cwd: workspace }),
        () => current.readTextFile({ path: 'out/reports/2024/b.md' }, { cwd: workspace }),
        rounds,
        100,
      );
      console.log(line('read_file (4 KB)', read.a, read.b, 3));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }

  const tool: HttpTool = { kind: 'http', name: 'repo', description: 'bench', method: 'GET', url: 'https://api.example.com/repos/{{args.owner}}/{{args.repo}}/issues/{{args.number}}', allowHosts: ['api.example.com'], args: { type: 'object' }, output: 'json' };
  const args = { owner: 'nodejs', repo: 'node', number: 4242 };
  // Before: the url rendered and parsed and the default headers set, nothing else looked at (the request as it was rendered before).
  const render = await sideBySide(
    () => ({ method: tool.method, url: new URL(compileTemplate(tool.url, 'bench url')({ args: argumentsAsText(args, encodeURIComponent) })), headers: { 'user-agent': 'planexec', accept: 'application/json' }, secrets: [] }),
    () => renderHttpRequest(tool, args, {}),
    rounds * 2,
    5000,
  );
  console.log(line('rendering an http request (url path checks)', render.a, render.b, 2));
}

if (import.meta.main) await benchConfinement();
