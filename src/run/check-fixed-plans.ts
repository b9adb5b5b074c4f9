// `validate`'s look at plans written ahead: a pipeline's fixed `plan:`, and a plan file given with
// `--plan`, compiled against the pipeline with its inputs' defaults (a stand-in for an input without one).

import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load-config.ts';
import { checkPipelineSource } from '../pipeline/load-pipeline.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { DiagnosticError, type Diagnostic } from '../source/diagnostic.ts';
import { isRecord } from '../source/is-record.ts';
import { isTopLevelSequence, type YamlSource } from '../source/yaml-source.ts';
import type { InputValue } from './resolve-inputs.ts';

/**
 * Problems of the fixed plans of the pipelines among `sources` (the files validate read) that load,
 * and of `planFile` against each; `pipelineFiles` counts the pipeline files given (loaded or not),
 * for `--plan`, which wants one.
 */
export async function checkFixedPlans(sources: readonly YamlSource[], cwd: string, planFile?: string): Promise<{ readonly diagnostics: readonly Diagnostic[]; readonly pipelineFiles: number }> {
  const pipelines: { readonly pipeline: Pipeline; readonly source: YamlSource }[] = [];
  let pipelineFiles = 0;
  for (const source of sources) {
    if (!source.parsed || CONFIG_FILE_NAMES.includes(path.basename(source.file)) || isTopLevelSequence(source)) continue;
    pipelineFiles++;
    // validate has checked every pipeline already; one is checked again only when it has a plan to check.
    if (planFile === undefined && !(isRecord(source.value) && 'plan' in source.value)) continue;
    // The pipeline's own problems are validate's to report; its plan is checked once it loads.
    const checked = await checkPipelineSource(source, { cwd, config: null });
    if (checked.pipeline !== undefined) pipelines.push({ pipeline: checked.pipeline, source });
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
