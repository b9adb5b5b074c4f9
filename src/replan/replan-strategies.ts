// Every replanning strategy by the name a pipeline gives it (replan.strategy). A new strategy is one
// file and one line here, plus its name in schemas/pipeline.schema.json and ReplanStrategyName.

import type { ReplanStrategyName } from '../pipeline/types.ts';
import { fullStrategy } from './full-strategy.ts';
import { noneStrategy } from './none-strategy.ts';
import { retryStepStrategy } from './retry-step-strategy.ts';
import type { FailedPlan, GoOnDecision, NextRequest, ReplanStrategy } from './strategy.ts';
import { tailOnlyStrategy } from './tail-only-strategy.ts';

export const replanStrategies: Readonly<Record<ReplanStrategyName, ReplanStrategy>> = {
  full: fullStrategy,
  'tail-only': tailOnlyStrategy,
  'retry-step': retryStepStrategy,
  none: noneStrategy,
};

/** The names in the order the CLI and the Action list them. */
export const replanStrategyNames = Object.keys(replanStrategies) as readonly ReplanStrategyName[];

/**
 * The request for a decision, from the strategy the decision names (a fresh run and a resumed one
 * alike). Looking the strategy up by the decision is what hands each strategy only its own decisions.
 */
export function nextRequestFor(decision: GoOnDecision, failed: FailedPlan): NextRequest {
  return replanStrategies[decision.strategy].nextRequest(decision, failed);
}
