// The first plan read as the model writes it (planning.stream): each step that passes every check it
// can pass alone is announced (`step-planned`) and may start at once; the whole plan is compiled as
// usual when the reply ends. A valid plan is accepted and its execution simply goes on; an invalid one
// cancels what runs and goes to the repair loop, and `plan-rejected` lists the steps that had started.
// A reply past planning.maxSteps or planning.maxPlanBytes is not read to its end: the request is
// closed there, and the plan is rejected for that limit.

import { startExecution } from '../execute/execute-plan.ts';
import type { ToolRunner, ToolContext } from '../tools/tool-call.ts';
import type { ExecutionState, GrowingSchedule } from '../execute/schedule-steps.ts';
import type { StepReuse } from '../execute/step-reuse.ts';
import type { CompletionResult, CompletionStream, LlmClient } from '../llm/types.ts';
import type { Redactor } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';
import type { CompiledStep, PlanProblem } from '../plan/plan-types.ts';
import { heldReason, mayStartEarly } from '../plan/streamed-plan-prefix.ts';
import { createStreamedPlanReply } from '../plan/streamed-plan-reply.ts';
import { planLimitsOf } from '../planner/plan-limits.ts';
import { planMessages, planRequest, requestPlan, type PlanOutcome } from '../planner/request-plan.ts';
import type { EmitEvent } from '../events/run-events.ts';
import { plannedSteps } from '../store/pipeline-identity.ts';
import type { UsageMeter } from '../events/usage-meter.ts';

interface StreamPlanContext {
  readonly pipeline: Pipeline;
  /** Metered: the streamed call is counted and budgeted like any other. */
  readonly llm: LlmClient;
  readonly emit: EmitEvent;
  readonly usage: UsageMeter;
  readonly signal: AbortSignal;
  readonly concurrency: number;
  readonly toolContext: ToolContext;
  readonly reuse: StepReuse;
  /** Runs tool calls somewhere else (execution.backend bullmq); absent: in this process. */
  readonly runTool?: ToolRunner;
  /** The run's secrets: a repair prompt masks the rejected reply and its problems with them. */
  readonly redactor?: Redactor;
}

interface StreamedPlan {
  readonly planned: PlanOutcome;
  /**
   * Set when steps were announced before the plan was complete: the plan was accepted (its
   * `plan-accepted` emitted) and this is how its execution ended, as executePlan would return it.
   */
  readonly executed?: ExecutionState;
}

/**
 * Whether the first plan is read as a stream: the setting is on, the client can stream, and no
 * approval can be needed (approve, confirm, or untrusted flows with policy.untrustedFlow ask) — an approval is asked before anything runs, which a streamed plan cannot
 * know until it is complete.
 */
export function streamsFirstPlan(pipeline: Pipeline, llm: LlmClient): boolean {
  const mayAskAboutFlows = pipeline.policy.untrustedFlow === 'ask' && pipeline.tools.some((tool) => tool.trust === 'untrusted');
  return pipeline.planning.stream && llm.stream !== undefined && pipeline.approve !== true && !mayAskAboutFlows && !pipeline.tools.some((tool) => tool.confirm === true);
}

export async function streamFirstPlan(context: StreamPlanContext, prompt: string): Promise<StreamedPlan> {
  const { pipeline, emit, signal } = context;
  const planner = { pipeline, llm: context.llm, emit, signal, ...(context.redactor ? { redactor: context.redactor } : {}) };
  const limits = planLimitsOf(pipeline);
  const spentBefore = context.usage.totals;
  emit({ kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' });

  const streamed = createStreamedPlanReply(pipeline.tools, limits);
  let execution: GrowingSchedule | undefined;
  // Steps read are announced on the next turn of the event loop: a reply that arrives whole (or in
  // one burst) is complete by then, and runs exactly like a plan that did not stream.
  let announcing: NodeJS.Immediate | undefined;
  const announce = () => {
    announcing = undefined;
    const joined = streamed.advance();
    if (joined.length === 0) return;
    execution ??= startExecution({ planNumber: 1, concurrency: context.concurrency, onFailure: pipeline.execution.onFailure, emit, toolContext: context.toolContext, reuse: context.reuse, ...(context.runTool ? { runTool: context.runTool } : {}) });
    const early: CompiledStep[] = [];
    for (const step of joined) {
      const held = mayStartEarly(step.toolSpec) ? undefined : heldReason(step.toolSpec);
      if (held === undefined) early.push(step);
      emit({ kind: 'step-planned', planNumber: 1, step: plannedStep(step), ...(held ? { held } : {}) });
    }
    execution.add(early);
  };

  let result: CompletionResult | undefined;
  const source: CompletionStream = context.llm.stream!(planRequest(pipeline, planMessages(prompt), 'plan', signal, context.redactor));
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) {
        result = next.value;
        break;
      }
      const read = streamed.push(next.value);
      if (streamed.pastLimit) break;
      if (read > 0) announcing ??= setImmediate(announce);
    }
    // Past a limit, the rest is not wanted: closing the stream closes the request.
    if (streamed.pastLimit) await source.return(undefined as never);
  } catch (error) {
    if (announcing) clearImmediate(announcing);
    if (execution) {
      execution.abandon('the plan could not be read to the end');
      await execution.done;
    }
    throw error;
  }
  if (announcing) clearImmediate(announcing);

  const { reply, compiled } = streamed.end(result?.text);
  if (!execution) {
    // Nothing was announced before the reply ended: exactly the whole-plan path.
    if (compiled.ok) return { planned: { ok: true, graph: compiled.graph } };
    emit({ kind: 'plan-rejected', planNumber: 1, attempt: 1, problems: compiled.problems });
    return { planned: await requestPlan(planner, { planNumber: 1, purpose: 'plan', prompt, rejected: { reply, problems: compiled.problems } }) };
  }

  const divergence = streamed.divergence();
  const problems: PlanProblem[] = [...(compiled.ok ? [] : compiled.problems), ...(divergence ? [divergence] : [])];
  if (compiled.ok && problems.length === 0) {
    const spent = context.usage.totals;
    emit({
      kind: 'plan-accepted',
      planNumber: 1,
      steps: plannedSteps(compiled.graph),
      criticalPathLength: compiled.graph.criticalPathLength,
      promptTokens: spent.promptTokens - spentBefore.promptTokens,
      completionTokens: spent.completionTokens - spentBefore.completionTokens,
      streamed: true,
    });
    execution.complete(compiled.graph);
    return { planned: { ok: true, graph: compiled.graph }, executed: await execution.done };
  }

  const ran = execution.started;
  const pastLimit = streamed.pastLimit;
  execution.abandon(pastLimit ? `the reply went past ${pastLimit.code === 'too-many-steps' ? 'planning.maxSteps' : 'planning.maxPlanBytes'}` : 'the whole plan was found invalid');
  await execution.done;
  emit({ kind: 'plan-rejected', planNumber: 1, attempt: 1, problems, streamed: true, ran });
  // What succeeded may still serve the repaired plan: an identical call reuses its output.
  context.reuse.nextPlan();
  return { planned: await requestPlan(planner, { planNumber: 1, purpose: 'plan', prompt, rejected: { reply, problems } }) };
}

function plannedStep(step: CompiledStep) {
  const { id, action, tool, args, dependsOn, needs, untrusted } = step;
  return { id, action, tool, args, dependsOn, needs, ...(untrusted ? { untrusted } : {}) };
}
