// A whole run: plan → compile → execute → replan as the pipeline's strategy allows → result.
// Returns an outcome with the contract's exit code; never throws for a failing model or step.

import type { LlmClient } from '../llm/types.ts';
import { LlmError } from '../llm/types.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { executePlan } from '../execute/execute-plan.ts';
import type { ExecutionState } from '../execute/schedule-steps.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { outputAsText } from '../plan/references.ts';
import { requestPlan } from '../planner/request-plan.ts';
import { renderPlanPrompt, renderReplanPrompt } from '../planner/plan-prompts.ts';
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
  const emit = createEventEmitter(sinks, options.now);
  const usage = new UsageMeter();
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

  try {
    let planNumber = 1;
    let prompt = renderPlanPrompt(pipeline, task, inputs);
    let purpose: 'plan' | 'replan' = 'plan';
    for (;;) {
      const planned = await requestPlan(planner, { planNumber, purpose, prompt });
      if (!planned.ok) {
        return finish('plan-failed', { error: describeRejection(planned.problems) });
      }
      // Each iteration runs the plan it was just given: the graph is never reused across replans.
      const graph = planned.graph;
      emit({
        kind: 'plan-accepted',
        planNumber,
        steps: graph.steps.map(({ id, action, tool, needs }) => ({ id, action, tool, needs })),
        criticalPathLength: graph.criticalPathLength,
      });
      const state = await executePlan(graph, {
        planNumber,
        concurrency: options.concurrency ?? pipeline.execution.concurrency,
        onFailure: pipeline.execution.onFailure,
        emit,
        toolContext,
      });
      usage.addStepRuns(state.outputs.size + (state.failed ? 1 : 0));
      if (state.status === 'succeeded') return finish('succeeded', { result: renderResult(pipeline, inputs, graph, state) });
      if (state.status === 'interrupted' || signal.aborted) return finish('interrupted', { error: 'interrupted' });

      const failure = state.failed!;
      const strategy = pipeline.replan.strategy;
      if (strategy === 'none' || usage.totals.replans >= pipeline.replan.maxReplans) {
        const why = strategy === 'none' ? 'replanning is off (replan.strategy: none)' : `replanning exhausted (replan.maxReplans: ${pipeline.replan.maxReplans})`;
        return finish('failed', { error: `step ${failure.step.id} (${failure.step.tool}) failed: ${failure.error}\n${why}` });
      }
      usage.addReplan();
      emit({ kind: 'replan-started', planNumber, strategy: 'full', failedStepId: failure.step.id, replanNumber: usage.totals.replans });
      prompt = renderReplanPrompt(pipeline, task, graph, state);
      purpose = 'replan';
      planNumber++;
    }
  } catch (error) {
    if (signal.aborted) return finish('interrupted', { error: 'interrupted' });
    if (error instanceof LlmError) return finish('plan-failed', { error: error.message });
    if (error instanceof TemplateError) return finish('invalid-input', { error: error.message });
    throw error;
  }
}

function renderResult(pipeline: Pipeline, inputs: Record<string, InputValue>, graph: StepGraph, state: ExecutionState): string {
  const last = state.outputs.get(graph.lastStepId);
  if (pipeline.result === undefined) return outputAsText(last, graph.byId.get(graph.lastStepId)!.toolSpec.output);
  const steps = Object.fromEntries([...state.outputs].map(([id, output]) => [id, { output }]));
  return renderTemplate(pipeline.result, 'result', { inputs, steps, last });
}
