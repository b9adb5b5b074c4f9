// `planexec resume <id>`: continue a stored run where it stopped.

import { createLlmClient } from '../llm/create-client.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import type { EventSink } from '../events/run-events.ts';
import { RunStoreError } from '../store/read-run.ts';
import { resumeRun } from '../run/resume-run.ts';
import { defaultRunsRoot } from '../store/run-store.ts';
import { approvalPrompt } from './approval-prompt.ts';
import { handleInterrupts } from './interrupts.ts';
import { progressView } from './progress-view.ts';
import { openBackendOption } from './backend-option.ts';
import { UsageError, warnShortSecrets } from './cli-io.ts';
import { printOutcome } from './print-outcome.ts';
import { readRecord, warnOnce } from './runs-commands.ts';

export async function resumeCommand(runId: string, flags: { readonly force?: boolean; readonly yes?: boolean; readonly json?: boolean; readonly replay?: string; readonly backend?: string }): Promise<number> {
  const cwd = process.cwd();
  const root = defaultRunsRoot(cwd);
  // resumeRun reads the log again: what it finds wrong with it was said here already.
  const warn = warnOnce(new Set());
  const record = readRecord(root, runId, warn);
  const pipeline = await loadPipeline(record.file, { cwd });
  warnShortSecrets(pipeline);
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
