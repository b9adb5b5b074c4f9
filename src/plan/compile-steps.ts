// The plan compiler's work on the steps, kept as a state that grows a step at a time: `add` checks a
// step alone (its shape, id, tool, arguments, reference syntax), `finish` runs the checks that need the
// whole plan (references and dependencies by id, paths into outputs, foreign references, cycles).
// compilePlan adds a whole plan's steps at once; a plan read as it streams adds each as it arrives,
// so the steps are checked once either way and the final compile only does the whole-plan part.

import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ToolSpec } from '../pipeline/types.ts';
import { withoutAbsentNulls } from './absent-nulls.ts';
import { checkArgumentSafety } from './argument-safety.ts';
import { checkArgumentsAndPaths, quoteName } from './check-arguments.ts';
import { checkDataFlow, type TrustLabels } from './data-flow.ts';
import { foreignReferenceFinder, mayHoldForeignReferences } from './foreign-references.ts';
import { orderSteps } from './graph-order.ts';
import type { CompileResult, CompiledStep, OutputReference, PlanLimits, PlanProblem, PlanStep, StepGraph } from './plan-types.ts';
import { scanReferences } from './references.ts';
import { suggestTools, type DescribedTool } from './suggest-tool.ts';
import { planStepValidator } from '../source/project-schemas.ts';

/** Generated at build time (npm run generate:validators): loading the compiler compiles no schema. */
const stepValidator: ValidateFunction = planStepValidator();
function validateStep(raw: unknown): boolean {
  return stepValidator(raw);
}
const stepFields = ['id', 'action', 'tool', 'args', 'dependsOn'];

/** What checking one step alone found. */
export interface CheckedStep {
  /** Its problems of shape and id (the first pass over the plan). */
  readonly shapeProblems: readonly PlanProblem[];
  /** Set when the step is well formed enough to check further (its id is its own). */
  readonly step?: PlanStep;
  readonly tool?: ToolSpec;
  /** `step 3 (search)`, as its messages name it. */
  readonly label: string;
  /** Its problems of tool and arguments, and malformed references: those it has on its own. */
  readonly ownProblems: readonly PlanProblem[];
  readonly references: readonly OutputReference[];
  /** Some string argument could be a foreign reference (read against the plan in `finish`). */
  readonly mayHoldForeignReferences: boolean;
}

export class StepCompilation {
  readonly #tools: ReadonlyMap<string, ToolSpec>;
  /** The tools as "did you mean" reads them; one array per compilation, so their words are split once. */
  readonly #described: readonly DescribedTool[];
  readonly #limits: PlanLimits;
  readonly #safety: { readonly workspace?: string; readonly writable?: readonly string[] };
  readonly #untrustedFlow: 'reject' | 'ask';
  readonly #firstIndexOfId = new Map<string, number>();
  readonly #checked: CheckedStep[] = [];

  constructor(tools: readonly ToolSpec[], limits: PlanLimits, safety: { readonly workspace?: string; readonly writable?: readonly string[]; readonly untrustedFlow?: 'reject' | 'ask' } = {}) {
    this.#untrustedFlow = safety.untrustedFlow ?? 'reject';
    this.#tools = new Map(tools.map((tool) => [tool.name, tool]));
    this.#described = tools;
    this.#limits = limits;
    this.#safety = { ...(safety.workspace !== undefined ? { workspace: safety.workspace } : {}), ...(safety.writable !== undefined ? { writable: safety.writable } : {}) };
  }

  /** Ids of the steps added so far, each with the position of its first step. */
  get ids(): ReadonlyMap<string, number> {
    return this.#firstIndexOfId;
  }

  /** Check the plan's next step alone, against the ids of the steps before it. */
  add(raw: unknown): CheckedStep {
    const checked = this.#check(raw, this.#checked.length);
    this.#checked.push(checked);
    return checked;
  }

