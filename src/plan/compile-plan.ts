// The plan compiler: the model's raw reply (or parsed JSON) plus the pipeline's tools in, a checked
// StepGraph or every problem found out. Nothing runs that did not pass through here.

import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ToolSpec } from '../pipeline/types.ts';
import { checkArgumentSafety } from './argument-safety.ts';
import { checkArguments, quoteName } from './check-arguments.ts';
import { checkPlanStructure, checkReplySize } from './check-plan-input.ts';
import { extractPlanJson } from './extract-plan-json.ts';
import { foreignReferenceFinder } from './foreign-references.ts';
import { orderSteps } from './graph-order.ts';
import {
  defaultPlanLimits,
  type CompileResult,
  type CompiledStep,
  type OutputReference,
  type PlanLimits,
  type PlanProblem,
  type PlanStep,
  type StepGraph,
} from './plan-types.ts';
import { scanReferences } from './references.ts';
import { closestMatch } from '../source/did-you-mean.ts';
import { planStepValidator } from '../source/project-schemas.ts';

/** Generated at build time (npm run generate:validators): loading the compiler compiles no schema. */
const stepValidator: ValidateFunction = planStepValidator();
function validateStep(raw: unknown): boolean {
  return stepValidator(raw);
}
const stepFields = ['id', 'action', 'tool', 'args', 'dependsOn'];

export interface CompileOptions {
  readonly limits?: Partial<PlanLimits>;
  /** The run's workspace: when given, `format: path` arguments are also checked against it (lexically; the runner checks the disk). */
  readonly workspace?: string;
  /** The pipeline's writable folders (normalized): `writes: true` path arguments must lead into one. Default out. */
  readonly writable?: readonly string[];
}

