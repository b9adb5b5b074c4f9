// Whether a failed step may be passed over so the run goes on: its tool says `critical: false`, no
// step of the plan needs its output, and it is not the plan's last step (whose output is the result).

import type { CompiledStep, StepGraph } from '../plan/plan-types.ts';

/** Only a step of a non-critical tool may be tolerated; whether it is depends on the whole plan. */
export function mayBeTolerated(step: CompiledStep): boolean {
  return step.toolSpec.critical === false;
}

/** Why the failure of `step` does not stop the run, or undefined when it does. */
export function toleratedBecause(graph: StepGraph, step: CompiledStep): string | undefined {
  if (!mayBeTolerated(step) || step.id === graph.lastStepId) return undefined;
  if (graph.steps.some((other) => other.needs.includes(step.id))) return undefined;
  return `tool "${step.tool}" is marked critical: false and no step needs its output`;
}
