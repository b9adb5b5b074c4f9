// runPipeline, the library's entry for a fresh run: check inputs and secrets, open the run store,
// then hand over to the run loop (run-loop.ts). Returns an outcome with the contract's exit code;
// never throws for a failing model or step.

import path from 'node:path';
import type { Pipeline } from '../pipeline/types.ts';
import { createEventEmitter } from '../events/run-events.ts';
import { UsageMeter } from '../events/usage-meter.ts';
import { missingSecrets } from '../pipeline/secrets.ts';
import { readRegularFileSync } from '../source/read-regular-file.ts';
import { newRunId, pipelineHash } from '../store/pipeline-identity.ts';
import { openRunStore } from '../store/run-store.ts';
import { normalizeRunOptions, type RunOptions } from './options.ts';
import { finishRun, RunError, statusOfError, type RunOutcome } from './outcome.ts';
import { MissingSecretError, runRedactor } from './redact-secrets.ts';
import { renderTask, type InputValue } from './resolve-inputs.ts';
import { createRunContext } from './run-context.ts';
import { runLoop } from './run-loop.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { formatDiagnostic } from '../source/diagnostic.ts';
import { compileStaticPlan } from './compile-static-plan.ts';
import { inlinePlanSource } from './read-plan-file.ts';

export async function runPipeline(pipeline: Pipeline, given: RunOptions): Promise<RunOutcome> {
  const options = normalizeRunOptions(given);
  const runId = newRunId(options.now());
  const usage = new UsageMeter();
  let inputs: Record<string, InputValue>;
  let task: string;
  let pipelineText = '';
  let fixedPlan: StepGraph | undefined;
  try {
    const missing = missingSecrets(pipeline, options.env);
    if (missing.length > 0) throw new MissingSecretError(missing);
    ({ inputs, task } = renderTask(pipeline, options.inputs));
    if (!options.plan && pipeline.plan) fixedPlan = compileInlinePlan({ ...pipeline, plan: pipeline.plan }, inputs, options.cwd);
    if (options.store) pipelineText = pipelineSnapshot(pipeline.file);
  } catch (error) {
    if (statusOfError(error) === 'invalid-input') {
      // Nothing started: no run folder, just the outcome and its event (a secret an input's error quotes masked).
      const redactor = runRedactor(pipeline, options.env);
      return finishRun({ runId, usage, emit: createEventEmitter(options.sinks, options.now), redactText: (text) => redactor.redactText(text) }, 'invalid-input', { error: (error as Error).message });
    }
    throw error;
  }
  // The inputs' snapshot is kept like the events: with secrets masked.
  const store = options.store ? openRunStore(options.store.root, runId, { pipelineText, inputs: runRedactor(pipeline, options.env).redactValue(inputs) }) : undefined;
  const context = createRunContext(pipeline, fixedPlan ? { ...options, plan: fixedPlan } : options, { runId, task, inputs, usage, ...(store ? { store } : {}) });
  try {
    context.emit({
      kind: 'run-started',
      runId,
      pipeline: pipeline.name,
      file: path.relative(options.cwd, pipeline.file) || pipeline.file,
      pipelineHash: pipelineHash(pipeline),
      inputs,
      // `show --format markdown` renders a Markdown result as the Action's summary does, without the pipeline.
      ...(pipeline.resultFormat ? { resultFormat: pipeline.resultFormat } : pipeline.result !== undefined ? { resultFormat: 'text' as const } : {}),
      // The store may sit above the folder the run started in (the project root): resume, from any
      // folder of the project, needs to know where `file` and the tools' relative paths start.
      ...(options.store ? { workspace: path.relative(options.store.root, options.cwd) || '.' } : {}),
    });
    return await runLoop(context, { kind: 'plan' });
  } finally {
    store?.close();
  }
}

/** A pipeline's fixed plan with the run's inputs in it; its problems (at the pipeline file's line:col) are invalid input. */
function compileInlinePlan(pipeline: Pipeline & { readonly plan: NonNullable<Pipeline['plan']> }, inputs: Readonly<Record<string, InputValue>>, cwd: string): StepGraph {
  const compiled = compileStaticPlan(pipeline, inlinePlanSource(pipeline, cwd), inputs);
  if (!compiled.ok) throw new RunError('invalid-input', `the plan of ${pipeline.displayPath} does not fit the pipeline:\n${compiled.diagnostics.map(formatDiagnostic).join('\n')}`);
  return compiled.graph;
}

/** The pipeline file as the run store keeps it; read again as bounded as when it was loaded (1 MiB, a regular file). */
function pipelineSnapshot(file: string): string {
  const read = readRegularFileSync(file, 1024 * 1024);
  if (!read.ok) throw new RunError('invalid-input', `cannot read ${file} again to keep it with the run: ${read.reason}`);
  return read.bytes.toString('utf8');
}
