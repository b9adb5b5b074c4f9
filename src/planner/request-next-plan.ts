// Carry out a replanning strategy's next request (replan/strategy.ts): make the model call it asks
// for — a new plan, a new tail, corrected arguments of the failed step, or none — and say what the
// next round runs and which outputs it starts with.

import type { FailedPlan, NextRequest } from '../replan/strategy.ts';
import { compileTail } from './compile-tail.ts';
import { requestFixedArguments } from './fix-arguments.ts';
import { renderReplanPrompt, renderTailPrompt } from './plan-prompts.ts';
import { planLimitsOf } from './plan-limits.ts';
import { requestPlan, type PlanOutcome, type PlannerContext } from './request-plan.ts';

interface NextRound {
  readonly planned: PlanOutcome;
  /** Outputs the next plan starts with: those steps do not run again. */
  readonly completed: ReadonlyMap<string, unknown>;
}

export async function requestNextPlan(
  planner: PlannerContext,
  task: string,
  failed: FailedPlan,
  request: NextRequest,
  /** The number the next plan gets. */
  planNumber: number,
): Promise<NextRound> {
  const { pipeline } = planner;
  const { graph, state } = failed;
  const keptOutputs = new Set(request.keptOutputs);
  const completed = new Map([...state.outputs].filter(([id]) => keptOutputs.has(id)));
  if (request.kind === 'rerun') return { planned: await rerunPlan(planner, failed, request, planNumber), completed };

  const prompt =
    request.prompt === 'tail'
      ? renderTailPrompt(pipeline, task, graph, state, { keep: request.keptSteps, replace: request.replacedSteps }, planner.redactor)
      : renderReplanPrompt(pipeline, task, graph, state, planner.redactor);
  const kept = request.keptSteps.map((id) => graph.byId.get(id)!);
  const succeeded = new Set(state.outputs.keys());
  const planned = await requestPlan(planner, {
    planNumber,
    purpose: 'replan',
    prompt,
    ...(request.compile === 'tail' ? { compile: (reply: string) => compileTail(reply, kept, succeeded, pipeline.tools, planLimitsOf(pipeline)) } : {}),
  });
  return { planned, completed };
}

/** The failed plan again — the same graph, so an approved plan is not asked about again — or with corrected arguments. */
async function rerunPlan(planner: PlannerContext, { graph, state }: FailedPlan, request: Extract<NextRequest, { kind: 'rerun' }>, planNumber: number): Promise<PlanOutcome> {
  if (!request.fixArguments) return { ok: true, graph };
  const fixed = await requestFixedArguments(planner.pipeline, planner.llm, graph, { stepId: request.stepId, error: state.failed!.error }, planner.signal, planner.redactor);
  if (fixed.ok) return { ok: true, graph: fixed.graph };
  // Corrected arguments that do not compile: the step reruns as it was.
  planner.emit({ kind: 'plan-rejected', planNumber, attempt: 1, problems: fixed.problems });
  return { ok: true, graph };
}
