// `planexec run <pipeline> --data rows.jsonl --out results.jsonl`: one run per row, the progress bar
// (or plain lines) and the summary table on stderr, the results in the --out file; nothing on stdout.

import { DataFileError } from '../batch/read-data-rows.ts';
import { createBatchProgress } from '../batch/batch-progress.ts';
import { formatSummaryTable } from '../batch/batch-totals.ts';
import { checkBatchFiles, runDataBatch } from '../batch/run-data-batch.ts';
import { DiagnosticError } from '../source/diagnostic.ts';
import { modelClientFor, printPlanProblems } from './fixed-plan.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { defaultPlanCacheDir, defaultRunsRoot } from '../store/run-store.ts';
import { handleInterrupts } from './interrupts.ts';
import { openBackendOption } from './backend-option.ts';
import { CommandLineError, exitCode, modelWithFlags, parseInputFlags, parsePositiveInteger, printError } from './cli-io.ts';
import { parseStrategy } from './parse-strategy.ts';
import { warnShortSecrets } from './warn-short-secrets.ts';
import type { RunFlags } from './run-command.ts';

/** The flags of `run`: with --data, --concurrency is rows at once. */
export type BatchFlags = RunFlags;

export async function batchCommand(file: string, flags: BatchFlags): Promise<number> {
  if (flags.data === undefined) throw new CommandLineError('--out goes with --data: the results file of a batch run over a data file (run <pipeline> --data rows.jsonl --out results.jsonl)');
  if (flags.out === undefined) throw new CommandLineError(`--data needs --out <results.jsonl>: the file that gets one result line per row (and lets a rerun continue where this one stopped)`);
  if (flags.json === true) throw new CommandLineError('--json does not go with --data: each row\'s outcome is a line of the --out file, and every row\'s events are in its run (planexec show <run-id>)');
  const cwd = process.cwd();
  const inputs = parseInputFlags(flags.input);
  const rows = flags.concurrency === undefined ? 1 : parsePositiveInteger('--concurrency', flags.concurrency);
  const strategy = flags.strategy === undefined ? undefined : parseStrategy(flags.strategy);
  try {
    checkBatchFiles({ data: flags.data, out: flags.out, cwd });
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    printError(error.message);
    return exitCode.invalidInput;
  }
  const pipeline = await loadPipeline(file, { cwd });
  const model = modelWithFlags(pipeline.model, flags);
  warnShortSecrets(pipeline);
  // With --plan, or a pipeline with a fixed plan (sales-dag), the rows ask the model only to replan
  // (or for llm steps): no endpoint is not an error until then, for a batch as for one run.
  const llm = await modelClientFor(model, { replay: flags.replay, record: flags.record, cwd }, flags.plan !== undefined || pipeline.plan !== undefined);
  const backend = await openBackendOption(pipeline, flags.backend, cwd);
  if (typeof backend === 'number') return backend;

  const terminal = process.stderr.isTTY === true;
  let progress: ReturnType<typeof createBatchProgress> | undefined;
  const interrupts = handleInterrupts();
  try {
    const outcome = await runDataBatch({ ...pipeline, model }, {
      llm,
      inputs,
      ...(flags.plan !== undefined ? { planFile: flags.plan } : {}),
      data: flags.data,
      out: flags.out,
      rowConcurrency: rows,
      signal: interrupts.signal,
      cwd,
      ...(strategy ? { strategy } : {}),
      store: { root: defaultRunsRoot(cwd) },
      ...(flags.cache === false ? {} : { planCacheDir: defaultPlanCacheDir(cwd) }),
      // A batch asks no one: plans that need approval run only with --yes (else the row is invalid input).
      ...(flags.yes === true ? { approve: async () => true } : {}),
      onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
      ...(backend ? { backend } : {}),
      onStart: ({ total, alreadySucceeded }) => {
        process.stderr.write(`batch: ${total} row${total === 1 ? '' : 's'} in ${flags.data}, ${rows} at once${alreadySucceeded > 0 ? `; ${alreadySucceeded} already succeeded in ${flags.out}, not run again` : ''}\n`);
        progress = createBatchProgress(total, { write: (text) => process.stderr.write(text), terminal, columns: process.stderr.columns });
      },
      onBatchEvent: (event) => progress?.onEvent(event),
    });
    progress?.finish();
    process.stderr.write(`${formatSummaryTable(outcome.totals)}\nresults: ${flags.out}\n`);
    return outcome.exitCode;
  } catch (error) {
    progress?.finish();
    if (error instanceof DataFileError) {
      printError(error.message);
      return exitCode.invalidInput;
    }
    // The plan file does not fit the pipeline: said before any row ran.
    if (error instanceof DiagnosticError && flags.plan !== undefined) return printPlanProblems(error.diagnostics, `: the plan file ${flags.plan} does not fit ${pipeline.displayPath}`);
    throw error;
  } finally {
    await backend?.close();
    interrupts.release();
  }
}