/** Compile a model reply (text) or an already parsed plan into a StepGraph. */
export function compilePlan(reply: string | unknown, tools: readonly ToolSpec[], options: CompileOptions = {}): CompileResult {
  const limits = { ...defaultPlanLimits, ...options.limits };
  let plan: unknown = reply;
  if (typeof reply === 'string') {
    const tooLarge = checkReplySize(reply, limits.maxPlanBytes);
    if (tooLarge) return { ok: false, problems: [tooLarge] };
    const extracted = extractPlanJson(reply);
    if (!extracted.ok) return { ok: false, problems: [extracted.problem] };
    plan = extracted.value;
  }
  // Room for {"steps": [{"args": …}]} around the deepest arguments allowed.
  const structureProblems = checkPlanStructure(plan, Math.max(limits.maxPlanDepth, limits.maxArgumentDepth + 4));
  if (structureProblems.length > 0) return { ok: false, problems: structureProblems };
  const toolsByName = new Map(tools.map((tool) => [tool.name, tool]));
  const problems: PlanProblem[] = [];

  if (plan === null || typeof plan !== 'object' || Array.isArray(plan) || !Array.isArray((plan as { steps?: unknown }).steps)) {
    const shape = Array.isArray(plan) ? 'a JSON array' : plan === null || typeof plan !== 'object' ? `a JSON ${typeof plan}` : 'an object without a "steps" array';
    return { ok: false, problems: [{ code: 'plan-shape', message: `the plan must be a JSON object {"steps": [...]}, got ${shape}` }] };
  }
  for (const key of Object.keys(plan)) {
    if (key !== 'steps') problems.push({ code: 'plan-shape', message: `the plan has an unknown field "${key}"; a plan has only "steps"` });
  }
  const rawSteps = (plan as { steps: unknown[] }).steps;
  if (rawSteps.length === 0) return { ok: false, problems: [...problems, { code: 'empty-plan', message: 'the plan has no steps' }] };
  if (rawSteps.length > limits.maxSteps) {
    return {
      ok: false,
      problems: [...problems, { code: 'too-many-steps', message: `the plan has ${rawSteps.length} steps; this pipeline allows at most ${limits.maxSteps} (planning.maxSteps)` }],
    };
  }

  // 1. Shape of each step, and ids.
  const steps: PlanStep[] = [];
  const firstIndexOfId = new Map<string, number>();
  rawSteps.forEach((raw, index) => {
    const rawId = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'number' || typeof rawId === 'string' ? String(rawId) : undefined;
    const label = id !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? `step ${id}` : `step #${index + 1}`;
    if (!validateStep(raw)) {
      // A dependsOn entry that is not a step id is reported below as a dangling dependency.
      const errors = collapseAlternatives(stepValidator.errors ?? []).filter((error) => !isNamedDependency(error, raw));
      for (const error of errors) problems.push({ code: 'step-shape', ...(id !== undefined ? { stepId: id } : {}), message: describeShapeError(label, error) });
      // With only unknown fields or such entries the step is still readable: check the rest of it too, so the model sees every problem at once.
      const readable = errors.every((error) => error.keyword === 'additionalProperties' && error.instancePath === '');
      if (!readable) {
        if (id === undefined || firstIndexOfId.has(id)) return;
        firstIndexOfId.set(id, index);
        return;
      }
    }
    const step = raw as { id: number | string; action?: string; tool: string; args?: Record<string, unknown>; dependsOn?: (number | string)[] };
    const stepId = String(step.id);
    const first = firstIndexOfId.get(stepId);
    if (first !== undefined) {
      problems.push({ code: 'duplicate-id', stepId, message: `duplicate step id ${stepId}: steps #${first + 1} and #${index + 1} both use it; ids must be unique` });
      return;
    }
    firstIndexOfId.set(stepId, index);
    steps.push({ id: stepId, action: step.action ?? '', tool: step.tool, args: step.args ?? {}, dependsOn: (step.dependsOn ?? []).map(String) });
  });
  const knownIds = new Set(firstIndexOfId.keys());

  // 2. Tools, arguments, references and explicit dependencies of each well-formed step.
  const needsById = new Map<string, string[]>();
  const referencesById = new Map<string, OutputReference[]>();
  const findForeignReferences = foreignReferenceFinder(steps);
  for (const step of steps) {
    const tool = toolsByName.get(step.tool);
    const label = tool ? `step ${step.id} (${tool.name})` : `step ${step.id}`;
    if (!tool) {
      const guess = closestMatch(step.tool, toolsByName.keys());
      const hint = guess ? `did you mean "${guess}"? ` : '';
      problems.push({ code: 'unknown-tool', stepId: step.id, message: `${label}: unknown tool ${quoteName(step.tool)} (${hint}declared tools: ${[...toolsByName.keys()].join(', ')})` });
    } else {
      // Oversized arguments are not worth validating further (and could be slow to).
      const limitProblems = checkLimits(label, step, limits);
      problems.push(...(limitProblems.length > 0 ? limitProblems : [...checkArguments(label, step.id, tool, step.args), ...checkArgumentSafety(label, step.id, tool, step.args, options)]));
    }
    const scan = scanReferences(step.args);
    for (const text of scan.malformed) {
      problems.push({ code: 'dangling-reference', stepId: step.id, message: `${label}: ${quoteName(text)} is not a valid reference; write \${steps.<id>.output} or \${steps.<id>.output.<field>}` });
    }
    problems.push(...findForeignReferences(label, step));
    const needs: string[] = [];
    for (const reference of scan.references) {
      if (reference.stepId === step.id) {
        problems.push({ code: 'self-reference', stepId: step.id, message: `${label}: ${reference.text} refers to this step's own output` });
      } else if (!knownIds.has(reference.stepId)) {
        problems.push({ code: 'dangling-reference', stepId: step.id, message: `${label}: ${reference.text} refers to step ${reference.stepId}, but the plan has no step ${reference.stepId} (steps: ${listIds(knownIds)})` });
      } else {
        needs.push(reference.stepId);
      }
    }
    for (const dep of step.dependsOn) {
      if (dep === step.id) problems.push({ code: 'self-reference', stepId: step.id, message: `${label}: dependsOn lists the step itself` });
      else if (!knownIds.has(dep)) problems.push({ code: 'dangling-dependency', stepId: step.id, message: describeDanglingDependency(label, dep, steps, knownIds) });
      else needs.push(dep);
    }
    needsById.set(step.id, [...new Set(needs)]);
    referencesById.set(step.id, scan.references);
  }

  // 3. Paths into outputs that are not JSON.
  const stepsById = new Map(steps.map((step) => [step.id, step]));
  for (const step of steps) {
    for (const reference of referencesById.get(step.id)!) {
      const target = stepsById.get(reference.stepId);
      const targetTool = target && toolsByName.get(target.tool);
      if (reference.path.length > 0 && targetTool && targetTool.output !== 'json') {
        problems.push({
          code: 'path-into-non-json',
          stepId: step.id,
          message: `step ${step.id}: ${reference.text} reads a field, but step ${reference.stepId}'s tool "${targetTool.name}" gives ${targetTool.output} output, not json; use \${steps.${reference.stepId}.output}`,
        });
      }
    }
  }

  // 4. Cycles (only among steps whose edges are known).
  const graphOrder = orderSteps(needsById);
  for (const cycle of graphOrder.cycles) {
    problems.push({ code: 'cycle', stepId: cycle[0]!, message: `cycle: ${cycle.join(' → ')} (each step needs the output of the one before it, so none can start)` });
  }

  if (problems.length > 0 || !graphOrder.order) {
    // Read in plan order: problems of the plan as a whole first, then step by step.
    const rank = (problem: PlanProblem) => (problem.stepId === undefined ? -1 : (firstIndexOfId.get(problem.stepId) ?? -1));
    return { ok: false, problems: problems.map((problem, index) => ({ problem, index })).sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index).map(({ problem }) => problem) };
  }
  return { ok: true, graph: buildGraph(steps, toolsByName, needsById, referencesById, graphOrder.order, graphOrder.levels!) };
}

