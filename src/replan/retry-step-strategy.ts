// `retry-step`: run the failed step again (optionally with corrected arguments), then fall back.

import { fullStrategy } from './full-strategy.ts';
import type { GoOnDecision, ReplanStrategy } from './strategy.ts';
import { tailOnlyStrategy } from './tail-only-strategy.ts';

export interface RetryStepDecision extends GoOnDecision {
  readonly kind: 'retry';
  readonly strategy: 'retry-step';
  readonly stepId: string;
  readonly fixArgs: boolean;
  /** Which rerun of the step this is. */
  readonly attempt: number;
}

export const retryStepStrategy: ReplanStrategy<RetryStepDecision> = {
  decide: (situation) => {
    const { policy, retriesOfFailedStep } = situation;
    if (retriesOfFailedStep < policy.retries) {
      return { kind: 'retry', strategy: 'retry-step', stepId: situation.state.failed!.step.id, fixArgs: policy.fixArgs, attempt: retriesOfFailedStep + 1 } satisfies RetryStepDecision;
    }
    const spent = `step ${situation.state.failed!.step.id} failed after ${policy.retries} ${policy.retries === 1 ? 'retry' : 'retries'} (replan.retries)`;
    // The fallback's decisions are carried out by the fallback strategy itself.
    switch (policy.fallback) {
      case 'none':
        return { kind: 'give-up', reason: `${spent} and replan.fallback is none` };
      case 'full':
        return fullStrategy.decide(situation);
      case 'tail-only':
        return tailOnlyStrategy.decide(situation);
    }
  },

  nextRequest: (decision, { state }) => {
    // Every output so far is kept: only the failed step (and what had not run) runs again.
    const kept = [...state.outputs.keys()];
    return {
      kind: 'rerun',
      stepId: decision.stepId,
      attempt: decision.attempt,
      fixArguments: decision.fixArgs,
      keptOutputs: kept,
      announce: { strategy: decision.strategy, scope: 'retry', kept, replaced: [decision.stepId], fixArgs: decision.fixArgs },
    };
  },
};
