// `run --plan <file>` and a pipeline's fixed `plan:`: the plan compiled against the pipeline before
// anything starts; a plan that does not fit prints every problem at its file:line:col (exit 2).

import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { loadFixedPlan } from '../run/read-plan-file.ts';
import type { InputValue } from '../run/resolve-inputs.ts';
import { formatDiagnostic } from '../source/diagnostic.ts';
import { exitCode } from './cli-io.ts';

/**
 * The compiled fixed plan; undefined when the run plans as usual (or its inputs are wrong, which the
 * run reports); a number (the exit code) when the plan does not fit and its problems were printed.
 * A plan file that cannot be read throws DiagnosticError.
 */
export async function fixedPlanOf(pipeline: Pipeline, planFile: string | undefined, given: Readonly<Record<string, InputValue>>, cwd: string): Promise<StepGraph | number | undefined> {
  const fixed = await loadFixedPlan(pipeline, planFile, given, cwd);
  if (fixed === undefined) return undefined;
  if (fixed.ok) return fixed.graph;
  for (const diagnostic of fixed.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const count = fixed.diagnostics.length;
  const what = fixed.planFile !== undefined ? `: the plan file ${fixed.planFile} does not fit ${pipeline.displayPath}` : ` in the plan of ${pipeline.displayPath}`;
  process.stderr.write(`${count} problem${count === 1 ? '' : 's'}${what}; nothing ran\n`);
  return exitCode.invalidInput;
}
