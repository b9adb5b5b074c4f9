// A plan file run by every row of a batch (`run --plan plan.json --data rows.csv`): read and checked
// once before any row runs, then compiled against the pipeline with each row's inputs.

import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { standInInputs } from '../run/check-fixed-plans.ts';
import { compileStaticPlan, type StaticPlanSource } from '../run/compile-static-plan.ts';
import { readPlanFile } from '../run/read-plan-file.ts';
import { renderTask, type InputValue } from '../run/resolve-inputs.ts';
import { DiagnosticError, formatDiagnostic } from '../source/diagnostic.ts';

export type BatchPlan = StaticPlanSource & { readonly displayPath: string };

/**
 * The plan file, checked as `validate --plan` checks it (the given inputs, else each input's default
 * or a stand-in): a DiagnosticError with every problem at its line:col when it does not fit the pipeline.
 */
export async function readBatchPlan(pipeline: Pipeline, planFile: string, given: Readonly<Record<string, InputValue>>, cwd: string): Promise<BatchPlan> {
  const source = await readPlanFile(planFile, cwd, pipeline);
  const checked = compileStaticPlan(pipeline, source, { ...standInInputs(pipeline), ...given });
  if (!checked.ok) throw new DiagnosticError(checked.diagnostics);
  return source;
}

/**
 * The plan with one row's inputs in it; an error (the row's invalid input) when those inputs make it
 * invalid; undefined when the inputs themselves are wrong, which the row's run reports as usual.
 */
export function compileRowPlan(pipeline: Pipeline, plan: BatchPlan, given: Readonly<Record<string, InputValue>>): { readonly graph: StepGraph } | { readonly error: string } | undefined {
  let inputs: Readonly<Record<string, InputValue>>;
  try {
    ({ inputs } = renderTask(pipeline, given));
  } catch {
    return undefined;
  }
  const compiled = compileStaticPlan(pipeline, plan, inputs);
  if (compiled.ok) return { graph: compiled.graph };
  return { error: `with this row's inputs the plan file ${plan.displayPath} does not fit the pipeline: ${compiled.diagnostics.map(formatDiagnostic).join('; ')}` };
}
