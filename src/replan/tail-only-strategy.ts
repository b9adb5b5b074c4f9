// `tail-only`: keep every step that is not downstream of the failure; the model replaces only the
// failed step and the steps that depend on it, and its reply is compiled together with the kept steps.

import type { StepGraph } from '../plan/plan-types.ts';
import type { GoOnDecision, ReplanStrategy } from './strategy.ts';
import { replansExhausted } from './replan-budget.ts';

export interface TailReplanDecision extends GoOnDecision {
  readonly kind: 'replan';
  readonly scope: 'tail';
  readonly strategy: 'tail-only';
  /** Steps that stay as planned: succeeded ones keep their outputs, the others still run. */
  readonly keep: readonly string[];
  /** The failed step and every step that depends on it, in plan order: the model replaces these. */
  readonly replace: readonly string[];
}

/** The failed step and everything that (transitively) needs it, in plan order. */
function tailOf(graph: StepGraph, failedId: string): string[] {
  const dependents = new Map<string, string[]>();
  for (const step of graph.steps) for (const need of step.needs) (dependents.get(need) ?? dependents.set(need, []).get(need)!).push(step.id);
  const tail = new Set([failedId]);
  const queue = [failedId];
  while (queue.length > 0) {
    for (const dependent of dependents.get(queue.pop()!) ?? []) {
      if (!tail.has(dependent)) {
        tail.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return graph.steps.map((step) => step.id).filter((id) => tail.has(id));
}

export const tailOnlyStrategy: ReplanStrategy<TailReplanDecision> = {
  decide: (situation) => {
    const exhausted = replansExhausted(situation);
    if (exhausted) return exhausted;
    const replace = tailOf(situation.graph, situation.state.failed!.step.id);
    const replaced = new Set(replace);
    const keep = situation.graph.steps.map((step) => step.id).filter((id) => !replaced.has(id));
    return { kind: 'replan', scope: 'tail', strategy: 'tail-only', keep, replace } satisfies TailReplanDecision;
  },

  nextRequest: (decision, { state }) => {
    const kept = new Set(decision.keep);
    return {
      kind: 'new-plan',
      prompt: 'tail',
      compile: 'tail',
      keptSteps: decision.keep,
      replacedSteps: decision.replace,
      // Kept steps that had succeeded keep their outputs; the others run with the new tail.
      keptOutputs: [...state.outputs.keys()].filter((id) => kept.has(id)),
      announce: { strategy: decision.strategy, scope: 'tail', kept: decision.keep, replaced: decision.replace },
    };
  },
};
