// How many steps can run at once before planexec runs out of file descriptors. A running command
// holds its two output pipes (and a few more while it starts), an http or llm step a socket; past the
// soft open-file limit (`ulimit -n`) new processes and sockets fail with EMFILE. Node has no API for
// the limit: Linux tells it in /proc/self/limits; elsewhere (macOS, the BSDs) 256 is assumed, the
// macOS default. Windows has no such limit.

import { readdirSync, readFileSync } from 'node:fs';

/** Descriptors one running step may need. */
const fdsPerStep = 3;
/** Kept free for the run itself: the run store, the model's connection, files tools read, DNS. */
const spareFds = 32;
/** The soft limit assumed where it cannot be read. */
const assumedSoftLimit = 256;
/** Descriptors assumed open where they cannot be counted (Node itself uses about 20). */
const assumedInUse = 32;

export interface OpenFileLimit {
  /** The soft limit on open files (`ulimit -n`). */
  readonly soft: number;
  /** False when the limit could not be read and `soft` is assumed. */
  readonly known: boolean;
  /** Descriptors open now (counted on Linux, else an estimate). */
  readonly inUse: number;
}

/** The soft limit from the text of /proc/self/limits; undefined when unlimited or not there. */
export function parseSoftOpenFileLimit(limits: string): number | undefined {
  const match = /^Max open files\s+(\S+)/m.exec(limits);
  if (!match || match[1] === 'unlimited') return undefined;
  const soft = Number(match[1]);
  return Number.isSafeInteger(soft) && soft > 0 ? soft : undefined;
}

/** This process's open-file limit; undefined where there is none to respect (Windows, unlimited). */
export function readOpenFileLimit(platform: NodeJS.Platform = process.platform): OpenFileLimit | undefined {
  if (platform === 'win32') return undefined;
  let limits: string | undefined;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    /* no /proc: macOS, the BSDs */
  }
  if (limits !== undefined && !/^Max open files/m.test(limits)) limits = undefined;
  const soft = limits === undefined ? assumedSoftLimit : parseSoftOpenFileLimit(limits);
  if (soft === undefined) return undefined;
  let inUse = assumedInUse;
  try {
    // One of the entries is the directory being read.
    inUse = readdirSync('/proc/self/fd').length - 1;
  } catch {
    /* estimate */
  }
  return { soft, known: limits !== undefined, inUse };
}

/** Steps that fit in the descriptors left under the limit; at least 1. */
export function stepsWithinOpenFileLimit(limit: OpenFileLimit): number {
  return Math.max(1, Math.floor((limit.soft - limit.inUse - spareFds) / fdsPerStep));
}

/**
 * `requested`, or fewer when the open-file limit would not let that many steps run at once; then
 * also a warning saying so and how to raise it.
 */
export function concurrencyWithinOpenFileLimit(requested: number, limit: OpenFileLimit | undefined = readOpenFileLimit()): { readonly concurrency: number; readonly warning?: string } {
  if (limit === undefined) return { concurrency: requested };
  const allowed = stepsWithinOpenFileLimit(limit);
  if (requested <= allowed) return { concurrency: requested };
  const why = limit.known
    ? `the open-file limit (ulimit -n) is ${limit.soft} and each running step needs up to ${fdsPerStep} open files; raise the limit to run more at once`
    : `planexec cannot read the open-file limit on this system, so it assumes ${limit.soft} (ulimit -n), and each running step needs up to ${fdsPerStep} open files`;
  return { concurrency: allowed, warning: `running at most ${allowed} step${allowed === 1 ? '' : 's'} at once instead of ${requested}: ${why}` };
}
