// Plan without running: render the task, ask the model, compile (with repairs). Backs `planexec plan`.

import { LlmError, type LlmClient } from '../llm/types.ts';
import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { renderPlanPrompt } from '../planner/plan-prompts.ts';
import { requestPlan } from '../planner/request-plan.ts';
import { TemplateError } from '../prompt/template-engine.ts';
import { createEventEmitter, type EventSink, type UsageTotals } from '../events/run-events.ts';
import { InputError, renderTask, type InputValue } from './resolve-inputs.ts';
import { meterLlm } from './metered-llm.ts';
import { redactingLlm, runRedactor } from './redact-secrets.ts';
import { plannedSteps } from '../store/pipeline-identity.ts';
import { UsageMeter } from '../events/usage-meter.ts';

export interface PlanOptions {
  readonly llm: LlmClient;
  readonly inputs?: Readonly<Record<string, InputValue>>;
  readonly onEvent?: EventSink | readonly EventSink[];
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export type PlanningOutcome =
  | { readonly status: 'planned'; readonly exitCode: 0; readonly graph: StepGraph; readonly usage: UsageTotals }
  | { readonly status: 'plan-failed' | 'invalid-input'; readonly exitCode: 2 | 3; readonly error: string; readonly usage: UsageTotals };

export async function planPipeline(pipeline: Pipeline, options: PlanOptions): Promise<PlanningOutcome> {
  const sinks = options.onEvent === undefined ? [] : typeof options.onEvent === 'function' ? [options.onEvent] : options.onEvent;
  const emit = createEventEmitter(sinks, options.now);
  const usage = new UsageMeter();
  try {
    const { inputs, task } = renderTask(pipeline, options.inputs ?? {});
    const planned = await requestPlan(
      { pipeline, llm: meterLlm(redactingLlm(options.llm, runRedactor(pipeline, process.env)), usage, emit, pipeline.budget), emit, ...(options.signal ? { signal: options.signal } : {}) },
      { planNumber: 1, purpose: 'plan', prompt: renderPlanPrompt(pipeline, task, inputs) },
    );
    if (!planned.ok) {
      return { status: 'plan-failed', exitCode: 3, error: describeRejection(planned.problems), usage: usage.totals };
    }
    const { graph } = planned;
    emit({ kind: 'plan-accepted', planNumber: 1, steps: plannedSteps(graph), criticalPathLength: graph.criticalPathLength });
    return { status: 'planned', exitCode: 0, graph, usage: usage.totals };
  } catch (error) {
    if (error instanceof InputError || error instanceof TemplateError) return { status: 'invalid-input', exitCode: 2, error: error.message, usage: usage.totals };
    if (error instanceof LlmError) return { status: 'plan-failed', exitCode: 3, error: error.message, usage: usage.totals };
    throw error;
  }
}

export function describeRejection(problems: readonly { message: string }[]): string {
  return `the model did not give a usable plan:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`;
}
