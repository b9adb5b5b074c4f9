// The strategy a pipeline names, behind one function type.

import type { ReplanStrategyName } from '../pipeline/types.ts';
import { fullStrategy } from './full-strategy.ts';
import type { ReplanDecision, ReplanStrategy } from './replan-types.ts';
import { retryStepStrategy } from './retry-step-strategy.ts';
import { tailOnlyStrategy } from './tail-only-strategy.ts';

const noReplanning: ReplanStrategy = (): ReplanDecision => ({ kind: 'give-up', reason: 'replanning is off (replan.strategy: none)' });

const strategies: Record<ReplanStrategyName, ReplanStrategy> = {
  full: fullStrategy,
  'tail-only': tailOnlyStrategy,
  'retry-step': retryStepStrategy,
  none: noReplanning,
};

export function strategyFor(name: ReplanStrategyName): ReplanStrategy {
  return strategies[name];
}
