// What a replanning strategy sees when a step fails, and what it decides. Strategies are pure
// functions of this data, so each is tested without a model or a process.

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

export interface FailureSituation {
  readonly graph: StepGraph;
  /** The execution that stopped; `failed` is set. */
  readonly state: ExecutionState;
  readonly policy: ReplanPolicy;
  /** New plans made so far in this run. */
  readonly replansSoFar: number;
  /** Reruns of the failed step made so far. */
  readonly retriesOfFailedStep: number;
}

export type ReplanDecision =
  | { readonly kind: 'retry'; readonly stepId: string; readonly fixArgs: boolean; readonly attempt: number }
  | { readonly kind: 'replan'; readonly scope: 'full'; readonly strategy: ReplanStrategyName }
  | {
      readonly kind: 'replan';
      readonly scope: 'tail';
      readonly strategy: ReplanStrategyName;
      /** Steps that stay as planned: succeeded ones keep their outputs, the others still run. */
      readonly keep: readonly string[];
      /** The failed step and every step that depends on it, in plan order: the model replaces these. */
      readonly replace: readonly string[];
    }
  | { readonly kind: 'give-up'; readonly reason: string };

export type ReplanStrategy = (situation: FailureSituation) => ReplanDecision;
