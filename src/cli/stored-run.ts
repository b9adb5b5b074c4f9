// A stored run as the commands read it (`show`, `resume`): its id from what the user typed, its
// folded record, the log's warnings said once; a missing or damaged run is a usage error (exit 2).
// A module of its own so `resume` does not bring `runs` and `show` (and their reports) with it.

import { foldRun } from '../store/fold-run.ts';
import { readRunEvents, RunStoreError } from '../store/read-run.ts';
import { resolveRunId } from '../store/resolve-run-id.ts';
import { visibleText } from '../source/visible-text.ts';
import { UsageError } from './cli-io.ts';

/** Prints a warning once, however often the run's log is read. */
export function warnOnce(printed: Set<string>): (message: string) => void {
  return (message) => {
    if (printed.has(message)) return;
    printed.add(message);
    process.stderr.write(`warning: ${visibleText(message)}\n`);
  };
}

/** The id `given` means (a whole id, a unique prefix, `last`); an unknown or ambiguous one is a usage error (exit 2). */
export function resolveStoredRunId(root: string, given: string): string {
  try {
    return resolveRunId(root, given);
  } catch (error) {
    if (error instanceof RunStoreError) throw new UsageError(error.message);
    throw error;
  }
}

/** The folded record of a stored run; a missing or damaged one is a usage error (exit 2). */
export function readRecord(root: string, runId: string, warn: (message: string) => void = warnOnce(new Set())) {
  try {
    const log = readRunEvents(root, runId);
    for (const warning of log.warnings) warn(warning);
    return foldRun(log.events);
  } catch (error) {
    if (error instanceof RunStoreError) throw new UsageError(error.message);
    throw error;
  }
}