function buildGraph(
  steps: readonly PlanStep[],
  toolsByName: ReadonlyMap<string, ToolSpec>,
  needsById: ReadonlyMap<string, string[]>,
  referencesById: ReadonlyMap<string, OutputReference[]>,
  order: readonly string[],
  levels: ReadonlyMap<string, number>,
): StepGraph {
  let maxLevel = 0;
  const compiled: CompiledStep[] = steps.map((step) => {
    const level = levels.get(step.id)!;
    maxLevel = Math.max(maxLevel, level);
    return Object.freeze({
      ...step,
      toolSpec: toolsByName.get(step.tool)!,
      needs: Object.freeze(needsById.get(step.id)!),
      references: Object.freeze(referencesById.get(step.id)!),
      level,
    });
  });
  return Object.freeze({
    steps: Object.freeze(compiled),
    byId: new Map(compiled.map((step) => [step.id, step])),
    order: Object.freeze([...order]),
    criticalPathLength: maxLevel + 1,
    lastStepId: compiled[compiled.length - 1]!.id,
  });
}

/** A model that writes a step's tool or action where dependsOn wants its id gets the id. */
function describeDanglingDependency(label: string, dep: string, steps: readonly PlanStep[], knownIds: ReadonlySet<string>): string {
  const name = normalizeName(dep);
  const meant = name === '' ? [] : steps.filter((step) => normalizeName(step.tool) === name || normalizeName(step.action) === name);
  if (meant.length > 0) {
    const what = meant.every((step) => step.tool === meant[0]!.tool) ? `the ${meant[0]!.tool} step${meant.length > 1 ? 's' : ''}` : 'the steps named so';
    return `${label}: dependsOn ${quoteName(dep)}, but dependsOn lists step ids: did you mean ${meant.map((step) => step.id).join(' or ')} (${what})?`;
  }
  if (/^\d+$/.test(dep)) return `${label}: dependsOn ${dep}, but the plan has no step ${dep}`;
  return `${label}: dependsOn ${quoteName(dep)}, but the plan has no step with that id (steps: ${listIds(knownIds)})`;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** dependsOn holds something other than a step id, but a string or number that can be named in a message. */
function isNamedDependency(error: ErrorObject, raw: unknown): boolean {
  const entry = /^\/dependsOn\/(\d+)$/.exec(error.instancePath);
  if (!entry) return false;
  const value = ((raw as { dependsOn: unknown[] }).dependsOn)[Number(entry[1])];
  return typeof value === 'string' || typeof value === 'number';
}

function listIds(ids: ReadonlySet<string>): string {
  const shown = [...ids].slice(0, 12);
  return ids.size > shown.length ? `${shown.join(', ')}, … ${ids.size} in all` : shown.join(', ');
}

function checkLimits(label: string, step: PlanStep, limits: PlanLimits): PlanProblem[] {
  const bytes = Buffer.byteLength(JSON.stringify(step.args));
  if (bytes > limits.maxArgumentBytes) {
    return [{ code: 'arguments-too-large', stepId: step.id, message: `${label}: the arguments are ${bytes} bytes; at most ${limits.maxArgumentBytes} are allowed` }];
  }
  const depth = nestingDepth(step.args);
  if (depth > limits.maxArgumentDepth) {
    return [{ code: 'arguments-too-deep', stepId: step.id, message: `${label}: the arguments nest ${depth} levels deep; at most ${limits.maxArgumentDepth} are allowed` }];
  }
  return [];
}

function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const item of Object.values(current)) stack.push([item, depth + 1]);
  }
  return deepest;
}

/** ajv reports each failed branch of an anyOf too; keep only the anyOf itself at that path. */
function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  return errors.filter((error) => error.keyword === 'anyOf' || !anyOfPaths.has(error.instancePath));
}

function describeShapeError(label: string, error: ErrorObject): string {
  const field = error.instancePath.split('/').filter(Boolean).join('.');
  switch (error.keyword) {
    case 'required':
      return `${label}: missing "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      return `${label}: unknown field ${quoteName(extra)} (a step has: ${stepFields.join(', ')})`;
    }
    case 'type':
      if (field === '') return `${label}: a step must be an object {"id", "action", "tool", "args"}`;
      return `${label}: "${field}" must be ${(error.params as { type: string }).type}`;
    case 'anyOf':
    case 'pattern':
      return `${label}: "${field}" must be an integer or a name of letters, digits, "_" and "-"`;
    default:
      return `${label}: "${field}" ${error.message ?? 'is invalid'}`;
  }
}
