// `full`: ask for a whole new plan (finished steps it repeats unchanged are reused, not rerun).

import type { GoOnDecision, ReplanStrategy } from './strategy.ts';
import { replansExhausted } from './replan-budget.ts';

export interface FullReplanDecision extends GoOnDecision {
  readonly kind: 'replan';
  readonly scope: 'full';
  readonly strategy: 'full';
}

export const fullStrategy: ReplanStrategy<FullReplanDecision> = {
  decide: (situation) => replansExhausted(situation) ?? ({ kind: 'replan', scope: 'full', strategy: 'full' } satisfies FullReplanDecision),

  nextRequest: (decision, { graph }) => {
    const replaced = graph.steps.map((step) => step.id);
    return {
      kind: 'new-plan',
      prompt: 'replan',
      compile: 'whole-plan',
      keptSteps: [],
      replacedSteps: replaced,
      keptOutputs: [],
      announce: { strategy: decision.strategy, scope: 'full', kept: [], replaced },
    };
  },
};
