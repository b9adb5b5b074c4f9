// The DAG scheduler: start each step as soon as every step it needs has succeeded, at most
// `concurrency` at a time. On the first failure no new step starts, and running steps either finish
// (`wait`) or are cancelled (`cancel`); the state is returned for replanning. Each step gets its own
// AbortSignal, aborted on cancel and when the run's signal aborts. The step runner is injected, so
// this file does no I/O and needs no clock.

import type { FailurePolicy } from '../pipeline/types.ts';
import type { CompiledStep, StepGraph } from '../plan/plan-types.ts';

export type StepOutcome = { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: string };

export type RunStep = (step: CompiledStep, outputOf: (stepId: string) => unknown, signal: AbortSignal) => Promise<StepOutcome>;

export interface ScheduleOptions {
  readonly concurrency: number;
  /** The run's signal: once aborted, nothing new starts and running steps are cancelled. */
  readonly signal?: AbortSignal;
  /** After a failure: let running steps finish (default) or cancel them. */
  readonly onFailure?: FailurePolicy;
  /**
   * Runs one step; failures are outcomes (a throw counts as one). `outputOf` reads outputs of finished
   * steps; `signal` aborts when the step is cancelled, with a reason saying why.
   */
  readonly runStep: RunStep;
  /** Called for steps that will not run because the run stopped first. */
  readonly onSkipped?: (step: CompiledStep, reason: string) => void;
  /** Steps already done before this execution (kept by a replan): their outputs, by id. They do not run again. */
  readonly completed?: ReadonlyMap<string, unknown>;
}

export interface ExecutionState {
  readonly status: 'succeeded' | 'failed' | 'interrupted';
  /** Outputs of the steps that succeeded, by id, in the order they finished. */
  readonly outputs: ReadonlyMap<string, unknown>;
  /** The first step that failed (cancelled steps do not count). */
  readonly failed?: { readonly step: CompiledStep; readonly error: string };
  /** Steps that were running when they were cancelled, in the order they stopped (always set by scheduleSteps). */
  readonly cancelled?: readonly string[];
  readonly notStarted: readonly string[];
}

/** The reason a step's signal carries when the run was interrupted. */
export const INTERRUPTED = 'the run was interrupted';

export async function scheduleSteps(graph: StepGraph, options: ScheduleOptions): Promise<ExecutionState> {
  const completed = options.completed ?? new Map<string, unknown>();
  const outputs = new Map<string, unknown>([...completed].filter(([id]) => graph.byId.has(id)));
  const remainingNeeds = new Map(graph.steps.map((step) => [step.id, step.needs.filter((need) => !outputs.has(need)).length]));
  const dependents = new Map<string, CompiledStep[]>();
  for (const step of graph.steps) for (const need of step.needs) (dependents.get(need) ?? dependents.set(need, []).get(need)!).push(step);

  // Ready steps in plan order; it starts with every step whose needs are all done already.
  const ready: CompiledStep[] = graph.steps.filter((step) => !outputs.has(step.id) && remainingNeeds.get(step.id) === 0);
  const started = new Set<string>(outputs.keys());
  const running = new Map<string, AbortController>();
  const cancelled: string[] = [];
  let failed: ExecutionState['failed'];
  const outputOf = (stepId: string) => outputs.get(stepId);
  const cancelRunning = (reason: string) => {
    for (const controller of running.values()) if (!controller.signal.aborted) controller.abort(reason);
  };

  let onRunAbort = () => {};
  await new Promise<void>((resolveAll) => {
    const stopped = () => failed !== undefined || options.signal?.aborted === true;
    const finished = (step: CompiledStep, controller: AbortController, outcome: StepOutcome) => {
      running.delete(step.id);
      if (outcome.ok) {
        outputs.set(step.id, outcome.output);
        for (const dependent of dependents.get(step.id) ?? []) {
          const left = remainingNeeds.get(dependent.id)! - 1;
          remainingNeeds.set(dependent.id, left);
          if (left === 0) ready.push(dependent);
        }
      } else if (controller.signal.aborted) {
        cancelled.push(step.id);
      } else if (!failed) {
        failed = { step, error: outcome.error };
        if (options.onFailure === 'cancel') cancelRunning(`step ${step.id} failed`);
      }
      pump();
    };
    const pump = () => {
      while (!stopped() && running.size < options.concurrency && ready.length > 0) {
        const step = ready.shift()!;
        const controller = new AbortController();
        started.add(step.id);
        running.set(step.id, controller);
        let outcome: Promise<StepOutcome>;
        try {
          outcome = options.runStep(step, outputOf, controller.signal);
        } catch (error) {
          outcome = Promise.reject(error);
        }
        void outcome.then(
          (result) => finished(step, controller, result),
          (error: unknown) => finished(step, controller, { ok: false, error: error instanceof Error ? error.message : String(error) }),
        );
      }
      if (running.size === 0 && (stopped() || ready.length === 0)) resolveAll();
    };
    onRunAbort = () => {
      cancelRunning(INTERRUPTED);
      pump();
    };
    options.signal?.addEventListener('abort', onRunAbort, { once: true });
    if (options.signal?.aborted) onRunAbort();
    else pump();
  });
  options.signal?.removeEventListener('abort', onRunAbort);

  const notStarted = graph.order.filter((id) => !started.has(id));
  const status = failed ? 'failed' : options.signal?.aborted ? 'interrupted' : 'succeeded';
  if (status !== 'succeeded') {
    const reason = failed ? `not started: step ${failed.step.id} failed` : 'not started: the run was interrupted';
    for (const id of notStarted) options.onSkipped?.(graph.byId.get(id)!, reason);
  }
  return { status, outputs, ...(failed ? { failed } : {}), cancelled, notStarted };
}
