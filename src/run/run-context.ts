// What the run loop works with, made from normalized options and the pipeline — the same for a fresh
// run and a resumed one: the event stream (metered, redacted, stored), the metered model, the tools'
// context and the settings the options override.

import { concurrencyWithinOpenFileLimit } from '../execute/open-file-limit.ts';
import type { ToolRunner, ToolContext } from '../tools/tool-call.ts';
import { createEventEmitter, type EmitEvent, type EventSink, type RunEvent } from '../events/run-events.ts';
import type { UsageMeter } from '../events/usage-meter.ts';
import type { LlmClient } from '../llm/types.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { planSchemaWarning } from '../plan/pipeline-plan-schema.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import type { ReplanPolicy } from '../replan/strategy.ts';
import type { RunStoreWriter } from '../store/run-store.ts';
import { meterLlm } from './metered-llm.ts';
import type { ApprovePlan, NormalizedRunOptions } from './options.ts';
import { redactingLlm, runRedactor, type Redactor } from './redact-secrets.ts';
import type { InputValue } from './resolve-inputs.ts';

export interface RunContext {
  readonly runId: string;
  readonly pipeline: Pipeline;
  readonly task: string;
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly emit: EmitEvent;
  readonly usage: UsageMeter;
  /** Metered: every call is counted and budgeted. */
  readonly llm: LlmClient;
  readonly signal: AbortSignal;
  readonly toolContext: ToolContext;
  readonly concurrency: number;
  readonly policy: ReplanPolicy;
  readonly approve?: ApprovePlan;
  /** Redacts secrets from the result and error a run returns. */
  readonly redactText?: (text: string) => string;
  /** The run's secrets: prompts mask the data they put in with it, tools cut text around them. */
  readonly redactor: Redactor;
  /** Folder of the plan cache, when planning.cache is on and not bypassed. */
  readonly planCacheDir?: string;
  /** Runs tool calls somewhere else (execution.backend bullmq); absent: in this process. */
  readonly runTool?: ToolRunner;
  /** The first plan, written ahead (`run --plan`, a fixed `plan:`): no planning call is made for it. */
  readonly fixedPlan?: StepGraph;
  /** Reruns of each step the run made before a resume (retry-step), so replan.retries is not counted twice. */
  readonly retriesSeed?: ReadonlyMap<string, number>;
  /** Calls that already succeeded before a resume: identical calls reuse them instead of running. */
  readonly reuseSeed?: readonly { readonly tool: string; readonly args: unknown; readonly output: unknown }[];
}

export function createRunContext(
  pipeline: Pipeline,
  options: NormalizedRunOptions,
  identity: { readonly runId: string; readonly task: string; readonly inputs: Readonly<Record<string, InputValue>>; readonly usage: UsageMeter; readonly store?: RunStoreWriter },
): RunContext {
  const { usage, store } = identity;
  const outward = [...(store ? [store.append] : []), ...options.sinks];
  // Secrets (and the API key) become *** in everything that leaves the run: events, the store, prompts.
  const redactor = runRedactor(pipeline, options.env);
  const redact = options.redact ?? (redactor.active ? (event: RunEvent) => redactor.redactValue(event) : undefined);
  // The usage meter sees events as they are; everything that leaves the run sees them redacted.
  const publish: EventSink = redact ? (event) => outward.forEach((sink) => sink(redact(event))) : (event) => outward.forEach((sink) => sink(event));
  const emit = createEventEmitter([usage.observe, publish], options.now);
  const { signal } = options;
  const llm = meterLlm(redactingLlm(options.llm, redactor), usage, emit, pipeline.budget);
  const policy: ReplanPolicy = { ...pipeline.replan, ...(options.strategy ? { strategy: options.strategy } : {}) };
  const requested = options.concurrency ?? pipeline.execution.concurrency;
  // Steps run on workers hold no descriptors here; in this process, more steps at once than the
  // open-file limit allows would fail to start (EMFILE).
  const { concurrency, warning } = options.backend ? { concurrency: requested } : concurrencyWithinOpenFileLimit(requested);
  if (warning !== undefined) options.onWarning?.(warning);
  const schemaWarning = planSchemaWarning(pipeline.tools);
  if (schemaWarning !== undefined) options.onWarning?.(schemaWarning);
  return {
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
      cwd: options.cwd,
      llm,
      model: pipeline.model,
      maxOutputBytes: pipeline.execution.maxOutputBytes,
      timeoutMs: pipeline.execution.stepTimeoutMs,
      writable: pipeline.writable,
      env: options.env,
      ...(redactor.active ? { redactor } : {}),
    },
    concurrency,
    policy,
    redactor,
    ...(redactor.active ? { redactText: (text: string) => redactor.redactText(text) } : {}),
    ...(options.approve ? { approve: options.approve } : {}),
    ...(options.plan ? { fixedPlan: options.plan } : {}),
    ...(options.backend ? { runTool: options.backend.runToolFor(identity.runId) } : {}),
    ...(pipeline.planning.cache && options.planCacheDir ? { planCacheDir: options.planCacheDir } : {}),
  };
}
