// `none`: no replanning; the first failed step ends the run.

import type { ReplanStrategy } from './strategy.ts';

export const noneStrategy: ReplanStrategy<never> = {
  decide: () => ({ kind: 'give-up', reason: 'replanning is off (replan.strategy: none)' }),
  // It never decides to go on, so it is never asked for a request.
  nextRequest: (decision) => decision,
};
