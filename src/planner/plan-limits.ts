// The compiler limits a pipeline sets, apart from the planning requests so that checking a fixed plan
// (validate, resume) loads no prompt templates.

import type { Pipeline } from '../pipeline/types.ts';
import type { CompileOptions } from '../plan/compile-plan.ts';

/** The compiler limits a pipeline sets. */
export function planLimitsOf(pipeline: Pipeline): CompileOptions {
  const { maxSteps, maxArgumentBytes, maxArgumentDepth, maxPlanBytes } = pipeline.planning;
  return { limits: { maxSteps, maxArgumentBytes, maxArgumentDepth, maxPlanBytes }, writable: pipeline.writable, untrustedFlow: pipeline.policy.untrustedFlow };
}
