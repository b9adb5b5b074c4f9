// How long a plan still needs, from what its finished steps took: every step left is assumed to take
// their average time (a running one, what is left of that), and the estimate is the longer of the
// chain of dependent steps left and the work left spread as wide as steps have run so far. Pure.

import type { PlanSection, StepRow } from './fold-progress.ts';

/** How many steps must have finished before an estimate is worth showing. */
export const ESTIMATE_AFTER_STEPS = 3;

/** Milliseconds the plan still needs as of `now`, or undefined when there is nothing to go by (or nothing left). */
export function estimateRemainingMs(plan: PlanSection, now: number): number | undefined {
  // Kept and reused steps took no time here: they say nothing about the others.
  const timed = plan.rows.filter((row) => !row.carried && (row.state === 'succeeded' || row.state === 'failed') && row.durationMs !== undefined);
  const left = plan.rows.filter((row) => row.state === 'waiting' || row.state === 'running');
  if (timed.length < ESTIMATE_AFTER_STEPS || left.length === 0) return undefined;
  // After a failure the run can do without, no new step of this plan starts: the waiting ones will not run here.
  if (plan.rows.some((row) => row.state === 'failed' && !row.tolerated)) return undefined;
  const worked = timed.reduce((sum, row) => sum + row.durationMs!, 0);
  const average = worked / timed.length;
  const remainingOf = (row: StepRow) => (row.state === 'running' ? Math.max(0, average - (now - (row.startedAt ?? now))) : average);

  // The longest chain of steps left, each waiting for what it needs.
  const byId = new Map(left.map((row) => [row.step.id, row]));
  const finishOf = new Map<string, number>();
  const finish = (row: StepRow): number => {
    const known = finishOf.get(row.step.id);
    if (known !== undefined) return known;
    finishOf.set(row.step.id, 0); // a cycle cannot happen in a compiled plan; this only guards the recursion
    const after = Math.max(0, ...row.step.needs.map((id) => byId.get(id)).filter((need) => need !== undefined).map(finish));
    const at = after + remainingOf(row);
    finishOf.set(row.step.id, at);
    return at;
  };
  const chain = Math.max(...left.map(finish));

  // The work left over how many steps ran side by side so far (their time over the time that passed).
  const elapsed = now - plan.startedAt;
  const running = left.filter((row) => row.state === 'running').reduce((sum, row) => sum + (now - (row.startedAt ?? now)), 0);
  const width = elapsed > 0 ? Math.max(1, (worked + running) / elapsed) : 1;
  const work = left.reduce((sum, row) => sum + remainingOf(row), 0) / width;

  const estimate = Math.max(chain, work);
  // Every step left is running and past the average: no figure would mean anything.
  return estimate > 0 ? estimate : undefined;
}
