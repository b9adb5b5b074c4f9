// What a batch adds up to: rows by how they ended, model calls and tokens. Shared by the progress
// views, the summary table on stderr and the Action's step summary.

import type { UsageTotals } from '../events/run-events.ts';
import type { RowResult } from './run-batch.ts';

export interface BatchTotals {
  /** Rows in the data file. */
  readonly rows: number;
  /** Rows that already succeeded in the results file and did not run again. */
  readonly skipped: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly invalid: number;
  readonly interrupted: number;
  readonly llmCalls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export function emptyTotals(rows: number): BatchTotals {
  return { rows, skipped: 0, succeeded: 0, failed: 0, invalid: 0, interrupted: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0 };
}

export function addRow(totals: BatchTotals, result: Pick<RowResult, 'status'> & { readonly usage: UsageTotals }): BatchTotals {
  const status = result.status;
  return {
    ...totals,
    succeeded: totals.succeeded + (status === 'succeeded' ? 1 : 0),
    invalid: totals.invalid + (status === 'invalid-input' ? 1 : 0),
    interrupted: totals.interrupted + (status === 'interrupted' ? 1 : 0),
    // failed, plan-failed, not-approved: the row did not give a result.
    failed: totals.failed + (status === 'succeeded' || status === 'invalid-input' || status === 'interrupted' ? 0 : 1),
    llmCalls: totals.llmCalls + result.usage.llmCalls,
    promptTokens: totals.promptTokens + result.usage.promptTokens,
    completionTokens: totals.completionTokens + result.usage.completionTokens,
  };
}

export function rowsDone(totals: BatchTotals): number {
  return totals.succeeded + totals.failed + totals.invalid;
}

/** 12,345: grouped by hand, since Intl's first use costs a third of a second of start-up. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The summary's rows, label → value, in the order shown. */
export function summaryRows(totals: BatchTotals): readonly (readonly [string, string])[] {
  return [
    ['rows', count(totals.rows)],
    ['succeeded', `${count(totals.succeeded + totals.skipped)}${totals.skipped > 0 ? ` (${count(totals.skipped)} in an earlier run)` : ''}`],
    ['failed', count(totals.failed)],
    ['invalid input', count(totals.invalid)],
    ...(totals.interrupted > 0 || totals.rows > rowsDone(totals) + totals.skipped ? [['not run', count(totals.rows - rowsDone(totals) - totals.skipped)] as const] : []),
    ['model calls', count(totals.llmCalls)],
    ['tokens', `${count(totals.promptTokens + totals.completionTokens)} (${count(totals.promptTokens)} prompt + ${count(totals.completionTokens)} completion)`],
  ];
}

/** The summary as an aligned two-column table for stderr. */
export function formatSummaryTable(totals: BatchTotals): string {
  const rows = summaryRows(totals);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

/** The summary as a Markdown table (the Action's step summary). */
export function formatSummaryMarkdown(totals: BatchTotals): string {
  return ['| | |', '|---|---:|', ...summaryRows(totals).map(([label, value]) => `| ${label} | ${value} |`)].join('\n');
}
