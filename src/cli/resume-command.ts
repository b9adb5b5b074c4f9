// `planexec resume <id>`: continue a stored run where it stopped, in the folder it started in.

import path from 'node:path';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import type { EventSink } from '../events/run-events.ts';
import { RunStoreError } from '../store/read-run.ts';
import { checkResumable, resumeAsksForPlan, resumeRun } from '../run/resume-run.ts';
import { defaultRunsRoot } from '../store/run-store.ts';
import { runWorkspace } from '../store/run-workspace.ts';
import { approvalPrompt } from './approval-prompt.ts';
import { handleInterrupts } from './interrupts.ts';
import { progressView } from './progress-view.ts';
import { openBackendOption } from './backend-option.ts';
import { checkBaseUrl, modelWithFlags, UsageError } from './cli-io.ts';
import { warnShortSecrets } from './warn-short-secrets.ts';
import { planexecInvocation } from './planexec-invocation.ts';
import { printOutcome, runIdLines } from './print-outcome.ts';
import { readRecord, resolveStoredRunId, warnOnce } from './stored-run.ts';
import { modelClientFor } from './fixed-plan.ts';

export async function resumeCommand(given: string, flags: { readonly force?: boolean; readonly yes?: boolean; readonly json?: boolean; readonly replay?: string; readonly backend?: string; readonly baseUrl?: string }): Promise<number> {
  // A usage error before anything is read.
  checkBaseUrl(flags.baseUrl);
  const here = process.cwd();
  const root = defaultRunsRoot(here);
  const runId = resolveStoredRunId(root, given);
  // resumeRun reads the log again: what it finds wrong with it was said here already.
  const warn = warnOnce(new Set());
  const record = readRecord(root, runId, warn);
  // Before the model client is made: a finished run needs no API key to be told so (exit 2).
  checkResumable(record);
  // The store is the project's, so the run may have started in another of its folders: its pipeline
  // path and its tools' relative paths start there.
  const cwd = runWorkspace(record, root) ?? here;
  if (cwd !== here) process.stderr.write(`resuming in ${path.relative(here, cwd) || '.'}, where run ${runId} started\n`);
  const pipeline = await loadPipeline(record.file, { cwd });
  warnShortSecrets(pipeline);
  // --replay is a path the user typed here; --base-url is another endpoint for the rest of the run
  // (the one that failed it, say), which the pipeline's hash does not include. A run that goes on with
  // a plan it has needs no endpoint until an llm step or a replan asks (a fixed DAG asks none), as
  // `run --plan` does.
  const llm = await modelClientFor(modelWithFlags(pipeline.model, { baseUrl: flags.baseUrl }), { replay: flags.replay, cwd: here }, !resumeAsksForPlan(record));
  // Steps the run left queued, running or finished on workers are found again, not run anew.
  const backend = await openBackendOption(pipeline, flags.backend, cwd);
  if (typeof backend === 'number') return backend;

  const { sink, terminal } = await progressView(flags.json === true);
  const sinks: EventSink[] = [sink];
  const stored = { root, invocation: planexecInvocation(here) };

  const interrupts = handleInterrupts(() => runIdLines({ runId, exitCode: 130 }, stored.invocation));
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
    return await printOutcome(outcome, { json: flags.json === true, terminal }, stored);
  } finally {
    await backend?.close();
    interrupts.release();
  }
}
