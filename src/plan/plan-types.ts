// The plan as the model writes it, and the checked StepGraph the compiler turns it into.

import { DEFAULT_SETTINGS } from '../config/defaults.ts';
import type { PlanProblem, PlanStep } from '../events/run-events.ts';
import type { ToolSpec } from '../pipeline/types.ts';
import type { TrustLabels } from './data-flow.ts';

// The plan's own step and problem shapes are part of the event format, so they live with the events.
export type { PlanProblem, PlanProblemCode, PlanStep } from '../events/run-events.ts';

/** `${steps.<id>.output.<path>}` found in a step's arguments. */
export interface OutputReference {
  readonly stepId: string;
  /** Property path into a json output; empty for the whole output. */
  readonly path: readonly (string | number)[];
  /** The reference exactly as written, e.g. `${steps.1.output.items[0]}`. */
  readonly text: string;
}

export interface CompiledStep extends PlanStep {
  readonly toolSpec: ToolSpec;
  /** Every step this one waits for: referenced steps, then explicit dependsOn, each once, in the order written. */
  readonly needs: readonly string[];
  readonly references: readonly OutputReference[];
  /** 0 for steps with no dependencies; otherwise 1 + the highest level among `needs`. */
  readonly level: number;
  /** Set when the step's output is untrusted (data-flow policy): its tool says trust: untrusted, or its arguments read untrusted data. */
  readonly untrusted?: true;
}

export interface StepGraph {
  /** Steps in the order the model wrote them. */
  readonly steps: readonly CompiledStep[];
  readonly byId: ReadonlyMap<string, CompiledStep>;
  /** A topological order (stable: plan order among steps that are ready together). */
  readonly order: readonly string[];
  /** Number of steps on the longest dependency chain. */
  readonly criticalPathLength: number;
  /** The step whose output is the run's result by default: the plan's last step. */
  readonly lastStepId: string;
  /** Steps whose output is untrusted (data-flow policy), each with where its data came from. */
  readonly untrusted: TrustLabels;
  /**
   * Untrusted data reaching arguments that accept only trusted data, when the compile was told to let
   * such a plan through for approval (`untrustedFlow: ask`); otherwise they are problems and there is no graph.
   */
  readonly untrustedFlows: readonly PlanProblem[];
}

export interface PlanLimits {
  readonly maxSteps: number;
  /** Largest JSON size of one step's arguments, in bytes. */
  readonly maxArgumentBytes: number;
  /** Deepest nesting of one step's arguments. */
  readonly maxArgumentDepth: number;
  /** Largest reply, in bytes, that is read as a plan at all. */
  readonly maxPlanBytes: number;
  /** Deepest nesting of the plan as a whole (objects and arrays), checked before anything walks it. */
  readonly maxPlanDepth: number;
}

const { maxSteps, maxArgumentBytes, maxArgumentDepth, maxPlanBytes } = DEFAULT_SETTINGS.planning;
/** The limits a pipeline's planning settings default to (config's one defaults table), and a nesting bound no setting changes. */
export const defaultPlanLimits: PlanLimits = { maxSteps, maxArgumentBytes, maxArgumentDepth, maxPlanBytes, maxPlanDepth: 64 };

export type CompileResult =
  | { readonly ok: true; readonly graph: StepGraph }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };
