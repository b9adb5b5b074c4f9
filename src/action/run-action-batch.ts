// The Action's batch over data (`data:` and `out:` inputs): one run per row, a log line per row, the
// summary table in the step summary, and the outputs (status, model calls, tokens) for the batch.

import * as core from '@actions/core';
import { describeRow } from '../batch/batch-progress.ts';
import { formatSummaryMarkdown, formatSummaryTable } from '../batch/batch-totals.ts';
import { DataFileError } from '../batch/read-data-rows.ts';
import { runDataBatch } from '../batch/run-data-batch.ts';
import type { LlmClient } from '../llm/types.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { codeSpan, inlineText } from '../report/markdown-text.ts';
import type { SummarySubject } from '../report/github-summary.ts';
import type { AnnotationPaths } from '../report/github-annotations.ts';
import type { Redactor } from '../run/redact-secrets.ts';
import { exitCodes } from '../run/exit-codes.ts';
import { defaultPlanCacheDir, defaultRunsRoot } from '../store/run-store.ts';
import type { ActionInputs } from './action-inputs.ts';
import { actionLogLines } from './log-run-events.ts';
import { setOutputs, stopBeforeRun, stopForDiagnostics, writeSummary } from './run-action.ts';
import { DiagnosticError } from '../source/diagnostic.ts';

export async function runActionBatch(
  pipeline: Pipeline,
  inputs: ActionInputs,
  batch: { readonly data: string; readonly out: string },
  context: { readonly llm: LlmClient; readonly redactor: Redactor; readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly subject: SummarySubject; readonly paths: AnnotationPaths },
): Promise<void> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcome: Awaited<ReturnType<typeof runDataBatch>>;
  try {
    outcome = await runDataBatch(pipeline, {
      llm: context.llm,
      inputs: inputs.inputs,
      ...(inputs.plan ? { planFile: inputs.plan } : {}),
      data: batch.data,
      out: batch.out,
      ...(inputs.concurrency ? { rowConcurrency: inputs.concurrency } : {}),
      signal: controller.signal,
      cwd: context.cwd,
      env: context.env,
      ...(inputs.strategy ? { strategy: inputs.strategy } : {}),
      store: { root: defaultRunsRoot(context.cwd) },
      planCacheDir: defaultPlanCacheDir(context.cwd),
      redact: (event) => context.redactor.redactValue(event),
      onWarning: (message) => core.warning(message),
      ...(inputs.approve ? { approve: async () => true } : {}),
      onStart: ({ total, alreadySucceeded }) => core.info(`batch: ${total} rows in ${batch.data}${alreadySucceeded > 0 ? `; ${alreadySucceeded} already succeeded in ${batch.out}` : ''}`),
      onBatchEvent: (event) => {
        if (event.kind !== 'row-finished') return;
        for (const line of actionLogLines(context.redactor.redactText(describeRow(event.result)))) core.info(line);
      },
    });
  } catch (error) {
    if (error instanceof DataFileError) return stopBeforeRun(error.message.split('\n'), context.subject);
    // The plan file does not fit the pipeline: annotated at its lines, before any row ran.
    if (error instanceof DiagnosticError) return stopForDiagnostics(error.diagnostics, context.paths, context.subject);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const { totals } = outcome;
  const status = outcome.exitCode === exitCodes.succeeded ? 'succeeded' : outcome.exitCode === exitCodes.interrupted ? 'interrupted' : 'failed';
  core.startGroup('Batch summary');
  for (const line of formatSummaryTable(totals).split('\n')) core.info(line);
  core.endGroup();
  setOutputs({ status, result: '', runId: '', llmCalls: totals.llmCalls, tokens: totals.promptTokens + totals.completionTokens });
  await writeSummary(`## planexec batch: ${inlineText(context.subject.pipelineName)} — ${status}\n\nData: ${codeSpan(batch.data)} · results: ${codeSpan(batch.out)}\n\n${formatSummaryMarkdown(totals)}\n`);
  if (status === 'succeeded') return;
  const fails = status === 'interrupted' || inputs.failOnError;
  const message = `${totals.failed + totals.invalid} of ${totals.rows} rows did not succeed; each row's error is in ${batch.out}`;
  if (fails) core.error(message, { title: 'planexec: batch' });
  else core.warning(message, { title: 'planexec: batch' });
  process.exitCode = fails ? outcome.exitCode : exitCodes.succeeded;
}
