// `run --plan <file>` and a pipeline's fixed `plan:`: the plan compiled against the pipeline before
// anything starts; a plan that does not fit prints every problem at its file:line:col (exit 2).

import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { compileStaticPlan } from '../run/compile-static-plan.ts';
import { inlinePlanSource, readPlanFile } from '../run/read-plan-file.ts';
import { renderTask, type InputValue } from '../run/resolve-inputs.ts';
import { formatDiagnostic } from '../source/diagnostic.ts';
import { exitCode } from './cli-io.ts';

/**
 * The compiled fixed plan; undefined when the run plans as usual (or its inputs are wrong, which the
 * run reports); a number (the exit code) when the plan does not fit and its problems were printed.
 * A plan file that cannot be read throws DiagnosticError.
 */
export async function fixedPlanOf(pipeline: Pipeline, planFile: string | undefined, given: Readonly<Record<string, InputValue>>, cwd: string): Promise<StepGraph | number | undefined> {
  if (planFile === undefined && pipeline.plan === undefined) return undefined;
  const source = planFile !== undefined ? await readPlanFile(planFile, cwd, pipeline) : await inlinePlanSource({ ...pipeline, plan: pipeline.plan! }, cwd);
  let inputs: Readonly<Record<string, InputValue>>;
  try {
    ({ inputs } = renderTask(pipeline, given));
  } catch {
    return undefined;
  }
  const compiled = compileStaticPlan(pipeline, source, inputs);
  if (compiled.ok) return compiled.graph;
  for (const diagnostic of compiled.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const count = compiled.diagnostics.length;
  const what = 'displayPath' in source ? `: the plan file ${String(source.displayPath)} does not fit ${pipeline.displayPath}` : ` in the plan of ${pipeline.displayPath}`;
  process.stderr.write(`${count} problem${count === 1 ? '' : 's'}${what}; nothing ran\n`);
  return exitCode.invalidInput;
}
