// The DAG scheduler: start each step as soon as every step it needs has succeeded, at most
// `concurrency` at a time. On the first failure no new step starts; running steps finish; the
// state is returned for replanning. The step runner is injected, so this file does no I/O.

import type { CompiledStep, StepGraph } from '../plan/plan-types.ts';

export type StepOutcome = { readonly ok: true; readonly output: unknown } | { readonly ok: false; readonly error: string };

export interface ScheduleOptions {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Runs one step; must not throw (failures are outcomes). `outputOf` reads outputs of finished steps. */
  readonly runStep: (step: CompiledStep, outputOf: (stepId: string) => unknown) => Promise<StepOutcome>;
  /** Called for steps that will not run because the run stopped first. */
  readonly onSkipped?: (step: CompiledStep, reason: string) => void;
}

export interface ExecutionState {
  readonly status: 'succeeded' | 'failed' | 'interrupted';
  /** Outputs of the steps that succeeded, by id, in the order they finished. */
  readonly outputs: ReadonlyMap<string, unknown>;
  readonly failed?: { readonly step: CompiledStep; readonly error: string };
  readonly notStarted: readonly string[];
}

export async function scheduleSteps(graph: StepGraph, options: ScheduleOptions): Promise<ExecutionState> {
  const outputs = new Map<string, unknown>();
  const remainingNeeds = new Map(graph.steps.map((step) => [step.id, step.needs.length]));
  const dependents = new Map<string, CompiledStep[]>();
  for (const step of graph.steps) for (const need of step.needs) (dependents.get(need) ?? dependents.set(need, []).get(need)!).push(step);

  // Ready steps in plan order; `order` starts with every step that needs nothing.
  const ready: CompiledStep[] = graph.steps.filter((step) => step.needs.length === 0);
  const started = new Set<string>();
  let running = 0;
  let failed: ExecutionState['failed'];
  const outputOf = (stepId: string) => outputs.get(stepId);

  await new Promise<void>((resolveAll) => {
    const stopped = () => failed !== undefined || options.signal?.aborted === true;
    const pump = () => {
      while (!stopped() && running < options.concurrency && ready.length > 0) {
        const step = ready.shift()!;
        started.add(step.id);
        running++;
        void options.runStep(step, outputOf).then((outcome) => {
          running--;
          if (outcome.ok) {
            outputs.set(step.id, outcome.output);
            for (const dependent of dependents.get(step.id) ?? []) {
              const left = remainingNeeds.get(dependent.id)! - 1;
              remainingNeeds.set(dependent.id, left);
              if (left === 0) ready.push(dependent);
            }
          } else if (!failed) {
            failed = { step, error: outcome.error };
          }
          pump();
        });
      }
      if (running === 0 && (stopped() || ready.length === 0)) resolveAll();
    };
    options.signal?.addEventListener('abort', () => pump(), { once: true });
    pump();
  });

  const notStarted = graph.order.filter((id) => !started.has(id));
  const status = failed ? 'failed' : options.signal?.aborted ? 'interrupted' : 'succeeded';
  if (status !== 'succeeded') {
    const reason = failed ? `not started: step ${failed.step.id} failed` : 'not started: the run was interrupted';
    for (const id of notStarted) options.onSkipped?.(graph.byId.get(id)!, reason);
  }
  return { status, outputs, ...(failed ? { failed } : {}), notStarted };
}
