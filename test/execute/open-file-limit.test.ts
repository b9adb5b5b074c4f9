// Running out of file descriptors: a low `ulimit -n` lowers how many steps run at once (with a
// warning), a process that cannot start for want of descriptors is started again with backoff, and
// one that cannot start at all is a step failure with a clear message — never a crash.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { concurrencyWithinOpenFileLimit, parseSoftOpenFileLimit, readOpenFileLimit, stepsWithinOpenFileLimit } from '../../src/execute/open-file-limit.ts';
import { runCommand } from '../../src/tools/kinds/command/run-command.ts';
import { commandTool } from '../support/tools.ts';
import { repoRoot, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { failureOf, testToolContext } from '../tools/tool-context.ts';

const linux = process.platform === 'linux';
const stackTrace = /\n\s+at .+[:(].*\d+:\d+\)?/;

/** Runs `node <args>` under `ulimit -n <limit>` (a real soft limit) and collects what it prints. */
function underUlimit(limit: number, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const command = `ulimit -n ${limit} && exec ${[process.execPath, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ')}`;
  const child = spawn('bash', ['-c', command], { cwd: options.cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr }))));
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the open-file limit', () => {
  it('reads the soft limit from /proc/self/limits', () => {
    const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            256                  524288               files\n';
    expect(parseSoftOpenFileLimit(limits)).toBe(256);
    expect(parseSoftOpenFileLimit(limits.replace('256 ', 'unlimited '))).toBeUndefined();
    expect(parseSoftOpenFileLimit('Max processes 100 100 processes\n')).toBeUndefined();
  });

  it('lowers the concurrency to what the descriptors left allow, and says so; leaves it when it fits', () => {
    const limit = { soft: 256, known: true, inUse: 24 };
    const allowed = stepsWithinOpenFileLimit(limit);
    expect(allowed).toBeGreaterThan(8);
    expect(allowed).toBeLessThan(128);
    expect(concurrencyWithinOpenFileLimit(4, limit)).toEqual({ concurrency: 4 });
    const lowered = concurrencyWithinOpenFileLimit(128, limit);
    expect(lowered.concurrency).toBe(allowed);
    expect(lowered.warning).toBe(`running at most ${allowed} steps at once instead of 128: the open-file limit (ulimit -n) is 256 and each running step needs up to 3 open files; raise the limit to run more at once`);
    // Where the limit cannot be read, the assumed one is named as such.
    expect(concurrencyWithinOpenFileLimit(128, { soft: 256, known: false, inUse: 32 }).warning).toContain('cannot read the open-file limit on this system, so it assumes 256');
    // A limit with hardly anything left still runs one step at a time.
    expect(concurrencyWithinOpenFileLimit(8, { soft: 40, known: true, inUse: 30 }).concurrency).toBe(1);
  });

  it('has no limit to respect on Windows', () => {
    expect(readOpenFileLimit('win32')).toBeUndefined();
    expect(concurrencyWithinOpenFileLimit(500, undefined)).toEqual({ concurrency: 500 });
  });

  it.runIf(linux)("reads this process's own limit on Linux", () => {
    const limit = readOpenFileLimit();
    expect(limit?.known).toBe(true);
    expect(limit!.inUse).toBeGreaterThan(2);
  });
});

