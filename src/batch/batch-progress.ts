// How a batch shows its progress on stderr: in a terminal one progress bar line (rows done/total,
// failures, ETA) redrawn in place, with a line above it for each row that did not succeed; elsewhere
// (CI, pipes) one plain timestamped line per row. Model or tool text is shown with controls escaped.

import { visibleText } from '../source/visible-text.ts';
import { addRow, emptyTotals, rowsDone, type BatchTotals } from './batch-totals.ts';
import type { BatchEvent, RowResult } from './run-batch.ts';

export interface BatchProgress {
  readonly onEvent: (event: BatchEvent) => void;
  readonly totals: () => BatchTotals;
  /** Stop drawing (the bar's line is left as it last was). */
  readonly finish: () => void;
}

export interface ProgressOutput {
  readonly write: (text: string) => void;
  readonly terminal: boolean;
  /** Terminal width, for the bar. */
  readonly columns?: number;
  readonly now?: () => number;
  readonly clock?: () => Date;
}

export function createBatchProgress(total: number, output: ProgressOutput): BatchProgress {
  const now = output.now ?? (() => performance.now());
  const clock = output.clock ?? (() => new Date());
  let totals = emptyTotals(total);
  let running = 0;
  let firstStart: number | undefined;
  let ranThisTime = 0;
  let drawn = false;
  let timer: NodeJS.Timeout | undefined;

  const bar = (): string => {
    const done = rowsDone(totals) + totals.skipped;
    const share = total === 0 ? 1 : done / total;
    const width = Math.max(10, Math.min(30, (output.columns ?? 80) - 60));
    const filled = Math.round(share * width);
    const problems = totals.failed + totals.invalid;
    const eta = estimate(done);
    return `rows ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}${problems > 0 ? ` · ${problems} not succeeded` : ''}${running > 0 ? ` · ${running} running` : ''}${eta ? ` · ETA ${eta}` : ''}`;
  };
  const estimate = (done: number): string | undefined => {
    // Rows per second so far, rows run this time only (skipped ones cost nothing); from the second row on.
    if (firstStart === undefined || ranThisTime < 2 || done >= total) return undefined;
    const perRow = (now() - firstStart) / ranThisTime;
    return duration(perRow * (total - done));
  };
  const redraw = () => {
    output.write(`\r\x1b[K${bar()}`);
    drawn = true;
  };
  const above = (line: string) => {
    output.write(`${drawn ? '\r\x1b[K' : ''}${line}\n`);
    redraw();
  };

  return {
    onEvent(event) {
      if (event.kind === 'row-skipped') {
        totals = { ...totals, skipped: totals.skipped + 1 };
        if (output.terminal) redraw();
        return;
      }
      if (event.kind === 'row-started') {
        running++;
        firstStart ??= now();
        if (output.terminal) {
          redraw();
          // The ETA counts down between rows too.
          timer ??= setInterval(redraw, 1000).unref();
        }
        return;
      }
      running--;
      ranThisTime++;
      const result = event.result;
      totals = addRow(totals, result);
      if (!output.terminal) output.write(`${clock().toISOString().slice(11, 19)} ${describeRow(result)} [${rowsDone(totals) + totals.skipped}/${total}]\n`);
      else if (result.status !== 'succeeded' && result.status !== 'interrupted') above(describeRow(result));
      else redraw();
    },
    totals: () => totals,
    finish() {
      if (timer) clearInterval(timer);
      if (output.terminal && drawn) output.write(`\r\x1b[K${bar()}\n`);
    },
  };
}

/** One row's line: its number and place, how it ended and what it cost. */
export function describeRow(result: RowResult): string {
  const cost = `${result.usage.llmCalls} model call${result.usage.llmCalls === 1 ? '' : 's'}, ${duration(result.durationMs)}`;
  if (result.status === 'succeeded') return `row ${result.row} (${result.place}) succeeded (${cost})`;
  const { place, message } = placedError(result);
  const error = visibleText(message.split('\n').join('; '));
  return `row ${result.row} (${place}) ${result.status}: ${error}${result.status === 'invalid-input' ? '' : ` (${cost})`}`;
}

/** An invalid row's error starts with its place (the results file needs it): the line names it once, with the column when there is one. */
function placedError(result: RowResult): { readonly place: string; readonly message: string } {
  const message = result.error ?? result.status;
  if (!message.startsWith(`${result.place}:`)) return { place: result.place, message };
  const column = /^:(\d+): /.exec(message.slice(result.place.length));
  if (column) return { place: `${result.place}:${column[1]}`, message: message.slice(result.place.length + column[0].length) };
  if (message.startsWith(`${result.place}: `)) return { place: result.place, message: message.slice(result.place.length + 2) };
  return { place: result.place, message };
}

function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return minutes < 60 ? `${minutes}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
