// Loads a pipeline file into the typed Pipeline: YAML with positions, the schema, imported tool
// files, prompt files, templates and project config; every problem of every file is reported at once.

import path from 'node:path';
import { loadProjectConfig } from '../config/load-config.ts';
import type { ProjectConfig } from '../config/load-config.ts';
import { mergeSettings, settingsLayerFrom } from '../config/settings-layer.ts';
import { closestMatch, didYouMeanSuffix } from '../source/did-you-mean.ts';
import { DiagnosticError } from '../source/diagnostic.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { projectSchemaValidator } from '../source/project-schemas.ts';
import { checkSchemaDetailed, describePath, isFailingAtOrBelow } from '../source/schema-check.ts';
import { diagnosticAt, readYamlSource, sortByPosition } from '../source/yaml-source.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';
import { BUILTIN_TOOLS } from './builtin-tools.ts';
import { resolveInputs } from './inputs.ts';
import { resolvePipelineTests } from './pipeline-tests.ts';
import { readPrompts } from './prompts.ts';
import { resolveTools } from './resolve-tools.ts';
import { undeclaredSecrets } from './secrets.ts';
import { scanTemplate } from '../prompt/template-check.ts';
import { positionInScalar } from '../source/scalar-positions.ts';
import { atPlaceholder, checkTemplatePlaceholders, firstUseOfEach } from '../tools/check-template-placeholders.ts';
import type { PlaceholderField } from '../tools/check-template-placeholders.ts';
import { isRecord } from './tool-declaration.ts';
import type { Pipeline } from './types.ts';
import { resolveWritable } from './writable.ts';

export interface LoadPipelineOptions {
  /** Directory relative paths and shown paths are taken from; default process.cwd(). */
  readonly cwd?: string;
  /** Project defaults. Undefined: search planexec.config.yaml from `cwd` upward. Null: use none. */
  readonly config?: ProjectConfig | null;
}

/** The pipeline in `file`; throws DiagnosticError with every problem in it, its tool files and the config. */
export async function loadPipeline(file: string, options: LoadPipelineOptions = {}): Promise<Pipeline> {
  const cwd = options.cwd ?? process.cwd();
  const source = await readYamlSource(file, cwd);
  const { pipeline, diagnostics } = await checkPipelineSource(source, { ...options, cwd });
  if (pipeline === undefined) throw new DiagnosticError(diagnostics);
  return pipeline;
}

/** Every problem of a read pipeline file (and what it imports), and the pipeline when none is an error. */
export async function checkPipelineSource(
  source: YamlSource,
  options: LoadPipelineOptions & { readonly cwd: string },
): Promise<{ readonly pipeline?: Pipeline; readonly diagnostics: readonly Diagnostic[] }> {
  const { cwd } = options;
  const byFile = new Map<string, Diagnostic[]>([[source.displayPath, []]]);
  const report = (diagnostics: readonly Diagnostic[]): void => {
    for (const d of diagnostics) {
      const list = byFile.get(d.file) ?? [];
      list.push(d);
      byFile.set(d.file, list);
    }
  };
  const configDiagnostics: Diagnostic[] = [];
  const config = await resolveConfig(options.config, cwd, configDiagnostics);

  report(source.diagnostics);
  let pipeline: Pipeline | undefined;
  if (source.parsed) pipeline = await checkParsedPipeline(source, cwd, config, report);
  report(configDiagnostics);

  const diagnostics = [...byFile.values()].flatMap(sortByPosition);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return { pipeline: pipeline && (warnings.length > 0 ? { ...pipeline, warnings } : pipeline), diagnostics };
}

async function resolveConfig(option: ProjectConfig | null | undefined, cwd: string, problems: Diagnostic[]): Promise<ProjectConfig | undefined> {
  if (option !== undefined) return option ?? undefined;
  try {
    const config = await loadProjectConfig(cwd);
    problems.push(...(config?.warnings ?? []));
    return config;
  } catch (error) {
    if (!(error instanceof DiagnosticError)) throw error;
    problems.push(...error.diagnostics);
    return undefined;
  }
}

