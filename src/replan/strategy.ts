// What a replanning strategy is: when a step fails it decides what to do (`decide`), and turns a
// decision into the next request as data (`nextRequest`) — which prompt, if any, how the reply
// compiles, what is kept, what `replan-started` says — so the run loop carries it out without
// knowing any strategy by name. Strategies are pure functions of this data: no model, clock or I/O.

import type { EventOf } from '../events/run-events.ts';
import type { ExecutionState } from '../execute/schedule-steps.ts';
import type { ReplanStrategyName } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';

export interface ReplanPolicy {
  readonly strategy: ReplanStrategyName;
  /** New plans (full or tail) per run. */
  readonly maxReplans: number;
  /** retry-step: reruns of the failed step before falling back. */
  readonly retries: number;
  /** retry-step: ask the model for corrected arguments before each rerun. */
  readonly fixArgs: boolean;
  /** retry-step: what to do when the retries are spent. */
  readonly fallback: 'full' | 'tail-only' | 'none';
}

/** A plan whose execution stopped on a failed step (`state.failed` is set). */
export interface FailedPlan {
  readonly graph: StepGraph;
  readonly state: ExecutionState;
}

export interface FailureSituation extends FailedPlan {
  readonly policy: ReplanPolicy;
  /** New plans made so far in this run. */
  readonly replansSoFar: number;
  /** Reruns of the failed step made so far. */
  readonly retriesOfFailedStep: number;
}

export interface GiveUpDecision {
  readonly kind: 'give-up';
  readonly reason: string;
}

/**
 * A decision to go on: a rerun ('retry') or a new plan ('replan'). Each strategy's file adds the
 * fields its own decisions need. A decision names the strategy that carries it out, which need not
 * be the one that decided: retry-step falls back on full's and tail-only's decisions.
 */
export interface GoOnDecision {
  readonly kind: 'retry' | 'replan';
  readonly strategy: ReplanStrategyName;
}

type ReplanDecision = GoOnDecision | GiveUpDecision;

/** What `replan-started` says about a decision; the loop adds the plan number, the failed step and the count. */
type ReplanAnnouncement = Pick<EventOf<'replan-started'>, 'strategy' | 'scope' | 'kept' | 'replaced' | 'fixArgs'>;

/** The next request after a failure, as data the run loop carries out. */
export type NextRequest =
  | {
      /** No new plan: the failed plan runs again, from the outputs it kept. */
      readonly kind: 'rerun';
      readonly stepId: string;
      /** Which rerun of that step this is (replan.retries bounds them). */
      readonly attempt: number;
      /** First ask the model for corrected arguments of the step (the fix-arguments prompt, one call). */
      readonly fixArguments: boolean;
      readonly keptOutputs: readonly string[];
      readonly announce: ReplanAnnouncement;
    }
  | {
      /** A new plan from the model, counted against replan.maxReplans. */
      readonly kind: 'new-plan';
      /** The replan prompt (the whole previous plan and its outputs) or the tail prompt (kept steps in brief, the steps to replace). */
      readonly prompt: 'replan' | 'tail';
      /** How the reply compiles: as a whole plan, or as replacement steps joined to the kept steps. */
      readonly compile: 'whole-plan' | 'tail';
      /** Steps of the failed plan that stay in the new one. */
      readonly keptSteps: readonly string[];
      /** Steps the model is asked to replace. */
      readonly replacedSteps: readonly string[];
      /** Outputs the new plan starts with: those steps do not run again. */
      readonly keptOutputs: readonly string[];
      readonly announce: ReplanAnnouncement;
    };

export interface ReplanStrategy<Decision extends GoOnDecision = GoOnDecision> {
  /** What to do about the failed step: a decision to go on, or to give up (and why). */
  decide(situation: FailureSituation): ReplanDecision;
  /** The request that carries out one of this strategy's decisions (those that name it). */
  nextRequest(decision: Decision, failed: FailedPlan): NextRequest;
}
