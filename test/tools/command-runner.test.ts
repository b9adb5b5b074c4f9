import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandTool } from '../../src/index.ts';
import { runCommand } from '../../src/tools/kinds/command/run-command.ts';
import { commandTool } from '../support/tools.ts';
import { isRunning, waitFor, waitUntilGone } from './processes.ts';
import { failureOf, testToolContext } from './tool-context.ts';

const node = process.execPath;

/** A node script as a command tool with no arguments. */
function script(source: string, options: Partial<CommandTool> = {}): CommandTool {
  return commandTool('script', [node, '-e', source], { args: { type: 'object' }, ...options });
}

/**
 * Ignores SIGTERM (noting each one it gets in `${file}.signals`), starts a grandchild that ignores it
 * too, writes both pids to `file`, runs forever.
 */
function stubbornTree(file: string): string {
  return `
    const { spawn } = require('node:child_process');
    process.on('SIGTERM', () => require('node:fs').appendFileSync(${JSON.stringify(`${file}.signals`)}, 'SIGTERM\\n'));
    const grandchild = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
    require('node:fs').writeFileSync(${JSON.stringify(file)}, JSON.stringify({ child: process.pid, grandchild: grandchild.pid }));
    setInterval(() => {}, 1000);
  `;
}


const pidsIn = (file: string) => (existsSync(file) && readFileSync(file, 'utf8') ? (JSON.parse(readFileSync(file, 'utf8')) as { child: number; grandchild: number }) : undefined);

describe('runCommand', () => {
  it('on timeout kills a child that ignores SIGTERM and its grandchild (SIGTERM, then SIGKILL after the grace)', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'planexec-cmd-')), 'pids.json');
    // Long enough for node to start and set up its SIGTERM handler on a busy machine, before the timeout.
    const error = await failureOf(runCommand(script(stubbornTree(file), { timeoutMs: 1500 }), {}, testToolContext({ killGraceMs: 300 })));
    expect(error.message).toMatch(/timed out after 1\.5s/);
    expect(error.timedOut).toBe(true);
    expect(error.transient).toBe(false);
    // SIGTERM came first and was survived (the child's handler ran); only SIGKILL could end the tree.
    expect(readFileSync(`${file}.signals`, 'utf8')).toBe('SIGTERM\n');
    const pids = pidsIn(file)!;
    expect(await waitUntilGone([pids.child, pids.grandchild])).toEqual([]);
  });

  it('on cancel stops the whole process group and says it was cancelled', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'planexec-cmd-')), 'pids.json');
    const controller = new AbortController();
    const pending = failureOf(runCommand(script(stubbornTree(file)), {}, testToolContext({ signal: controller.signal, killGraceMs: 200 })));
    const pids = await waitFor(() => pidsIn(file));
    expect(isRunning(pids.grandchild)).toBe(true);
    controller.abort();
    const error = await pending;
    expect(error.message).toContain('cancelled');
    expect(await waitUntilGone([pids.child, pids.grandchild])).toEqual([]);
  });

  it('returns as soon as the command exits, killing a background child that holds its output open', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'planexec-cmd-')), 'pid');
    const source = `
      const background = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
      background.unref();
      require('node:fs').writeFileSync(${JSON.stringify(file)}, String(background.pid));
      console.log('done');
    `;
    // The background child never exits: waiting for the pipes it holds would never return.
    const result = await runCommand(script(source), {}, testToolContext());
    expect(result.output).toBe('done');
    expect(await waitUntilGone([Number(readFileSync(file, 'utf8'))])).toEqual([]);
  });

  it('marks exit codes listed in retryOn as transient, and only those', async () => {
    const tool = (code: number) => script(`process.stderr.write('try later'); process.exit(${code})`, { retryOn: [75] });
    const retryable = await failureOf(runCommand(tool(75), {}, testToolContext()));
    expect(retryable.transient).toBe(true);
    expect(retryable.message).toMatch(/exited with code 75: try later$/);
    const permanent = await failureOf(runCommand(tool(1), {}, testToolContext()));
    expect(permanent.transient).toBe(false);
  });

  it('keeps memory flat when a tool prints 1 GB: output capped at maxOutputBytes with a note', async () => {
    const oneGigabyte = `
      const chunk = Buffer.alloc(1 << 20, 'x');
      let left = 1024;
      const write = () => { while (left > 0) { left--; if (!process.stdout.write(chunk)) return process.stdout.once('drain', write); } };
      write();
    `;
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    // A generous step timeout: piping 1 GB takes a second on an idle machine, far longer on a loaded one.
    const result = await runCommand(script(oneGigabyte), {}, testToolContext({ maxOutputBytes: 1024 * 1024, timeoutMs: 170_000 }));
    clearInterval(sampler);
    expect((result.output as string).length).toBe(1024 * 1024);
    expect(result.note).toBe('output truncated at 1048576 bytes (execution.maxOutputBytes)');
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
  }, 180_000);
});