async function checkParsedPipeline(
  source: YamlSource,
  cwd: string,
  config: ProjectConfig | undefined,
  report: (d: readonly Diagnostic[]) => void,
): Promise<Pipeline> {
  const schema = checkSchemaDetailed(projectSchemaValidator('pipeline'), source);
  report(schema.diagnostics);
  const raw = isRecord(source.value) ? source.value : {};

  const inputs = resolveInputs(source, raw.inputs, schema.failingPaths);
  report(inputs.diagnostics);
  const inputNames = Object.keys(isRecord(raw.inputs) ? raw.inputs : {});
  const inputsShape = { names: inputNames };
  report(checkTemplate(source, ['task'], raw.task, { reader: 'the task', roots: { inputs: inputsShape } }, schema.failingPaths));
  // What run-loop.ts renders the result with: checked now, not after the run has spent its model calls.
  const resultRoots = { inputs: inputsShape, steps: { entryFields: ['output'] }, last: {} };
  report(checkTemplate(source, ['result'], raw.result, { reader: 'the result template', roots: resultRoots }, schema.failingPaths));

  const tools = await resolveTools(source, raw.tools, schema.failingPaths, cwd);
  report(tools.diagnostics);
  const secrets = Array.isArray(raw.secrets) && !isFailingAtOrBelow(schema.failingPaths, ['secrets']) ? (raw.secrets as string[]) : [];
  report(undeclaredSecrets(tools.tools, secrets));
  const writable = resolveWritable(source, raw.writable, schema.failingPaths);
  report(writable.diagnostics);
  const prompts = await readPrompts(source, raw.prompts, inputNames, cwd);
  report(prompts.diagnostics);

  // Only used when nothing above was an error, i.e. when `raw` is schema-valid.
  const schemaValid = !schema.diagnostics.some((d) => d.severity === 'error');
  const settings = !schemaValid
    ? mergeSettings()
    : mergeSettings(config, settingsLayerFrom(raw, path.dirname(source.file)));
  const tests = await resolvePipelineTests(source, raw.tests, schema.failingPaths, inputs.inputs, schemaValid ? settings.model.replay : null, raw.plan !== undefined);
  report(tests.diagnostics);
  return {
    file: source.file,
    displayPath: source.displayPath,
    version: 1,
    name: raw.name as string,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    task: typeof raw.task === 'string' ? raw.task : fixedPlanTask(raw.name),
    inputs: inputs.inputs,
    ...(secrets.length > 0 ? { secrets: [...secrets] } : {}),
    writable: writable.writable,
    model: settings.model,
    tools: [...tools.tools, ...BUILTIN_TOOLS],
    prompts: prompts.prompts,
    planning: settings.planning,
    replan: settings.replan,
    budget: settings.budget,
    execution: settings.execution,
    policy: settings.policy,
    ...(typeof raw.result === 'string' ? { result: raw.result } : {}),
    ...(raw.resultFormat === 'markdown' || raw.resultFormat === 'text' ? { resultFormat: raw.resultFormat } : {}),
    ...(isRecord(raw.plan) && Array.isArray(raw.plan.steps) ? { plan: { steps: raw.plan.steps } } : {}),
    ...(raw.approve === true ? { approve: true } : {}),
    ...(tests.tests ? { tests: tests.tests } : {}),
  };
}

/** What replanning is told the goal is when a pipeline with a fixed plan has no task (quoted as data: no Handlebars). */
function fixedPlanTask(name: unknown): string {
  // The loader builds a pipeline from a broken file too (to gather every problem); it is never used then.
  const quoted = typeof name === 'string' ? ` ${JSON.stringify(name).replace(/[{}]/g, '')}` : '';
  return `Carry out the fixed plan of the pipeline${quoted}: run its steps and produce the result of its last step.`;
}

/**
 * A Handlebars template field (task, result) must parse, read only the data it is rendered with
 * (`roots`), and its `{{inputs.X}}` must be declared.
 */
function checkTemplate(
  source: YamlSource,
  at: InstancePath,
  template: unknown,
  data: Pick<PlaceholderField, 'reader' | 'roots'>,
  failingPaths: readonly InstancePath[],
): Diagnostic[] {
  if (typeof template !== 'string' || isFailingAtOrBelow(failingPaths, at)) return [];
  const field = String(at[at.length - 1]);
  const scan = scanTemplate(template);
  const placeholders = checkTemplatePlaceholders(template, scan, { label: field, ...data, prose: true }, (offset) => positionInScalar(source, at, offset));
  if (!scan.ok) return placeholders.diagnostics.length > 0 ? placeholders.diagnostics : [diagnosticAt(source, at, `${describePath(at)} is not a valid Handlebars template: ${scan.error}`)];
  const inputNames = data.roots.inputs?.names ?? [];
  const outside = scan.placeholders.filter((path) => !placeholders.foreign.some((found) => path.start < found.end && found.start < path.end));
  const undeclared = firstUseOfEach(outside, 'inputs')
    .filter((path) => !inputNames.includes(path.parts[1]!))
    .map((path) => {
      const name = path.parts[1]!;
      const match = closestMatch(name, inputNames);
      const message = `${field} placeholder {{inputs.${name}}} names no declared input${didYouMeanSuffix(name, inputNames)}`;
      return atPlaceholder(template, path, message, match && `inputs.${match}`, (offset) => positionInScalar(source, at, offset));
    });
  return [...placeholders.diagnostics, ...undeclared];
}
