// planPipeline, the library's entry for planning without running: render the task, ask the model,
// compile (with repairs). Backs `planexec plan`.

import type { StepGraph } from '../plan/plan-types.ts';
import { planSchemaWarning } from '../plan/pipeline-plan-schema.ts';
import { renderPlanPrompt } from '../planner/plan-prompts.ts';
import { requestPlan } from '../planner/request-plan.ts';
import { createEventEmitter, type UsageTotals } from '../events/run-events.ts';
import { UsageMeter } from '../events/usage-meter.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { plannedSteps } from '../store/pipeline-identity.ts';
import { meterLlm } from './metered-llm.ts';
import { normalizePlanOptions, type PlanOptions } from './options.ts';
import { exitCodes } from './exit-codes.ts';
import { describeRejection, statusOfError } from './outcome.ts';
import { redactingLlm, runRedactor } from './redact-secrets.ts';
import { renderTask } from './resolve-inputs.ts';

export type PlanningOutcome =
  | { readonly status: 'planned'; readonly exitCode: 0; readonly graph: StepGraph; readonly usage: UsageTotals }
  | { readonly status: 'plan-failed' | 'invalid-input'; readonly exitCode: 2 | 3; readonly error: string; readonly usage: UsageTotals };

export async function planPipeline(pipeline: Pipeline, given: PlanOptions): Promise<PlanningOutcome> {
  const options = normalizePlanOptions(given);
  const emit = createEventEmitter(options.sinks, options.now);
  const usage = new UsageMeter();
  try {
    const { inputs, task } = renderTask(pipeline, options.inputs);
    const redactor = runRedactor(pipeline, options.env);
    const schemaWarning = planSchemaWarning(pipeline.tools);
    if (schemaWarning !== undefined) given.onWarning?.(schemaWarning);
    const planned = await requestPlan(
      { pipeline, llm: meterLlm(redactingLlm(options.llm, redactor), usage, emit, pipeline.budget), emit, redactor, ...(options.signal ? { signal: options.signal } : {}) },
      { planNumber: 1, purpose: 'plan', prompt: renderPlanPrompt(pipeline, task, inputs, redactor) },
    );
    if (!planned.ok) {
      return { status: 'plan-failed', exitCode: exitCodes['plan-failed'], error: describeRejection(planned.problems), usage: usage.totals };
    }
    const { graph } = planned;
    emit({ kind: 'plan-accepted', planNumber: 1, steps: plannedSteps(graph), criticalPathLength: graph.criticalPathLength });
    return { status: 'planned', exitCode: exitCodes.planned, graph, usage: usage.totals };
  } catch (error) {
    const status = statusOfError(error);
    if (status === 'invalid-input' || status === 'plan-failed') return { status, exitCode: exitCodes[status], error: (error as Error).message, usage: usage.totals };
    throw error;
  }
}
