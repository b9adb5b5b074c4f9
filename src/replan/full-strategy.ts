// `full`: ask for a whole new plan (finished steps it repeats unchanged are reused, not rerun).

import type { ReplanDecision, FailureSituation } from './replan-types.ts';
import { replansExhausted } from './replan-budget.ts';

export function fullStrategy(situation: FailureSituation): ReplanDecision {
  return replansExhausted(situation) ?? { kind: 'replan', scope: 'full', strategy: 'full' };
}
