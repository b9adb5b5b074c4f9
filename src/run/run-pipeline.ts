// A whole run: plan → compile → execute → replan as the pipeline's strategy allows → result.
// Returns an outcome with the contract's exit code; never throws for a failing model or step.

import type { LlmClient } from '../llm/types.ts';
import { LlmError } from '../llm/types.ts';
import type { Pipeline, ReplanStrategyName } from '../pipeline/types.ts';
import { executePlan } from '../execute/execute-plan.ts';
import type { ExecutionState } from '../execute/schedule-steps.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { outputAsText } from '../plan/references.ts';
import { StepReuse } from '../execute/step-reuse.ts';
import { compileTail } from '../planner/compile-tail.ts';
import { requestFixedArguments } from '../planner/fix-arguments.ts';
import { renderPlanPrompt, renderReplanPrompt, renderTailPrompt } from '../planner/plan-prompts.ts';
import { planLimitsOf, requestPlan } from '../planner/request-plan.ts';
import { strategyFor } from '../replan/choose-strategy.ts';
import type { ReplanPolicy } from '../replan/replan-types.ts';
import { renderTemplate, TemplateError } from '../prompt/template-engine.ts';
import { createEventEmitter, type EventSink, type RunStatus, type UsageTotals } from './events.ts';
import { InputError, renderTask, type InputValue } from './resolve-inputs.ts';
import { describeRejection } from './plan-pipeline.ts';
import { meterLlm } from './metered-llm.ts';
import { UsageMeter } from './usage-meter.ts';

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
}

export type ExitCode = 0 | 1 | 2 | 3 | 130;

export interface RunOutcome {
  readonly status: RunStatus;
  readonly exitCode: ExitCode;
  /** The rendered result, when the run succeeded. */
  readonly result?: string;
  readonly error?: string;
  readonly usage: UsageTotals;
}

const exitCodes: Record<RunStatus, ExitCode> = { succeeded: 0, failed: 1, 'invalid-input': 2, 'plan-failed': 3, interrupted: 130 };

