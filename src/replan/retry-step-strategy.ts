// `retry-step`: run the failed step again (optionally with corrected arguments), then fall back.

import { fullStrategy } from './full-strategy.ts';
import type { FailureSituation, ReplanDecision } from './replan-types.ts';
import { tailOnlyStrategy } from './tail-only-strategy.ts';

export function retryStepStrategy(situation: FailureSituation): ReplanDecision {
  const { policy, retriesOfFailedStep } = situation;
  if (retriesOfFailedStep < policy.retries) {
    return { kind: 'retry', stepId: situation.state.failed!.step.id, fixArgs: policy.fixArgs, attempt: retriesOfFailedStep + 1 };
  }
  const spent = `step ${situation.state.failed!.step.id} failed after ${policy.retries} ${policy.retries === 1 ? 'retry' : 'retries'} (replan.retries)`;
  switch (policy.fallback) {
    case 'none':
      return { kind: 'give-up', reason: `${spent} and replan.fallback is none` };
    case 'full':
      return fullStrategy(situation);
    case 'tail-only':
      return tailOnlyStrategy(situation);
  }
}
