// runDataBatch, the library's entry for a batch over data: one run of the pipeline per row of a JSONL
// or CSV file, results appended to a JSONL file in row order, continuing what an earlier run of the
// same batch left there. The CLI's `run --data` and the Action's `data` input both call it.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Pipeline } from '../pipeline/types.ts';
import { exitCodes, type ExitCode } from '../run/exit-codes.ts';
import type { RunOptions } from '../run/options.ts';
import { runPipeline } from '../run/run-pipeline.ts';
import type { InputValue } from '../run/resolve-inputs.ts';
import { regularFileProblem } from '../source/read-regular-file.ts';
import { addRow, emptyTotals, type BatchTotals } from './batch-totals.ts';
import { countDataRows, DataFileError, dataFormatOf, readDataRows } from './read-data-rows.ts';
import { compileRowPlan, readBatchPlan } from './compile-row-plan.ts';
import { compactResults, openResultsFile, readPreviousResults } from './results-file.ts';
import { runBatch, type BatchEvent, type RowResult } from './run-batch.ts';

export interface BatchRunOptions extends Omit<RunOptions, 'onEvent' | 'concurrency'> {
  /** The data file: .jsonl (an object of inputs per line) or .csv (a header row naming inputs). */
  readonly data: string;
  /** The results file (JSONL); an existing one is continued. */
  readonly out: string;
  /**
   * A plan file (planexec plan --out) every row runs instead of asking for a plan, compiled with the
   * row's inputs. One that does not fit the pipeline throws DiagnosticError before any row runs; a row
   * whose inputs make it invalid is that row's invalid-input.
   */
  readonly planFile?: string;
  /** Rows at once (default 1); each run's steps at once come from the pipeline's execution.concurrency. */
  readonly rowConcurrency?: number;
  /** Called once the rows are counted, before the first row runs. */
  readonly onStart?: (start: { readonly total: number; readonly alreadySucceeded: number }) => void;
  readonly onBatchEvent?: (event: BatchEvent) => void;
}

export interface BatchOutcome {
  readonly totals: BatchTotals;
  /** 0 when every row succeeded (now or before), 130 when interrupted, 1 otherwise. */
  readonly exitCode: ExitCode;
}

/** The data and results files can be used (exit 2 otherwise): checked before anything else, the model client included. */
export function checkBatchFiles(options: Pick<BatchRunOptions, 'data' | 'out' | 'cwd'>): { readonly dataFile: string; readonly outFile: string } {
  const cwd = options.cwd ?? process.cwd();
  const dataFile = path.resolve(cwd, options.data);
  const outFile = path.resolve(cwd, options.out);
  dataFormatOf(options.data);
  const problem = regularFileProblem(dataFile);
  if (problem) throw new DataFileError(`cannot read --data ${options.data}: ${problem.code === 'ENOENT' ? 'the file does not exist' : problem.reason}`);
  if (dataFile === outFile) throw new DataFileError(`--out ${options.out} is the data file itself; write the results to another file`);
  const outProblem = regularFileProblem(outFile);
  if (outProblem && outProblem.code !== 'ENOENT') throw new DataFileError(`cannot use --out ${options.out}: ${outProblem.reason}`);
  return { dataFile, outFile };
}

/** Throws DataFileError (exit 2) when the data or results file cannot be used at all, DiagnosticError when the plan file does not fit. */
export async function runDataBatch(pipeline: Pipeline, options: BatchRunOptions): Promise<BatchOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const { dataFile, outFile } = checkBatchFiles(options);
  const shown = options.data;
  mkdirSync(path.dirname(outFile), { recursive: true });

  const given = options.inputs ?? {};
  const names = {
    declared: Object.keys(pipeline.inputs),
    needed: Object.entries(pipeline.inputs).filter(([name, spec]) => spec.required && !Object.hasOwn(given, name)).map(([name]) => name),
  };
  const plan = options.planFile !== undefined ? await readBatchPlan(pipeline, options.planFile, given, cwd) : undefined;
  const total = await countDataRows(dataFile, shown);
  const previous = readPreviousResults(outFile, options.out);
  for (const warning of previous.warnings) options.onWarning?.(warning);
  options.onStart?.({ total, alreadySucceeded: previous.succeeded.size });

  let totals = emptyTotals(total);
  const signal = options.signal ?? new AbortController().signal;
  const results = openResultsFile(outFile);
  // A warning (fewer steps at once for the open-file limit…) is said once, not once per row.
  const warned = new Set<string>();
  const onWarning = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    options.onWarning?.(message);
  };
  try {
    await runBatch({
      rows: readDataRows(dataFile, shown, names),
      concurrency: options.rowConcurrency ?? 1,
      skip: (row) => previous.succeeded.has(row),
      signal,
      runRow: async (row) => {
        const inputs: Record<string, InputValue> = { ...given, ...row.inputs };
        try {
          const rowPlan = plan ? compileRowPlan(pipeline, plan, inputs) : undefined;
          if (rowPlan && 'error' in rowPlan) return { row: row.row, place: row.place, status: 'invalid-input', error: `${row.place}: ${rowPlan.error}`, runId: null, usage: emptyUsage };
          const { data: _data, out: _out, rowConcurrency: _rows, onStart: _start, onBatchEvent: _event, planFile: _plan, ...runOptions } = options;
          const outcome = await runPipeline(pipeline, { ...runOptions, inputs, cwd, signal, onWarning, ...(rowPlan ? { plan: rowPlan.graph } : {}) });
          const invalid = outcome.status === 'invalid-input';
          return {
            row: row.row,
            place: row.place,
            status: outcome.status,
            ...(outcome.result !== undefined ? { result: outcome.result } : {}),
            ...(outcome.error !== undefined || invalid ? { error: invalid ? `${row.place}: ${outcome.error ?? 'invalid input'}` : outcome.error! } : {}),
            runId: invalid ? null : outcome.runId,
            usage: outcome.usage,
          };
        } catch (error) {
          return { row: row.row, place: row.place, status: 'failed', error: `internal error: ${error instanceof Error ? error.message : String(error)}`, runId: null, usage: emptyUsage };
        }
      },
      write: (result) => results.write(resultLine(result)),
      onEvent: (event) => {
        if (event.kind === 'row-finished') totals = addRow(totals, event.result);
        if (event.kind === 'row-skipped') totals = { ...totals, skipped: totals.skipped + 1 };
        options.onBatchEvent?.(event);
      },
    });
  } finally {
    results.close();
  }
  // A rerun appended after what was there: one line per row again, in row order.
  if (previous.lines > 0 && !signal.aborted) compactResults(outFile);
  const allSucceeded = totals.succeeded + totals.skipped === total;
  return { totals, exitCode: signal.aborted ? exitCodes.interrupted : allSucceeded ? exitCodes.succeeded : exitCodes.failed };
}

const emptyUsage = { llmCalls: 0, promptTokens: 0, completionTokens: 0, replans: 0, stepRuns: 0, reusedSteps: 0 };

/** A row's line in the results file: row, status, result or error, runId, usage. */
export function resultLine(result: RowResult): string {
  return JSON.stringify({
    row: result.row,
    status: result.status,
    ...(result.status === 'succeeded' ? { result: result.result ?? '' } : { error: result.error ?? result.status }),
    runId: result.runId,
    usage: result.usage,
  });
}
