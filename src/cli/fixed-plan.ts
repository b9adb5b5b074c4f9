// `run --plan <file>` and a pipeline's fixed `plan:`: the plan compiled against the pipeline before
// anything starts; a plan that does not fit prints every problem at its file:line:col (exit 2).

import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { loadFixedPlan } from '../run/load-fixed-plan.ts';
import type { InputValue } from '../run/resolve-inputs.ts';
import { formatDiagnostic, type Diagnostic } from '../source/diagnostic.ts';
import { exitCode } from './cli-io.ts';
import { createLlmClient, type ClientChoice } from '../llm/create-client.ts';
import { LlmError, type LlmClient, type ModelSettings } from '../llm/types.ts';
import { unavailableLlm } from '../llm/unavailable-client.ts';

/**
 * The compiled fixed plan; undefined when the run plans as usual (or its inputs are wrong, which the
 * run reports); a number (the exit code) when the plan does not fit and its problems were printed.
 * A plan file that cannot be read throws DiagnosticError.
 */
export async function fixedPlanOf(pipeline: Pipeline, planFile: string | undefined, given: Readonly<Record<string, InputValue>>, cwd: string): Promise<StepGraph | number | undefined> {
  const fixed = await loadFixedPlan(pipeline, planFile, given, cwd);
  if (fixed === undefined) return undefined;
  if (fixed.ok) return fixed.graph;
  return printPlanProblems(fixed.diagnostics, fixed.planFile !== undefined ? `: the plan file ${fixed.planFile} does not fit ${pipeline.displayPath}` : ` in the plan of ${pipeline.displayPath}`);
}

/** Every problem of a plan at its file:line:col, then how many and that nothing ran; the exit code (2). */
export function printPlanProblems(diagnostics: readonly Diagnostic[], what: string): number {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  process.stderr.write(`${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}${what}; nothing ran\n`);
  return exitCode.invalidInput;
}

/** A run with a fixed plan needs a model only to replan (or for llm steps): no endpoint is not an error until then. */
export async function modelClientFor(model: ModelSettings, choice: ClientChoice, hasFixedPlan: boolean): Promise<LlmClient> {
  try {
    return await createLlmClient(model, choice);
  } catch (error) {
    if (!hasFixedPlan || !(error instanceof LlmError) || error.kind !== 'endpoint') throw error;
    return unavailableLlm(error.message);
  }
}