  #check(raw: unknown, index: number): CheckedStep {
    const shapeProblems: PlanProblem[] = [];
    const rawId = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'number' || typeof rawId === 'string' ? String(rawId) : undefined;
    const shapeLabel = () => (id !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? `step ${id}` : `step #${index + 1}`);
    const unchecked = () => ({ shapeProblems, label: shapeLabel(), ownProblems: [], references: [], mayHoldForeignReferences: false });
    if (!validateStep(raw)) {
      // A dependsOn entry that is not a step id is reported by `finish` as a dangling dependency.
      const errors = collapseAlternatives(stepValidator.errors ?? []).filter((error) => !isNamedDependency(error, raw));
      for (const error of errors) shapeProblems.push({ code: 'step-shape', ...(id !== undefined ? { stepId: id } : {}), message: describeShapeError(shapeLabel(), error) });
      // With only unknown fields or such entries the step is still readable: check the rest of it too, so the model sees every problem at once.
      const readable = errors.every((error) => error.keyword === 'additionalProperties' && error.instancePath === '');
      if (!readable) {
        if (id !== undefined && !this.#firstIndexOfId.has(id)) this.#firstIndexOfId.set(id, index);
        return unchecked();
      }
    }
    const written = raw as { id: number | string; action?: string; tool: string; args?: Record<string, unknown>; dependsOn?: (number | string)[] };
    const stepId = String(written.id);
    const first = this.#firstIndexOfId.get(stepId);
    if (first !== undefined) {
      shapeProblems.push({ code: 'duplicate-id', stepId, message: `duplicate step id ${stepId}: steps #${first + 1} and #${index + 1} both use it; ids must be unique` });
      return unchecked();
    }
    this.#firstIndexOfId.set(stepId, index);
    let step: PlanStep = { id: stepId, action: written.action ?? '', tool: written.tool, args: written.args ?? {}, dependsOn: (written.dependsOn ?? []).map(String) };

    const ownProblems: PlanProblem[] = [];
    const tool = this.#tools.get(step.tool);
    const label = tool ? `step ${step.id} (${tool.name})` : `step ${step.id}`;
    // Oversized arguments are not worth validating further (and could be slow to).
    const limitProblems = tool ? checkLimits(label, step, this.#limits) : [];
    // Within the limits, an optional argument written as null (strict structured output writes every one) is left out.
    if (tool && limitProblems.length === 0) step = { ...step, args: withoutAbsentNulls(tool.args, step.args) };
    if (!tool) {
      const guesses = suggestTools(step.tool, this.#described);
      const hint = guesses.length > 0 ? `did you mean ${guesses.map((name) => `"${name}"`).join(' or ')}? ` : '';
      ownProblems.push({ code: 'unknown-tool', stepId: step.id, message: `${label}: unknown tool ${quoteName(step.tool)} (${hint}declared tools: ${[...this.#tools.keys()].join(', ')})` });
    } else {
      if (limitProblems.length > 0) ownProblems.push(...limitProblems);
      else {
        const checked = checkArgumentsAndPaths(label, step.id, tool, step.args);
        ownProblems.push(...checked.problems, ...checkArgumentSafety(label, step.id, tool, step.args, checked.paths, this.#safety));
      }
    }
    const scan = scanReferences(step.args);
    for (const text of scan.malformed) {
      ownProblems.push({ code: 'dangling-reference', stepId: step.id, message: `${label}: ${quoteName(text)} is not a valid reference; write \${steps.<id>.output} or \${steps.<id>.output.<field>}` });
    }
    return { shapeProblems, step, tool, label, ownProblems, references: scan.references, mayHoldForeignReferences: mayHoldForeignReferences(step.args) };
  }

  /**
   * The whole plan's checks, over every step added; `planProblems` (the plan's own, such as unknown
   * fields) come first. `joined`: the plan's first steps, each already compiled with the steps before
   * it (a streamed plan's prefix): their references and dependencies need no second look, and their
   * compiled form is kept.
   */
  finish(planProblems: readonly PlanProblem[] = [], joined: readonly CompiledStep[] = []): CompileResult {
    const checkedSteps = this.#checked.filter((checked): checked is CheckedStep & { step: PlanStep } => checked.step !== undefined);
    const steps = checkedSteps.map((checked) => checked.step);
    const knownIds = this.#firstIndexOfId;
    const problems: PlanProblem[] = [...planProblems];
    for (const checked of this.#checked) for (const problem of checked.shapeProblems) problems.push(problem);

    // Tools, arguments, references and explicit dependencies of each well-formed step.
    const needsById = new Map<string, readonly string[]>();
    const findForeignReferences = foreignReferenceFinder(steps);
    for (let position = 0; position < checkedSteps.length; position++) {
      const checked = checkedSteps[position]!;
      const { step, label, references } = checked;
      for (const problem of checked.ownProblems) problems.push(problem);
      if (checked.mayHoldForeignReferences) for (const problem of findForeignReferences(label, step)) problems.push(problem);
      if (position < joined.length) {
        needsById.set(step.id, joined[position]!.needs);
        continue;
      }
      const needs: string[] = [];
      for (const reference of references) {
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
      needsById.set(step.id, onceEach(needs));
    }

    // Paths into outputs that are not JSON.
    // A step id's first step (an unreadable one has no tool): the target of references to that id.
    const targetToolOf = (id: string) => {
      const index = this.#firstIndexOfId.get(id);
      return index === undefined ? undefined : this.#checked[index]!.tool;
    };
    for (const { step, references } of checkedSteps.slice(joined.length)) {
      for (const reference of references) {
        const targetTool = targetToolOf(reference.stepId);
        if (reference.path.length > 0 && targetTool && targetTool.output !== 'json') problems.push(pathIntoNonJson(step.id, reference, targetTool));
      }
    }

    // Cycles (only among steps whose edges are known).
    const graphOrder = orderSteps(needsById);
    for (const cycle of graphOrder.cycles) {
      problems.push({ code: 'cycle', stepId: cycle[0]!, message: `cycle: ${cycle.join(' → ')} (each step needs the output of the one before it, so none can start)` });
    }

    // The data-flow policy, over the steps in an order where each comes after what it reads.
    let flow: ReturnType<typeof checkDataFlow> | undefined;
    if (graphOrder.order) {
      const ordered: (CheckedStep & { step: PlanStep; tool: ToolSpec })[] = [];
      for (const id of graphOrder.order) {
        // An id's first step is the one its references and needs name (a duplicate has no step).
        const checked = this.#checked[this.#firstIndexOfId.get(id)!]!;
        if (checked.step !== undefined && checked.tool !== undefined) ordered.push(checked as CheckedStep & { step: PlanStep; tool: ToolSpec });
      }
      flow = checkDataFlow(ordered, (checked) => checked.label);
      if (this.#untrustedFlow === 'reject') for (const problem of flow.problems) problems.push(problem);
    }

    if (problems.length > 0 || !graphOrder.order) {
      // Read in plan order: problems of the plan as a whole first, then step by step.
      const rank = (problem: PlanProblem) => (problem.stepId === undefined ? -1 : (this.#firstIndexOfId.get(problem.stepId) ?? -1));
      return { ok: false, problems: problems.map((problem, index) => ({ problem, index })).sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index).map(({ problem }) => problem) };
    }
    return { ok: true, graph: buildGraph(checkedSteps, needsById, graphOrder.order, graphOrder.levels!, joined, flow!.labels, this.#untrustedFlow === 'ask' ? flow!.problems : []) };
  }
}

/** Each id once, in the order first written. */
export function onceEach(ids: string[]): string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}

/** A reference reading a field of an output that is not JSON. */
export function pathIntoNonJson(stepId: string, reference: OutputReference, targetTool: ToolSpec): PlanProblem {
  return {
    code: 'path-into-non-json',
    stepId,
    message: `step ${stepId}: ${reference.text} reads a field, but step ${reference.stepId}'s tool "${targetTool.name}" gives ${targetTool.output} output, not json; use \${steps.${reference.stepId}.output}`,
  };
}

/** A step as the graph holds it. */
export function compiledStep(step: PlanStep, toolSpec: ToolSpec, needs: readonly string[], references: readonly OutputReference[], level: number, untrusted: boolean): CompiledStep {
  return Object.freeze({ ...step, toolSpec, needs: Object.freeze(needs), references: Object.freeze(references), level, ...(untrusted ? { untrusted: true as const } : {}) });
}

function buildGraph(
  checkedSteps: readonly (CheckedStep & { step: PlanStep })[],
  needsById: ReadonlyMap<string, readonly string[]>,
  order: readonly string[],
  levels: ReadonlyMap<string, number>,
  joined: readonly CompiledStep[],
  untrusted: TrustLabels,
  untrustedFlows: readonly PlanProblem[],
): StepGraph {
  let maxLevel = 0;
  const compiled: CompiledStep[] = checkedSteps.map(({ step, tool, references }, position) => {
    const level = levels.get(step.id)!;
    maxLevel = Math.max(maxLevel, level);
    const kept = joined[position];
    return kept?.level === level ? kept : compiledStep(step, tool!, needsById.get(step.id)!, references, level, untrusted.has(step.id));
  });
  return Object.freeze({
    steps: Object.freeze(compiled),
    byId: new Map(compiled.map((step) => [step.id, step])),
    order: Object.freeze([...order]),
    criticalPathLength: maxLevel + 1,
    lastStepId: compiled[compiled.length - 1]!.id,
    untrusted,
    untrustedFlows: Object.freeze([...untrustedFlows]),
  });
}

/** A model that writes a step's tool or action where dependsOn wants its id gets the id. */
function describeDanglingDependency(label: string, dep: string, steps: readonly PlanStep[], knownIds: ReadonlyMap<string, unknown>): string {
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

/** The plan's ids as messages list them: the first 12, then how many in all. */
function listIds(ids: ReadonlyMap<string, unknown>): string {
  const shown: string[] = [];
  for (const id of ids.keys()) {
    if (shown.length === 12) break;
    shown.push(id);
  }
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
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const key in current) {
      if (!Object.hasOwn(current, key)) continue;
      const item = (current as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') values.push(item), depths.push(depth + 1);
    }
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
