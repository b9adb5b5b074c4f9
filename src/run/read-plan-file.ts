// Plans written ahead of a run, read with their positions: a plan file (`plan --out`, `run --plan`),
// or the fixed `plan:` of a pipeline file. Problems of the file itself (JSON syntax, its shape, a plan
// made for another pipeline) are diagnostics at their line:col; its steps are checked by compile-static-plan.

import { jsonSyntaxProblem } from '../llm/recording-file.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { DiagnosticError, type Diagnostic } from '../source/diagnostic.ts';
import { isRecord } from '../source/is-record.ts';
import { parseYamlSource, positionAt, readSourceText, readYamlSourceSync, displayPathFor, type YamlSource } from '../source/yaml-source.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import type { StaticPlanSource } from './compile-static-plan.ts';
import path from 'node:path';

/** The plan file format: the plan (schemas/plan.schema.json) and the name of the pipeline it was made for. */
export interface PlanFile {
  readonly pipeline: string;
  readonly steps: readonly unknown[];
}

/** The steps of a plan file, positioned in it; throws DiagnosticError for an unreadable or malformed file, or one made for another pipeline. */
export async function readPlanFile(file: string, cwd: string, pipeline: Pick<Pipeline, 'name' | 'displayPath'>): Promise<StaticPlanSource & { readonly displayPath: string }> {
  const absolute = path.resolve(cwd, file);
  const displayPath = displayPathFor(absolute, cwd);
  const read = await readSourceText(absolute);
  const fail = (message: string, at: { line: number; col: number } = { line: 1, col: 1 }): never => {
    throw new DiagnosticError([{ file: displayPath, ...at, severity: 'error', message }]);
  };
  if (!read.ok) return fail(`cannot read the plan file: ${read.error.replace(/^cannot read file: /, '')}`, read.at);
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (error) {
    const problem = jsonSyntaxProblem(read.text, error instanceof Error ? error.message : String(error));
    return fail(`not valid JSON: ${problem.reason}`, problem);
  }
  // JSON is YAML: the YAML reader gives the position of every node of the file.
  const source = parseYamlSource(read.text, absolute, displayPath);
  const at = (instancePath: readonly (string | number)[], message: string): Diagnostic => ({ ...positionAt(source, instancePath), severity: 'error', message });
  if (!isRecord(value) || !Array.isArray(value.steps)) return fail('a plan file must be a JSON object {"pipeline": "<name>", "steps": [...]} (what planexec plan --out writes)');
  const problems: Diagnostic[] = [];
  for (const key of Object.keys(value)) {
    if (key !== 'steps' && key !== 'pipeline') problems.push({ ...positionAt(source, [key], 'key'), severity: 'error', message: `unknown field "${key}"; a plan file has "pipeline" and "steps"` });
  }
  if (value.pipeline !== undefined && typeof value.pipeline !== 'string') problems.push(at(['pipeline'], '"pipeline" must be the name of a pipeline (a string)'));
  else if (typeof value.pipeline === 'string' && value.pipeline !== pipeline.name) {
    problems.push(at(['pipeline'], `this plan was made for the pipeline "${value.pipeline}", not "${pipeline.name}" (${pipeline.displayPath}); make one for it with planexec plan ${pipeline.displayPath} --out <file>, or change "pipeline" if this plan is meant for it`));
  }
  if (problems.length > 0) throw new DiagnosticError(problems);
  return { steps: value.steps, positionOf: (instancePath, target) => positionAt(source, instancePath, target), displayPath };
}

/** The fixed `plan:` of a pipeline, positioned in `source`, the pipeline file as read (validate has it at hand). */
export function planSourceIn(source: YamlSource, pipeline: Pipeline & { readonly plan: NonNullable<Pipeline['plan']> }): StaticPlanSource {
  return { steps: pipeline.plan.steps, positionOf: (instancePath, target) => ({ ...positionAt(source, ['plan', ...instancePath], target), file: pipeline.displayPath }) };
}

/**
 * The fixed `plan:` of a pipeline, positioned in the pipeline file: read again only when a problem
 * needs its line:col, so a run (or a batch row) whose plan fits reads and parses nothing more.
 */
export function inlinePlanSource(pipeline: Pipeline & { readonly plan: NonNullable<Pipeline['plan']> }, cwd: string): StaticPlanSource {
  let positioned: StaticPlanSource | undefined;
  return {
    steps: pipeline.plan.steps,
    positionOf: (instancePath, target) => (positioned ??= planSourceIn(readYamlSourceSync(pipeline.file, cwd), pipeline)).positionOf(instancePath, target),
  };
}

/** What `plan --out` writes: the pipeline's name, then the steps in the plan format (ids as written, `dependsOn` only where given). */
export function formatPlanFile(pipelineName: string, graph: StepGraph, redact: (value: unknown) => unknown = (value) => value): string {
  const steps = graph.steps.map((step) => ({
    id: /^(0|[1-9]\d{0,14})$/.test(step.id) ? Number(step.id) : step.id,
    action: step.action,
    tool: step.tool,
    args: step.args,
    ...(step.dependsOn.length > 0 ? { dependsOn: step.dependsOn.map((id) => (/^(0|[1-9]\d{0,14})$/.test(id) ? Number(id) : id)) } : {}),
  }));
  const file: PlanFile = { pipeline: pipelineName, steps: redact(steps) as unknown[] };
  return `${JSON.stringify(file, null, 2)}\n`;
}