describe.runIf(linux)('under a real low ulimit -n', () => {
  // 40 steps at once, each logging when it starts and ends, so the overlap can be counted afterwards.
  const stepScript = `const fs = require('fs');
fs.appendFileSync('steps.log', 'start ' + process.argv[2] + '\\n');
setTimeout(() => { fs.appendFileSync('steps.log', 'end ' + process.argv[2] + '\\n'); console.log(process.argv[2]); }, 150);
`;
  const pipeline = `version: 1
name: many-at-once
task: many steps at once
model: { name: m }
planning: { maxSteps: 100 }
replan: { strategy: none }
execution: { concurrency: 40 }
tools:
  - name: nap
    description: Naps a little
    command: [${JSON.stringify(process.execPath)}, step.js, "{{args.n}}"]
    args: { type: object, properties: { n: { type: string } }, required: [n], additionalProperties: false }
`;
  const plan = { steps: [...Array.from({ length: 40 }, (_, i) => ({ id: i + 1, tool: 'nap', args: { n: String(i + 1) } })), { id: 41, tool: 'nap', args: { n: 'last' }, dependsOn: Array.from({ length: 40 }, (_, i) => i + 1) }] };

  function mostAtOnce(log: string): number {
    let running = 0;
    let most = 0;
    for (const line of log.split('\n').filter(Boolean)) {
      running += line.startsWith('start') ? 1 : -1;
      most = Math.max(most, running);
    }
    return most;
  }

  it('ulimit -n 64 and 40 steps at once: every step runs, fewer at a time, with a warning saying why; no crash', async () => {
    server = await startScriptedServer([{ json: plan }]);
    const dir = await tempProject({ 'p.yaml': pipeline, 'step.js': stepScript });
    const result = await underUlimit(64, [path.join(repoRoot, 'src/cli/main.ts'), 'run', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(result.stderr).not.toMatch(stackTrace);
    expect(result.stderr).not.toContain('EMFILE');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('last\n');
    const warning = /warning: running at most (\d+) steps? at once instead of 40: the open-file limit \(ulimit -n\) is 64/.exec(result.stderr);
    expect(warning, result.stderr).not.toBeNull();
    const log = await readFile(path.join(dir, 'steps.log'), 'utf8');
    expect(log.split('\n').filter((line) => line.startsWith('start'))).toHaveLength(41);
    expect(mostAtOnce(log)).toBeLessThanOrEqual(Number(warning![1]));
  });

  it('--concurrency is lowered the same way', async () => {
    server = await startScriptedServer([{ json: plan }]);
    const dir = await tempProject({ 'p.yaml': pipeline.replace('execution: { concurrency: 40 }\n', ''), 'step.js': stepScript });
    const result = await underUlimit(64, [path.join(repoRoot, 'src/cli/main.ts'), 'run', 'p.yaml', '--concurrency', '30'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: running at most \d+ steps? at once instead of 30/);
  });

  // A child process that uses up its descriptors (ulimit -n 64), then asks runCommand to start a program.
  const exhaust = (releaseAfterMs: number | undefined) => `
import { openSync, closeSync } from 'node:fs';
import { runCommand } from ${JSON.stringify(path.join(repoRoot, 'src/tools/kinds/command/run-command.ts'))};
const held = [];
for (;;) {
  try { held.push(openSync('/dev/null', 'r')); } catch (error) { if (error.code !== 'EMFILE') throw error; break; }
}
// Leave one free: not enough for the two output pipes a process needs.
closeSync(held.pop());
${releaseAfterMs === undefined ? '' : `setTimeout(() => { for (const fd of held.splice(0)) closeSync(fd); }, ${releaseAfterMs});`}
const tool = { kind: 'command', name: 'hello', description: 'd', command: [process.execPath, '-e', 'console.log("started")'], args: { type: 'object' }, output: 'text' };
const context = { signal: new AbortController().signal, cwd: process.cwd(), llm: {}, model: {}, maxOutputBytes: 1 << 20, timeoutMs: 10000, env: process.env };
try {
  const result = await runCommand(tool, {}, context);
  console.log(JSON.stringify({ ok: true, output: result.output }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: error.name, message: error.message, transient: error.transient }));
}
for (const fd of held) closeSync(fd);
`;

  it('a start that fails with EMFILE is tried again with backoff, and succeeds once descriptors are free', async () => {
    const dir = await tempProject({ 'exhaust.ts': exhaust(300) });
    const result = await underUlimit(64, ['exhaust.ts'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, output: 'started' });
  });

  it('a start that keeps failing with EMFILE is a step failure saying why, after a few tries; nothing crashes', async () => {
    const dir = await tempProject({ 'exhaust.ts': exhaust(undefined) });
    const result = await underUlimit(64, ['exhaust.ts'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const failure = JSON.parse(result.stdout);
    expect(failure).toMatchObject({ ok: false, name: 'ToolError', transient: true });
    expect(failure.message).toMatch(/^could not start .* \(tool "hello"\): planexec has too many open files \(EMFILE\); .* \(tried 6 times\)$/);
  });
});

describe('a command that cannot start', () => {
  it('in a working directory that does not exist: says so, rather than "command not found"', async () => {
    const dir = await tempProject({});
    const tool = commandTool('in_missing_dir', [process.execPath, '-e', '1'], { args: { type: 'object' }, cwd: path.join(dir, 'gone') });
    const error = await failureOf(runCommand(tool, {}, testToolContext()));
    expect(error.message).toBe(`could not start ${process.execPath} (tool "in_missing_dir"): its working directory ${path.join(dir, 'gone')} does not exist`);
    expect(error.transient).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('that is not executable: permission denied, as a step failure', async () => {
    const dir = await tempProject({ 'not-executable.sh': 'echo hi\n' });
    await writeFile(path.join(dir, 'not-executable.sh'), 'echo hi\n', { mode: 0o644 });
    const tool = commandTool('plain_file', [path.join(dir, 'not-executable.sh')], { args: { type: 'object' } });
    const error = await failureOf(runCommand(tool, {}, testToolContext()));
    expect(error.message).toContain('permission denied (EACCES)');
  });

  it('that does not exist: command not found, as before', async () => {
    const tool = commandTool('nothing', ['planexec-no-such-program'], { args: { type: 'object' } });
    const error = await failureOf(runCommand(tool, {}, testToolContext()));
    expect(error.message).toBe('command not found: planexec-no-such-program (tool "nothing")');
  });
});
