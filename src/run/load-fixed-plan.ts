// The run's fixed plan — a plan file (`run --plan`) or the pipeline's `plan:` — compiled with the run's
// inputs before anything starts (the CLI's run and the Action).

import type { Pipeline } from '../pipeline/types.ts';
import { compileStaticPlan, type StaticPlanResult } from './compile-static-plan.ts';
import { inlinePlanSource, readPlanFile } from './read-plan-file.ts';
import { renderTask, type InputValue } from './resolve-inputs.ts';

/**
 * The run's fixed plan — the plan file when one is given, else the pipeline's `plan:` — compiled with the
 * run's inputs; undefined when there is none, or when the inputs are wrong (the run then stops on them
 * before any planning). A plan file that cannot be read, or is made for another pipeline, throws DiagnosticError.
 */
export async function loadFixedPlan(pipeline: Pipeline, planFile: string | undefined, given: Readonly<Record<string, InputValue>>, cwd: string): Promise<(StaticPlanResult & { readonly planFile?: string }) | undefined> {
  if (planFile === undefined && pipeline.plan === undefined) return undefined;
  const file = planFile !== undefined ? await readPlanFile(planFile, cwd, pipeline) : undefined;
  const source = file ?? inlinePlanSource({ ...pipeline, plan: pipeline.plan! }, cwd);
  let inputs: Readonly<Record<string, InputValue>>;
  try {
    ({ inputs } = renderTask(pipeline, given));
  } catch {
    return undefined;
  }
  return { ...compileStaticPlan(pipeline, source, inputs), ...(file ? { planFile: file.displayPath } : {}) };
}
