// The DAG scheduler: start each step as soon as every step it needs has succeeded, at most
// `concurrency` at a time. On the first failure no new step starts, and running steps either finish
// (`wait`) or are cancelled (`cancel`); the state is returned for replanning. A failure the plan can
// do without (tolerate-failure.ts) stops nothing: the other steps go on starting. Each step gets its
// own AbortSignal, aborted on cancel and when the run's signal aborts. The step runner is injected,
// so this file does no I/O and needs no clock.

import type { FailurePolicy } from '../pipeline/types.ts';
import type { CompiledStep, StepGraph } from '../plan/plan-types.ts';
import { mayBeTolerated, toleratedBecause } from './tolerate-failure.ts';

export type StepOutcome = { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: string };

export type RunStep = (step: CompiledStep, outputOf: (stepId: string) => unknown, signal: AbortSignal) => Promise<StepOutcome>;

interface ScheduleOptions {
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
  /** Called when a step's failure is tolerated (right after it failed, or once a streamed plan is complete): the run goes on. */
  readonly onTolerated?: (step: CompiledStep, reason: string) => void;
  /** Steps already done before this execution (kept by a replan): their outputs, by id. They do not run again. */
  readonly completed?: ReadonlyMap<string, unknown>;
}

export interface ExecutionState {
  readonly status: 'succeeded' | 'failed' | 'interrupted';
  /** Outputs of the steps that succeeded, by id, in the order they finished; a tolerated failure's output is null. */
  readonly outputs: ReadonlyMap<string, unknown>;
  /** Steps that failed but were tolerated (critical: false, nothing needs them), in the order they failed. */
  readonly tolerated?: readonly string[];
  /** The first step that failed (cancelled steps do not count). */
  readonly failed?: { readonly step: CompiledStep; readonly error: string };
  /** Steps that were running when they were cancelled, in the order they stopped (always set by scheduleSteps). */
  readonly cancelled?: readonly string[];
  readonly notStarted: readonly string[];
}

/** The reason a step's signal carries when the run was interrupted. */
export const INTERRUPTED = 'the run was interrupted';

export async function scheduleSteps(graph: StepGraph, options: ScheduleOptions): Promise<ExecutionState> {
  const schedule = startSchedule(options);
  schedule.complete(graph);
  return schedule.done;
}

/**
 * A schedule whose steps arrive over time, as a plan read while the model writes it: steps are added
 * as they become known, then the whole plan completes it (or it is abandoned). Until then, the
 * schedule does not end even when nothing is running.
 */
export interface GrowingSchedule {
  /** Steps that may start once their needs have succeeded (needs may name steps not added yet). */
  add(steps: readonly CompiledStep[]): void;
  /** The whole plan: its steps not added yet are added, and the schedule ends once nothing is left to run. */
  complete(graph: StepGraph): void;
  /** The plan will not run after all: running steps are cancelled with `reason`, and nothing new starts. */
  abandon(reason: string): void;
  /** Ids of the steps started so far, in the order they started. */
  readonly started: readonly string[];
  /** Settles once complete or abandoned and nothing runs any more; abandoned: status `interrupted`. */
  readonly done: Promise<ExecutionState>;
}

