// Process groups of running commands, so that a second Ctrl-C (which exits at once) can still kill
// every one of them rather than leave orphans behind.

const live = new Set<number>();

export function trackProcessGroup(pid: number): void {
  live.add(pid);
}

export function untrackProcessGroup(pid: number): void {
  live.delete(pid);
}

/** Signal the group led by `pid`; false when it is already gone. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Signal every tracked group (synchronously: safe right before process.exit); returns how many. */
export function signalAllProcessGroups(signal: NodeJS.Signals = 'SIGKILL'): number {
  let count = 0;
  for (const pid of live) if (signalProcessGroup(pid, signal)) count++;
  return count;
}
