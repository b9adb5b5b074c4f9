// The bound every replanning strategy shares: at most `replan.maxReplans` new plans per run.

import type { FailureSituation, GiveUpDecision } from './strategy.ts';

export function replansExhausted(situation: FailureSituation): GiveUpDecision | undefined {
  if (situation.replansSoFar < situation.policy.maxReplans) return undefined;
  return { kind: 'give-up', reason: `replanning exhausted (replan.maxReplans: ${situation.policy.maxReplans})` };
}
