// The run loop: plan → compile → (approve) → execute → on a failure, carry out what the replanning
// strategy asks for → result. It can start at any point a stored run can stop at — before the first
// plan, before executing a plan (with some outputs already known), or between deciding a replan and
// receiving the new plan — which is what `resume` needs.

import { executePlan } from '../execute/execute-plan.ts';
import type { ExecutionState } from '../execute/schedule-steps.ts';
import { StepReuse } from '../execute/step-reuse.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { compilePlan } from '../plan/compile-plan.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { outputAsText } from '../plan/references.ts';
import { renderPlanPrompt } from '../planner/plan-prompts.ts';
import { requestNextPlan } from '../planner/request-next-plan.ts';
import { planLimitsOf } from '../planner/plan-limits.ts';
import { requestPlan, type PlanOutcome } from '../planner/request-plan.ts';
import { renderTemplate } from '../prompt/template-engine.ts';
import { nextRequestFor, replanStrategies } from '../replan/replan-strategies.ts';
import type { FailedPlan, NextRequest } from '../replan/strategy.ts';
import type { RunStatus } from '../events/run-events.ts';
import { checkBudget } from './metered-llm.ts';
import { describeRejection, finishRun, statusOfError, type RunOutcome } from './outcome.ts';
import type { RunContext } from './run-context.ts';
import { planCacheFor } from '../store/plan-cache.ts';
import { plannedSteps } from '../store/pipeline-identity.ts';
import { streamFirstPlan, streamsFirstPlan } from './stream-first-plan.ts';
import type { InputValue } from './resolve-inputs.ts';
import type { UsageMeter } from '../events/usage-meter.ts';
import { LlmError } from '../llm/types.ts';

export type RunStart =
  | { readonly kind: 'plan' }
  | { readonly kind: 'execute'; readonly planNumber: number; readonly graph: StepGraph; readonly completed: ReadonlyMap<string, unknown> }
  /** A replan was decided (and announced) for this failed plan; its request is still to be made. */
  | { readonly kind: 'replan'; readonly planNumber: number; readonly failed: FailedPlan; readonly request: NextRequest };

export async function runLoop(context: RunContext, start: RunStart): Promise<RunOutcome> {
  const { pipeline, emit, usage, signal, policy } = context;
  const finish = (status: RunStatus, detail: { result?: string; error?: string; budgetSpent?: true } = {}) => finishRun(context, status, detail);
  const planner = { pipeline, llm: context.llm, emit, signal, redactor: context.redactor };
  const strategy = replanStrategies[policy.strategy];
  const reuse = new StepReuse();
  for (const call of context.reuseSeed ?? []) reuse.record(call.tool, call.args, call.output);
  reuse.nextPlan();
  const retriesOf = new Map<string, number>(context.retriesSeed ?? []);
  const execute = (graph: StepGraph, planNumber: number, completed: ReadonlyMap<string, unknown>) =>
    executePlan(graph, { planNumber, concurrency: context.concurrency, onFailure: pipeline.execution.onFailure, emit, toolContext: context.toolContext, completed, reuse, ...(context.runTool ? { runTool: context.runTool } : {}) });

  try {
    let planNumber: number;
    let planned: PlanOutcome;
    let completed: ReadonlyMap<string, unknown> = new Map();
    let spentBefore = usage.totals;
    let cached = false;
    let pending: { failed: FailedPlan; request: NextRequest } | undefined;
    let rememberFirstPlan: (() => void) | undefined;
    let approvedGraph: StepGraph | undefined;
    // The first plan read as a stream (planning.stream) was accepted and executed as it arrived.
    let streamed: ExecutionState | undefined;
    if (start.kind === 'plan') {
      planNumber = 1;
      ({ planned, cached, streamed, remember: rememberFirstPlan } = await firstPlan(context, planner, reuse));
    } else if (start.kind === 'execute') {
      planNumber = start.planNumber;
      planned = { ok: true, graph: start.graph };
      completed = start.completed;
    } else {
      planNumber = start.planNumber;
      planned = { ok: true, graph: start.failed.graph };
      pending = { failed: start.failed, request: start.request };
    }

    for (;;) {
      if (pending) {
        // Carry out the strategy's request: a rerun of the failed step, or a new (tail of the) plan.
        const { failed, request } = pending;
        pending = undefined;
        spentBefore = usage.totals;
        ({ planned, completed } = await requestNextPlan(planner, context.task, failed, request, planNumber + 1));
        planNumber++;
      }

      if (!planned.ok) return finish('plan-failed', { error: describeRejection(planned.problems) });
      // Each round runs the plan it was just given; an earlier graph survives only as kept steps.
      const graph = planned.graph;
      const spent = usage.totals;
      if (!streamed) emit({
        kind: 'plan-accepted',
        planNumber,
        steps: plannedSteps(graph),
        criticalPathLength: graph.criticalPathLength,
        promptTokens: spent.promptTokens - spentBefore.promptTokens,
        completionTokens: spent.completionTokens - spentBefore.completionTokens,
        ...(completed.size > 0 ? { kept: [...completed.keys()] } : {}),
        ...(cached ? { cached: true } : {}),
      });
      cached = false;

      // A plain rerun of an approved plan is not asked about again; changed arguments are.
      if (graph !== approvedGraph && !streamed) {
        const approval = await askApproval(context, graph, planNumber);
        if (approval !== 'approved') return finish(approval.status, { error: approval.error });
        approvedGraph = graph;
      }

      // A failed step of a tool marked critical: false that nothing needs is tolerated by the scheduler itself.
      const state = streamed ?? (await execute(graph, planNumber, completed));
      streamed = undefined;
      reuse.nextPlan();
      if (state.status === 'succeeded') {
        if (planNumber === 1) rememberFirstPlan?.();
        return finish('succeeded', { result: renderResult(pipeline, context.inputs, graph, state) });
      }
      if (state.status === 'interrupted' || signal.aborted) return finish('interrupted', { error: 'interrupted' });

      const failure = state.failed!;
      // A spent budget ends the run (exit 3) whichever step hit it: no retry or replan could call the model.
      const spentBudget = budgetProblem(usage, pipeline.budget);
      if (spentBudget) return finish('plan-failed', { budgetSpent: true, error: `${spentBudget}, so step ${failure.step.id} (${failure.step.tool}) cannot be replanned: ${failure.error}` });
      const decision = strategy.decide({ graph, state, policy, replansSoFar: usage.totals.replans, retriesOfFailedStep: retriesOf.get(failure.step.id) ?? 0 });
      if (decision.kind === 'give-up') {
        return finish('failed', { error: `step ${failure.step.id} (${failure.step.tool}) failed: ${failure.error}\n${decision.reason}` });
      }
      const request = nextRequestFor(decision, { graph, state });
      if (request.kind === 'rerun') {
        retriesOf.set(request.stepId, request.attempt);
        usage.addDecision();
      } else {
        usage.addReplan();
      }
      emit({ kind: 'replan-started', planNumber, failedStepId: failure.step.id, replanNumber: usage.decisions, ...request.announce });
      pending = { failed: { graph, state }, request };
    }
  } catch (error) {
    if (signal.aborted) return finish('interrupted', { error: 'interrupted' });
    const status = statusOfError(error);
    if (status) return finish(status, { error: (error as Error).message, ...(error instanceof LlmError && error.kind === 'budget' ? { budgetSpent: true as const } : {}) });
    throw error;
  }
}

