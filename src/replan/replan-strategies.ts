// Every replanning strategy by the name a pipeline gives it (replan.strategy). A new strategy is one
// file and one line here, plus its name in schemas/pipeline.schema.json and ReplanStrategyName.

import type { ReplanStrategyName } from '../pipeline/types.ts';
import { fullStrategy } from './full-strategy.ts';
import { noneStrategy } from './none-strategy.ts';
import { retryStepStrategy } from './retry-step-strategy.ts';
import type { FailedPlan, GoOnDecision, NextRequest, ReplanStrategy } from './strategy.ts';
import { tailOnlyStrategy } from './tail-only-strategy.ts';

/** Each strategy carries out the decisions that name it. */
export const replanStrategies: { readonly [Name in ReplanStrategyName]: ReplanStrategy<Extract<GoOnDecision, { readonly strategy: Name }>> } = {
  full: fullStrategy,
  'tail-only': tailOnlyStrategy,
  'retry-step': retryStepStrategy,
  none: noneStrategy,
};

/** The names in the order the CLI and the Action list them. */
export const replanStrategyNames = Object.keys(replanStrategies) as readonly ReplanStrategyName[];

/** The request for a decision, from the strategy the decision names (a fresh run and a resumed one alike). */
export function nextRequestFor(decision: GoOnDecision, failed: FailedPlan): NextRequest {
  // TypeScript cannot follow that the strategy looked up by `decision.strategy` is the one whose decisions it takes.
  const strategy: ReplanStrategy = replanStrategies[decision.strategy];
  return strategy.nextRequest(decision, failed);
}
