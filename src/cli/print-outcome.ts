// How `run` and `resume` end: once the progress view has finished drawing, the result on stdout
// (not with --json, whose events already carry it) or the error on stderr, then the usage line under
// the terminal view; the exit code is the outcome's.

import type { RunOutcome } from '../run/outcome.ts';
import { formatUsage } from '../view/plain-view.ts';
import { visibleLines } from '../source/visible-text.ts';
import { printError } from './cli-io.ts';

export async function printOutcome(outcome: RunOutcome, view: { readonly json: boolean; readonly terminal?: { readonly finished: () => Promise<void> } }): Promise<number> {
  await view.terminal?.finished();
  if (outcome.status === 'succeeded') {
    // Byte for byte into a file or pipe; on a terminal, with the control characters of model text escaped.
    const result = process.stdout.isTTY ? visibleLines(outcome.result!) : outcome.result!;
    if (!view.json) process.stdout.write(result.endsWith('\n') ? result : `${result}\n`);
  } else if (outcome.error) {
    printError(outcome.error);
  }
  if (view.terminal) process.stderr.write(`${formatUsage(outcome.usage)}\n`);
  return outcome.exitCode;
}
