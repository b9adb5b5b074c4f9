// Start a run: check inputs, open the run store, then drive plan → execute → replan (drive-run.ts).
// Returns an outcome with the contract's exit code; never throws for a failing model or step.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StepBackend } from '../execute/step-backend.ts';
import type { LlmClient } from '../llm/types.ts';
import type { Pipeline, ReplanStrategyName } from '../pipeline/types.ts';
import { TemplateError } from '../prompt/template-engine.ts';
import type { ReplanPolicy } from '../replan/replan-types.ts';
import { driveRun, finishRun, type ApprovePlan, type RunContext, type RunOutcome, type RunStart } from './drive-run.ts';
import { createEventEmitter, type EventSink, type RunEvent } from '../events/run-events.ts';
import { meterLlm } from './metered-llm.ts';
import { newRunId, pipelineHash } from '../store/pipeline-identity.ts';
import { InputError, renderTask, type InputValue } from './resolve-inputs.ts';
import { openRunStore, type RunStoreWriter } from '../store/run-store.ts';
import { UsageMeter } from '../events/usage-meter.ts';
import { missingSecrets } from '../pipeline/secrets.ts';
import { MissingSecretError, redactingLlm, runRedactor } from './redact-secrets.ts';

export type { ApprovePlan, ExitCode, RunOutcome } from './drive-run.ts';

export interface RunOptions {
  readonly llm: LlmClient;
  readonly inputs?: Readonly<Record<string, InputValue>>;
  readonly onEvent?: EventSink | readonly EventSink[];
  readonly signal?: AbortSignal;
  /** Where commands run; default process.cwd(). */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides execution.concurrency. */
  readonly concurrency?: number;
  /** Overrides replan.strategy. */
  readonly strategy?: ReplanStrategyName;
  readonly now?: () => Date;
  /** Keep the run in a run store: `<root>/<run-id>/` (the CLI uses `.planexec/runs`). */
  readonly store?: { readonly root: string };
  /** Folder of the plan cache; used when the pipeline sets planning.cache (the CLI: `.planexec/cache/plans`). */
  readonly planCacheDir?: string;
  /** Asked before a plan runs when approval is needed; without it such a run stops with exit 2. */
  readonly approve?: ApprovePlan;
  /** Applied to every event before it reaches the run store or a sink (secret redaction). */
  readonly redact?: (event: RunEvent) => RunEvent;
  /** Where tool calls run (e.g. openQueueBackend: workers through Redis); default: in this process. */
  readonly backend?: StepBackend;
}

/** What a fresh run and a resumed one share: the context the run loop needs, and the store to close. */
export interface PreparedRun {
  readonly context: RunContext;
  readonly store?: RunStoreWriter;
}

export function prepareRun(
  pipeline: Pipeline,
  options: RunOptions,
  identity: { readonly runId: string; readonly task: string; readonly inputs: Readonly<Record<string, InputValue>>; readonly usage: UsageMeter; readonly store?: RunStoreWriter },
): PreparedRun {
  const sinks = options.onEvent === undefined ? [] : typeof options.onEvent === 'function' ? [options.onEvent] : options.onEvent;
  const { usage, store } = identity;
  const outward = [...(store ? [store.append] : []), ...sinks];
  // Secrets (and the API key) become *** in everything that leaves the run: events, the store, prompts.
  const redactor = runRedactor(pipeline, options.env ?? process.env);
  const redact = options.redact ?? (redactor.active ? (event: RunEvent) => redactor.redactValue(event) : undefined);
  // The usage meter sees events as they are; everything that leaves the run sees them redacted.
  const publish: EventSink = redact ? (event) => outward.forEach((sink) => sink(redact(event))) : (event) => outward.forEach((sink) => sink(event));
  const emit = createEventEmitter([usage.observe, publish], options.now);
  const signal = options.signal ?? new AbortController().signal;
  const llm = meterLlm(redactingLlm(options.llm, redactor), usage, emit, pipeline.budget);
  const policy: ReplanPolicy = { ...pipeline.replan, ...(options.strategy ? { strategy: options.strategy } : {}) };
  const context: RunContext = {
    runId: identity.runId,
    pipeline,
    task: identity.task,
    inputs: identity.inputs,
    emit,
    usage,
    llm,
    signal,
    toolContext: {
      signal,
      cwd: options.cwd ?? process.cwd(),
      llm,
      model: pipeline.model,
      maxOutputBytes: pipeline.execution.maxOutputBytes,
      timeoutMs: pipeline.execution.stepTimeoutMs,
      env: options.env ?? process.env,
    },
    concurrency: options.concurrency ?? pipeline.execution.concurrency,
    policy,
    ...(redactor.active ? { redactText: (text: string) => redactor.redactText(text) } : {}),
    ...(options.approve ? { approve: options.approve } : {}),
    ...(options.backend ? { runTool: options.backend.runToolFor(identity.runId) } : {}),
    ...(pipeline.planning.cache && options.planCacheDir ? { planCacheDir: options.planCacheDir } : {}),
  };
  return { context, ...(store ? { store } : {}) };
}

export async function runPipeline(pipeline: Pipeline, options: RunOptions): Promise<RunOutcome> {
  const runId = newRunId(options.now?.());
  const usage = new UsageMeter();
  let inputs: Record<string, InputValue>;
  let task: string;
  try {
    const missing = missingSecrets(pipeline, options.env ?? process.env);
    if (missing.length > 0) throw new MissingSecretError(missing);
    ({ inputs, task } = renderTask(pipeline, options.inputs ?? {}));
  } catch (error) {
    if (error instanceof InputError || error instanceof TemplateError || error instanceof MissingSecretError) {
      // Nothing started: no run folder, just the outcome and its event.
      const sinks = options.onEvent === undefined ? [] : typeof options.onEvent === 'function' ? [options.onEvent] : options.onEvent;
      return finishRun({ runId, usage, emit: createEventEmitter(sinks, options.now) }, 'invalid-input', { error: error.message });
    }
    throw error;
  }
  const store = options.store ? openRunStore(options.store.root, runId, { pipelineText: readFileSync(pipeline.file, 'utf8'), inputs }) : undefined;
  const { context } = prepareRun(pipeline, options, { runId, task, inputs, usage, ...(store ? { store } : {}) });
  try {
    context.emit({
      kind: 'run-started',
      runId,
      pipeline: pipeline.name,
      file: path.relative(options.cwd ?? process.cwd(), pipeline.file) || pipeline.file,
      pipelineHash: pipelineHash(pipeline),
      inputs,
    });
    return await driveRun(context, { kind: 'plan' } satisfies RunStart);
  } finally {
    store?.close();
  }
}
