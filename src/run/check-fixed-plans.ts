// `validate`'s look at plans written ahead: a pipeline's fixed `plan:`, and a plan file given with
// `--plan`, compiled against the pipeline with its inputs' defaults (a stand-in for an input without one).

import type { CheckedPipelineFile } from '../pipeline/validate-files.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { DiagnosticError, type Diagnostic } from '../source/diagnostic.ts';
import type { YamlSource } from '../source/yaml-source.ts';
import type { InputValue } from './resolve-inputs.ts';

/**
 * Problems of the fixed plans of the pipelines among `files` (the pipeline files validate read and
 * checked) that load, and of `planFile` against each; `pipelineFiles` counts the pipeline files given
 * that parse (loaded or not), for `--plan`, which wants one.
 */
export async function checkFixedPlans(files: readonly CheckedPipelineFile[], cwd: string, planFile?: string): Promise<{ readonly diagnostics: readonly Diagnostic[]; readonly pipelineFiles: number }> {
  const pipelines: { readonly pipeline: Pipeline; readonly source: YamlSource }[] = [];
  let pipelineFiles = 0;
  for (const { source, pipeline } of files) {
    if (!source.parsed) continue;
    pipelineFiles++;
    // The pipeline's own problems are validate's to report; its plan is checked once it loads.
    if (pipeline !== undefined && (pipeline.plan !== undefined || planFile !== undefined)) pipelines.push({ pipeline, source });
  }
  const diagnostics: Diagnostic[] = [];
  if (pipelines.length === 0) return { diagnostics, pipelineFiles };
  // The plan compiler (and ajv, for the arguments) is loaded only when there is a plan to check.
  const [{ compileStaticPlan }, { planSourceIn, readPlanFile }] = await Promise.all([import('./compile-static-plan.ts'), import('./read-plan-file.ts')]);
  for (const { pipeline, source } of pipelines) {
    const inputs = standInInputs(pipeline);
    if (pipeline.plan) {
      const compiled = compileStaticPlan(pipeline, planSourceIn(source, { ...pipeline, plan: pipeline.plan }), inputs);
      if (!compiled.ok) diagnostics.push(...compiled.diagnostics);
    }
    if (planFile !== undefined) {
      try {
        const compiled = compileStaticPlan(pipeline, await readPlanFile(planFile, cwd, pipeline), inputs);
        if (!compiled.ok) diagnostics.push(...compiled.diagnostics);
      } catch (error) {
        if (!(error instanceof DiagnosticError)) throw error;
        diagnostics.push(...error.diagnostics);
      }
    }
  }
  return { diagnostics, pipelineFiles };
}

/** Each input's default, or a value of its type for one without: what a plan is checked with when no run gives values. */
export function standInInputs(pipeline: Pipeline): Record<string, InputValue> {
  const stand: Record<string, InputValue> = {};
  for (const [name, spec] of Object.entries(pipeline.inputs)) {
    Object.defineProperty(stand, name, { value: spec.default ?? (spec.type === 'number' ? 0 : spec.type === 'boolean' ? false : name), enumerable: true });
  }
  return stand;
}
