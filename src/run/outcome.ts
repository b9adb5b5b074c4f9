// How a run ends, in one place: its status and exit code (the map is run/exit-codes.ts, used by the
// library's outcomes, the CLI and the Action), the error type that carries a status, and the
// run-finished event.

import type { EmitEvent, RunStatus, UsageTotals } from '../events/run-events.ts';
import type { UsageMeter } from '../events/usage-meter.ts';
import { LlmError } from '../llm/types.ts';
import { TemplateError } from '../prompt/template-error.ts';
import { exitCodes, type ExitCode } from './exit-codes.ts';

export interface RunOutcome {
  readonly status: RunStatus;
  readonly exitCode: ExitCode;
  /** The run's id (its folder in the run store, when there is one). */
  readonly runId: string;
  /** The rendered result, when the run succeeded. */
  readonly result?: string;
  readonly error?: string;
  readonly usage: UsageTotals;
  /** Set when the run ended (plan-failed) because a budget was spent: resuming it would stop the same way. */
  readonly budgetSpent?: true;
}

/**
 * An error that ends a run with a status of its own (bad inputs, an approval that cannot be asked…):
 * the run finishes with that status and the message as its error, instead of failing as a bug.
 */
export class RunError extends Error {
  readonly status: Exclude<RunStatus, 'succeeded'>;
  constructor(status: Exclude<RunStatus, 'succeeded'>, message: string) {
    super(message);
    this.name = 'RunError';
    this.status = status;
  }
}

/** The status an error ends a run with; undefined for an error no run expects (a bug: rethrow it). */
export function statusOfError(error: unknown): Exclude<RunStatus, 'succeeded'> | undefined {
  if (error instanceof RunError) return error.status;
  // The stages below run/ have their own errors: a model call that failed or a spent budget, a
  // template that does not render.
  if (error instanceof LlmError) return 'plan-failed';
  if (error instanceof TemplateError) return 'invalid-input';
  return undefined;
}

/** The error of a plan the model did not get right within planning.maxRepairs. */
export function describeRejection(problems: readonly { message: string }[]): string {
  return `the model did not give a usable plan:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`;
}

/** End a run: emit `run-finished` and return the outcome, with secrets redacted from its result and error. */
export function finishRun(
  context: { readonly runId: string; readonly emit: EmitEvent; readonly usage: UsageMeter; readonly redactText?: (text: string) => string },
  status: RunStatus,
  raw: { result?: string; error?: string; budgetSpent?: true } = {},
): RunOutcome {
  const redact = context.redactText ?? ((text: string) => text);
  const detail = { ...(raw.result !== undefined ? { result: redact(raw.result) } : {}), ...(raw.error !== undefined ? { error: redact(raw.error) } : {}) };
  const outcome = { status, exitCode: exitCodes[status], runId: context.runId, ...detail, usage: context.usage.totals };
  context.emit({ kind: 'run-finished', status, ...detail, usage: outcome.usage });
  return raw.budgetSpent ? { ...outcome, budgetSpent: true } : outcome;
}
