// `planexec runs`, `planexec show <id>`, `planexec resume <id>`: the run store from the command line.

import { createLlmClient } from '../llm/create-client.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { formatRunMarkdown, formatRunsTable, formatRunTree, summarizeRun } from '../report/run-report.ts';
import type { EventSink } from '../events/run-events.ts';
import { foldRun } from '../store/fold-run.ts';
import { listRunIds, readRunEvents, RunStoreError } from '../store/read-run.ts';
import { resumeRun } from '../run/resume-run.ts';
import { defaultRunsRoot } from '../store/run-store.ts';
import { approvalPrompt } from './approval-prompt.ts';
import { handleInterrupts } from './interrupts.ts';
import { progressView } from './progress-view.ts';
import { openBackendOption } from './backend-option.ts';
import { exitCode, UsageError } from './cli-io.ts';
import { printOutcome } from './print-outcome.ts';

/** Prints a warning once, however often the run's log is read. */
function warnOnce(printed: Set<string>): (message: string) => void {
  return (message) => {
    if (printed.has(message)) return;
    printed.add(message);
    process.stderr.write(`warning: ${message}\n`);
  };
}

function readRecord(root: string, runId: string, warn: (message: string) => void = warnOnce(new Set())) {
  try {
    const log = readRunEvents(root, runId);
    for (const warning of log.warnings) warn(warning);
    return foldRun(log.events);
  } catch (error) {
    if (error instanceof RunStoreError) throw new UsageError(error.message);
    throw error;
  }
}

export async function runsCommand(flags: { readonly json?: boolean; readonly limit?: string }): Promise<number> {
  const root = defaultRunsRoot(process.cwd());
  const limit = flags.limit === undefined ? 20 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit expects a whole number of at least 1, got "${flags.limit}"`);
  const rows = listRunIds(root)
    .slice(0, limit)
    .flatMap((id) => {
      // One damaged run folder must not hide the others.
      try {
        return [summarizeRun(readRecord(root, id))];
      } catch (error) {
        process.stderr.write(`warning: run ${id} cannot be read: ${error instanceof Error ? error.message : String(error)}\n`);
        return [];
      }
    });
  if (flags.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) process.stderr.write('no runs yet (they are kept under .planexec/runs/)\n');
  else process.stdout.write(`${formatRunsTable(rows)}\n`);
  return exitCode.ok;
}

export async function showCommand(runId: string, flags: { readonly format: string }): Promise<number> {
  const record = readRecord(defaultRunsRoot(process.cwd()), runId);
  switch (flags.format) {
    case 'tree':
      process.stdout.write(formatRunTree(record));
      return exitCode.ok;
    case 'markdown':
      process.stdout.write(formatRunMarkdown(record));
      return exitCode.ok;
    case 'json': {
      // The calls resume may reuse repeat what the plans' records already show.
      const { finishedCalls: _calls, ...shown } = record;
      process.stdout.write(`${JSON.stringify({ ...shown, plans: record.plans.map((plan) => ({ ...plan, records: Object.fromEntries(plan.records) })) }, null, 2)}\n`);
      return exitCode.ok;
    }
    default:
      throw new UsageError(`--format must be one of tree, json, markdown, got "${flags.format}"`);
  }
}

export async function resumeCommand(runId: string, flags: { readonly force?: boolean; readonly yes?: boolean; readonly json?: boolean; readonly replay?: string; readonly backend?: string }): Promise<number> {
  const cwd = process.cwd();
  const root = defaultRunsRoot(cwd);
  // resumeRun reads the log again: what it finds wrong with it was said here already.
  const warn = warnOnce(new Set());
  const record = readRecord(root, runId, warn);
  const pipeline = await loadPipeline(record.file, { cwd });
  const llm = await createLlmClient(pipeline.model, { replay: flags.replay, cwd });
  // Steps the run left queued, running or finished on workers are found again, not run anew.
  const backend = await openBackendOption(pipeline, flags.backend, cwd);
  if (typeof backend === 'number') return backend;

  const { sink, terminal } = await progressView(flags.json === true);
  const sinks: EventSink[] = [sink];

  const interrupts = handleInterrupts();
  try {
    const outcome = await resumeRun(runId, {
      root,
      cwd,
      llm,
      onEvent: sinks,
      signal: interrupts.signal,
      force: flags.force === true,
      approve: approvalPrompt(flags.yes === true, terminal),
      onWarning: warn,
      ...(backend ? { backend } : {}),
    }).catch((error: unknown) => {
      if (error instanceof RunStoreError) throw new UsageError(error.message);
      throw error;
    });
    return await printOutcome(outcome, { json: flags.json === true, terminal });
  } finally {
    await backend?.close();
    interrupts.release();
  }
}
