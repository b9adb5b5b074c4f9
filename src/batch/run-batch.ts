// The batch loop: rows in, up to `concurrency` runs at once, results out in row order. Rows are pulled
// from the reader only when a run may start and at most a window of finished results waits for an
// earlier row, so memory stays flat however many rows there are.

import type { RunStatus, UsageTotals } from '../events/run-events.ts';
import type { DataRow } from './read-data-rows.ts';

export interface RowResult {
  readonly row: number;
  readonly place: string;
  readonly status: RunStatus;
  readonly result?: string;
  readonly error?: string;
  /** The run's folder under the run store; null when nothing started (invalid input). */
  readonly runId: string | null;
  readonly usage: UsageTotals;
  readonly durationMs: number;
}

export type BatchEvent =
  | { readonly kind: 'row-started'; readonly row: number; readonly place: string }
  | { readonly kind: 'row-finished'; readonly result: RowResult }
  | { readonly kind: 'row-skipped'; readonly row: number };

export interface BatchOptions {
  readonly rows: AsyncIterable<DataRow>;
  readonly concurrency: number;
  /** Rows that already succeeded in the results file. */
  readonly skip: (row: number) => boolean;
  /** Runs one row; never rejects (an error is a failed row). */
  readonly runRow: (row: Extract<DataRow, { inputs: unknown }>) => Promise<Omit<RowResult, 'durationMs'>>;
  /** Gets each finished row, in row order (interrupted rows are left out: they run again next time). */
  readonly write: (result: RowResult) => void;
  readonly onEvent: (event: BatchEvent) => void;
  readonly signal: AbortSignal;
  readonly now?: () => number;
}

const noUsage: UsageTotals = { llmCalls: 0, promptTokens: 0, completionTokens: 0, replans: 0, stepRuns: 0, reusedSteps: 0 };

export async function runBatch(options: BatchOptions): Promise<void> {
  const now = options.now ?? (() => performance.now());
  // Results that finished before an earlier row: written once every row before them is.
  const waiting = new Map<number, RowResult | undefined>();
  const window = Math.max(64, options.concurrency * 8);
  let started = 0;
  let written = 0;
  const running = new Set<Promise<void>>();

  const flush = () => {
    while (waiting.has(written)) {
      const result = waiting.get(written);
      waiting.delete(written);
      written++;
      if (result !== undefined && result.status !== 'interrupted') options.write(result);
    }
  };

  try {
    await startRows();
  } finally {
    // A data file that breaks off mid-way still lets the rows already running finish and be written.
    await Promise.all(running);
  }

  async function startRows(): Promise<void> {
  for await (const row of options.rows) {
    if (options.signal.aborted) break;
    if (options.skip(row.row)) {
      options.onEvent({ kind: 'row-skipped', row: row.row });
      continue;
    }
    while (running.size >= options.concurrency || started - written >= window) await Promise.race(running);
    if (options.signal.aborted) break;
    const sequence = started++;
    const begin = now();
    options.onEvent({ kind: 'row-started', row: row.row, place: row.place });
    const finished = ('problem' in row
      ? Promise.resolve({ row: row.row, place: row.place, status: 'invalid-input' as const, error: row.problem, runId: null, usage: noUsage })
      : options.runRow(row)
    ).then((outcome) => {
      const result = { ...outcome, durationMs: now() - begin };
      options.onEvent({ kind: 'row-finished', result });
      waiting.set(sequence, result);
      flush();
    });
    const tracked: Promise<void> = finished.finally(() => running.delete(tracked));
    running.add(tracked);
  }
  }
}
