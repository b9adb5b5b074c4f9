// Real-process helpers for tests: is a pid still running, and wait until it is not.

import { readFileSync } from 'node:fs';

/** True while `pid` exists and is not a zombie (a zombie runs no code; it only waits to be reaped). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) is all we know
  }
}

/**
 * Send `signal` to `pid` unless it has already exited (ESRCH): a process can end on its own at any
 * moment. Anything but a positive pid is refused: kill(0) would signal the test run's own process
 * group (a pid file read while it was still empty gives Number('') === 0).
 */
export function killIfRunning(pid: number, signal: NodeJS.Signals = 'SIGKILL'): boolean {
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`);
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Polls until none of `pids` runs, or `timeoutMs` passes; returns those still running. */
export async function waitUntilGone(pids: readonly number[], timeoutMs = 2000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter(isRunning);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls until `read()` returns something, or throws after `timeoutMs`. */
export async function waitFor<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
