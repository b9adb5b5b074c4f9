// How `run` and `resume` end: once the progress view has finished drawing, the result on stdout
// (not with --json, whose events already carry it) or the error on stderr, then the usage line under
// the terminal view, then the run's id (and, when it stopped short, how to continue it); the exit
// code is the outcome's.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunOutcome } from '../run/outcome.ts';
import { formatUsage } from '../view/plain-view.ts';
import { visibleLines } from '../source/visible-text.ts';
import { printError } from './cli-io.ts';

/** Where the run is kept, and how the user starts planexec here (`npx planexec`…), for the last lines. */
export interface StoredRun {
  readonly root: string;
  readonly invocation: string;
}

export async function printOutcome(outcome: RunOutcome, view: { readonly json: boolean; readonly terminal?: { readonly finished: () => Promise<void> } }, stored?: StoredRun): Promise<number> {
  await view.terminal?.finished();
  if (outcome.status === 'succeeded') {
    // Byte for byte into a file or pipe; on a terminal, with the control characters of model text escaped.
    const result = process.stdout.isTTY ? visibleLines(outcome.result!) : outcome.result!;
    if (!view.json) process.stdout.write(result.endsWith('\n') ? result : `${result}\n`);
  } else if (outcome.error) {
    printError(outcome.error);
  }
  if (view.terminal) process.stderr.write(`${formatUsage(outcome.usage)}\n`);
  // A run stopped before it started (bad inputs, a missing secret) has no folder to show or resume.
  if (stored && existsSync(path.join(stored.root, outcome.runId, 'events.ndjson'))) process.stderr.write(runIdLines(outcome, stored.invocation));
  return outcome.exitCode;
}

/**
 * `run id: …`, and after a failure, a declined plan, an interrupt or no usable plan (exit 1, 130, 3)
 * the command that continues the run: resume asks again for what a declined plan was not given, and
 * for the plan the model or the endpoint did not give. Not after a spent budget: resume keeps counting.
 */
export function runIdLines(outcome: Pick<RunOutcome, 'runId' | 'exitCode' | 'budgetSpent'>, invocation: string): string {
  const resumable = outcome.exitCode === 1 || outcome.exitCode === 130 || (outcome.exitCode === 3 && outcome.budgetSpent !== true);
  return `run id: ${outcome.runId}\n${resumable ? `to continue it: ${invocation} resume ${outcome.runId}\n` : ''}`;
}
