// Run the real `planexec` CLI (from source, on this Node) as a child process and collect what it prints.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliEntry = path.join(repoRoot, 'src/cli/main.ts');

/**
 * Node's compile cache for the CLI processes of the tests: each one would otherwise strip the types
 * of every source file and compile it again, about half of its start-up. Entries are checked against
 * the file's content, so an edited file is never served stale.
 */
export const compileCacheDir = path.join(tmpdir(), `planexec-test-compile-cache-${process.getuid?.() ?? 'user'}`);

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** The CLI to start: the source's main.ts unless a built one is named. */
  readonly entry?: string;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).done;
}

/** Start the CLI and get the child (to signal or kill it) along with its result. */
export function spawnCli(args: readonly string[], options: CliOptions = {}) {
  const child = spawn(process.execPath, [options.entry ?? cliEntry, ...args], {
    cwd: options.cwd ?? repoRoot,
    // A clean environment: no key or endpoint from the developer's shell leaks into a test.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', NODE_COMPILE_CACHE: compileCacheDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}

/** A fresh temp directory with the given files written into it. */
export async function tempProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-test-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}