export function startSchedule(options: ScheduleOptions): GrowingSchedule {
  const outputs = new Map<string, unknown>(options.completed ?? []);
  const added = new Map<string, CompiledStep>();
  const remainingNeeds = new Map<string, number>();
  const dependents = new Map<string, CompiledStep[]>();
  // Ready steps in plan order; it starts with every step whose needs are all done already.
  const ready: CompiledStep[] = [];
  const started = new Set<string>(outputs.keys());
  const startOrder: string[] = [];
  const running = new Map<string, AbortController>();
  const cancelled: string[] = [];
  const tolerated: string[] = [];
  // Failures of non-critical steps while the plan is still streaming in: whether a later step needs
  // them is not known yet, so nothing new starts until the whole plan decides.
  const undecided: { step: CompiledStep; error: string }[] = [];
  let failed: ExecutionState['failed'];
  let graph: StepGraph | undefined;
  let abandoned: string | undefined;
  const outputOf = (stepId: string) => outputs.get(stepId);
  const cancelRunning = (reason: string) => {
    for (const controller of running.values()) if (!controller.signal.aborted) controller.abort(reason);
  };

  let resolveDone!: (state: ExecutionState) => void;
  const done = new Promise<ExecutionState>((resolve) => (resolveDone = resolve));
  let settled = false;
  const stopped = () => failed !== undefined || undecided.length > 0 || options.signal?.aborted === true || abandoned !== undefined;

  const fail = (step: CompiledStep, error: string) => {
    if (failed) return;
    failed = { step, error };
    if (options.onFailure === 'cancel') cancelRunning(`step ${step.id} failed`);
  };

  /** A failure decided against the whole plan: passed over (its output counts as null) or a failure of the run. */
  const decide = (whole: StepGraph, step: CompiledStep, error: string) => {
    const reason = toleratedBecause(whole, step);
    if (reason === undefined) return fail(step, error);
    tolerated.push(step.id);
    outputs.set(step.id, null);
    options.onTolerated?.(step, reason);
  };

  const addStep = (step: CompiledStep) => {
    if (added.has(step.id)) return;
    added.set(step.id, step);
    if (outputs.has(step.id)) return;
    const open = step.needs.filter((need) => !outputs.has(need));
    for (const need of open) (dependents.get(need) ?? dependents.set(need, []).get(need)!).push(step);
    remainingNeeds.set(step.id, open.length);
    if (open.length === 0) ready.push(step);
  };

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
    } else if (graph) {
      decide(graph, step, outcome.error);
    } else if (mayBeTolerated(step)) {
      undecided.push({ step, error: outcome.error });
    } else {
      fail(step, outcome.error);
    }
    pump();
  };

  const pump = () => {
    if (settled) return;
    while (!stopped() && running.size < options.concurrency && ready.length > 0) {
      const step = ready.shift()!;
      const controller = new AbortController();
      started.add(step.id);
      startOrder.push(step.id);
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
    const closed = graph !== undefined || abandoned !== undefined;
    if (closed && running.size === 0 && (stopped() || ready.length === 0)) settle();
  };

  const onRunAbort = () => {
    cancelRunning(INTERRUPTED);
    pump();
  };

  const settle = () => {
    settled = true;
    options.signal?.removeEventListener('abort', onRunAbort);
    const order = graph ? graph.order : [...added.keys()];
    const notStarted = order.filter((id) => !started.has(id));
    const status = failed ? 'failed' : options.signal?.aborted || abandoned !== undefined ? 'interrupted' : 'succeeded';
    if (status !== 'succeeded') {
      const reason = failed ? `not started: step ${failed.step.id} failed` : options.signal?.aborted ? 'not started: the run was interrupted' : `not started: ${abandoned}`;
      for (const id of notStarted) options.onSkipped?.(graph?.byId.get(id) ?? added.get(id)!, reason);
    }
    const kept = graph ? new Map([...outputs].filter(([id]) => graph!.byId.has(id))) : outputs;
    resolveDone({ status, outputs: kept, ...(failed ? { failed } : {}), cancelled, tolerated, notStarted });
  };

  options.signal?.addEventListener('abort', onRunAbort, { once: true });
  if (options.signal?.aborted) cancelRunning(INTERRUPTED);

  return {
    add(steps) {
      if (graph || abandoned !== undefined) return;
      for (const step of steps) addStep(step);
      pump();
    },
    complete(whole) {
      if (graph || abandoned !== undefined) return;
      graph = whole;
      for (const step of whole.steps) addStep(step);
      for (const { step, error } of undecided.splice(0)) decide(whole, step, error);
      pump();
    },
    abandon(reason) {
      if (graph || abandoned !== undefined) return;
      abandoned = reason;
      cancelRunning(reason);
      pump();
    },
    get started() {
      return [...startOrder];
    },
    done,
  };
}