export async function runPipeline(pipeline: Pipeline, options: RunOptions): Promise<RunOutcome> {
  const sinks = options.onEvent === undefined ? [] : typeof options.onEvent === 'function' ? [options.onEvent] : options.onEvent;
  const usage = new UsageMeter();
  const emit = createEventEmitter([usage.observe, ...sinks], options.now);
  const signal = options.signal ?? new AbortController().signal;

  const finish = (status: RunStatus, detail: { result?: string; error?: string } = {}): RunOutcome => {
    const outcome = { status, exitCode: exitCodes[status], ...detail, usage: usage.totals };
    emit({ kind: 'run-finished', status, ...detail, usage: outcome.usage });
    return outcome;
  };

  let inputs: Record<string, InputValue>;
  let task: string;
  try {
    ({ inputs, task } = renderTask(pipeline, options.inputs ?? {}));
  } catch (error) {
    if (error instanceof InputError || error instanceof TemplateError) return finish('invalid-input', { error: error.message });
    throw error;
  }
  emit({ kind: 'run-started', pipeline: pipeline.name, file: pipeline.displayPath, inputs });

  const llm = meterLlm(options.llm, usage, emit, pipeline.budget);
  const planner = { pipeline, llm, emit, signal };
  const toolContext = {
    signal,
    cwd: options.cwd ?? process.cwd(),
    llm,
    model: pipeline.model,
    maxOutputBytes: pipeline.execution.maxOutputBytes,
    timeoutMs: pipeline.execution.stepTimeoutMs,
    env: options.env ?? process.env,
  };

  const policy: ReplanPolicy = { ...pipeline.replan, ...(options.strategy ? { strategy: options.strategy } : {}) };
  const decide = strategyFor(policy.strategy);
  const reuse = new StepReuse();
  const retriesOf = new Map<string, number>();
  const execute = (graph: StepGraph, planNumber: number, completed: ReadonlyMap<string, unknown>) =>
    executePlan(graph, {
      planNumber,
      concurrency: options.concurrency ?? pipeline.execution.concurrency,
      onFailure: pipeline.execution.onFailure,
      emit,
      toolContext,
      completed,
      reuse,
    });

  try {
    let planNumber = 1;
    let spentBefore = usage.totals;
    let planned = await requestPlan(planner, { planNumber, purpose: 'plan', prompt: renderPlanPrompt(pipeline, task, inputs) });
    let completed: ReadonlyMap<string, unknown> = new Map();
    for (;;) {
      if (!planned.ok) return finish('plan-failed', { error: describeRejection(planned.problems) });
      // Each round runs the plan it was just given; the previous graph survives only as kept steps.
      const graph = planned.graph;
      const spent = usage.totals;
      emit({
        kind: 'plan-accepted',
        planNumber,
        steps: graph.steps.map(({ id, action, tool, needs }) => ({ id, action, tool, needs })),
        criticalPathLength: graph.criticalPathLength,
        promptTokens: spent.promptTokens - spentBefore.promptTokens,
        completionTokens: spent.completionTokens - spentBefore.completionTokens,
        ...(completed.size > 0 ? { kept: [...completed.keys()] } : {}),
      });
      let state = await execute(graph, planNumber, completed);
      // A failed step of a tool marked critical: false that nothing needs does not stop the run.
      while (state.status === 'failed' && isTolerable(graph, state.failed!.step.id)) {
        const failedId = state.failed!.step.id;
        emit({ kind: 'failure-tolerated', planNumber, stepId: failedId, reason: `tool "${state.failed!.step.tool}" is marked critical: false and no step needs its output` });
        state = await execute(graph, planNumber, new Map([...state.outputs, [failedId, null]]));
      }
      reuse.nextPlan();
      if (state.status === 'succeeded') return finish('succeeded', { result: renderResult(pipeline, inputs, graph, state) });
      if (state.status === 'interrupted' || signal.aborted) return finish('interrupted', { error: 'interrupted' });

      const failure = state.failed!;
      const decision = decide({ graph, state, policy, replansSoFar: usage.totals.replans, retriesOfFailedStep: retriesOf.get(failure.step.id) ?? 0 });
      if (decision.kind === 'give-up') {
        return finish('failed', { error: `step ${failure.step.id} (${failure.step.tool}) failed: ${failure.error}\n${decision.reason}` });
      }
      spentBefore = usage.totals;
      const succeeded = new Set(state.outputs.keys());
      if (decision.kind === 'retry') {
        retriesOf.set(failure.step.id, decision.attempt);
        usage.addDecision();
        emit({ kind: 'replan-started', planNumber, strategy: policy.strategy, failedStepId: failure.step.id, replanNumber: usage.decisions, scope: 'retry', kept: [...succeeded], replaced: [failure.step.id], fixArgs: decision.fixArgs });
        planned = { ok: true, graph };
        if (decision.fixArgs) {
          const fixed = await requestFixedArguments(pipeline, llm, graph, { stepId: failure.step.id, error: failure.error }, signal);
          if (fixed.ok) planned = { ok: true, graph: fixed.graph };
          else emit({ kind: 'plan-rejected', planNumber: planNumber + 1, attempt: 1, problems: fixed.problems });
        }
        completed = state.outputs;
      } else {
        usage.addReplan();
        emit({
          kind: 'replan-started',
          planNumber,
          strategy: decision.strategy,
          failedStepId: failure.step.id,
          replanNumber: usage.decisions,
          scope: decision.scope,
          kept: decision.scope === 'tail' ? decision.keep : [],
          replaced: decision.scope === 'tail' ? decision.replace : graph.steps.map((step) => step.id),
        });
        if (decision.scope === 'full') {
          planned = await requestPlan(planner, { planNumber: planNumber + 1, purpose: 'replan', prompt: renderReplanPrompt(pipeline, task, graph, state) });
          completed = new Map();
        } else {
          const kept = decision.keep.map((id) => graph.byId.get(id)!);
          planned = await requestPlan(planner, {
            planNumber: planNumber + 1,
            purpose: 'replan',
            prompt: renderTailPrompt(pipeline, task, graph, state, decision),
            compile: (reply) => compileTail(reply, kept, succeeded, pipeline.tools, planLimitsOf(pipeline)),
          });
          completed = new Map([...state.outputs].filter(([id]) => decision.keep.includes(id)));
        }
      }
      planNumber++;
    }
  } catch (error) {
    if (signal.aborted) return finish('interrupted', { error: 'interrupted' });
    if (error instanceof LlmError) return finish('plan-failed', { error: error.message });
    if (error instanceof TemplateError) return finish('invalid-input', { error: error.message });
    throw error;
  }
}

/** A failed step may be passed over when its tool says it is not critical and nothing needs it (nor is it the result). */
function isTolerable(graph: StepGraph, stepId: string): boolean {
  const step = graph.byId.get(stepId)!;
  return step.toolSpec.critical === false && stepId !== graph.lastStepId && !graph.steps.some((other) => other.needs.includes(stepId));
}

function renderResult(pipeline: Pipeline, inputs: Record<string, InputValue>, graph: StepGraph, state: ExecutionState): string {
  const last = state.outputs.get(graph.lastStepId);
  if (pipeline.result === undefined) return outputAsText(last, graph.byId.get(graph.lastStepId)!.toolSpec.output);
  const steps = Object.fromEntries([...state.outputs].map(([id, output]) => [id, { output }]));
  return renderTemplate(pipeline.result, 'result', { inputs, steps, last });
}