/** The first plan: written ahead when the run has a fixed one; from the plan cache when it is on and holds this exact request, else from the model. */
async function firstPlan(context: RunContext, planner: Parameters<typeof requestPlan>[0], reuse: StepReuse): Promise<{ planned: PlanOutcome; cached: boolean; remember?: () => void; streamed?: ExecutionState }> {
  if (context.fixedPlan) return { planned: { ok: true, graph: context.fixedPlan }, cached: false };
  const prompt = renderPlanPrompt(context.pipeline, context.task, context.inputs, context.redactor);
  const cache = context.planCacheDir ? planCacheFor(context.planCacheDir, context.pipeline.model.name, prompt) : undefined;
  const stored = cache?.read();
  if (stored !== undefined) {
    const compiled = compilePlan(stored, context.pipeline.tools, planLimitsOf(context.pipeline));
    // A cached plan that no longer compiles (a tool changed) is ignored, and a fresh one requested.
    if (compiled.ok) return { planned: { ok: true, graph: compiled.graph }, cached: true };
  }
  const { planned, executed } = streamsFirstPlan(context.pipeline, context.llm)
    ? await streamFirstPlan({ ...context, reuse }, prompt)
    : { planned: await requestPlan(planner, { planNumber: 1, purpose: 'plan', prompt }), executed: undefined };
  // Cached only once it has run to success: a plan that failed must not be served again.
  // The cache is a file like the run store: secrets in the plan are masked there too.
  const remember = planned.ok && cache ? () => cache.write(context.redactor.redactValue(plannedSteps(planned.graph))) : undefined;
  return { planned, cached: false, ...(remember ? { remember } : {}), ...(executed ? { streamed: executed } : {}) };
}

async function askApproval(context: RunContext, graph: StepGraph, planNumber: number): Promise<'approved' | { status: RunStatus; error: string }> {
  const confirmTools = [...new Set(graph.steps.filter((step) => step.toolSpec.confirm === true).map((step) => step.tool))];
  const flows = graph.untrustedFlows;
  if (!context.pipeline.approve && confirmTools.length === 0 && flows.length === 0) return 'approved';
  const reasons = [
    ...(context.pipeline.approve ? ['the pipeline sets approve: true'] : []),
    ...(confirmTools.length > 0 ? [`the plan uses ${confirmTools.map((name) => `"${name}"`).join(', ')}, marked confirm: true`] : []),
    // policy.untrustedFlow ask: each flow as the compiler would have reported it, up to its first ";".
    ...(flows.length > 0 ? [`untrusted data reaches arguments that accept only trusted data (policy.untrustedFlow: ask): ${flows.map((flow) => flow.message.split(';')[0]).join('; ')}`] : []),
  ];
  const reason = reasons.join('; ');
  if (!context.approve) return { status: 'invalid-input', error: `this plan needs approval before it runs (${reason}); pass --yes to run it without asking` };
  return (await context.approve({ graph, planNumber, reason, redact: (text) => context.redactor.redactText(text) })) ? 'approved' : { status: 'not-approved', error: `plan ${planNumber} was not approved, so nothing ran` };
}

function renderResult(pipeline: Pipeline, inputs: Readonly<Record<string, InputValue>>, graph: StepGraph, state: ExecutionState): string {
  const last = state.outputs.get(graph.lastStepId);
  if (pipeline.result === undefined) return outputAsText(last, graph.byId.get(graph.lastStepId)!.toolSpec.output);
  const steps = Object.fromEntries([...state.outputs].map(([id, output]) => [id, { output }]));
  return renderTemplate(pipeline.result, 'result', { inputs, steps, last });
}

function budgetProblem(usage: UsageMeter, budget: Pipeline['budget']): string | undefined {
  try {
    checkBudget(usage, budget);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
