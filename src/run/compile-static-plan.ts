// A plan written ahead of the run — a pipeline's fixed `plan:` or a plan file (`run --plan`) — compiled
// against the pipeline as it is now, with the run's inputs filled in; every problem at the line:col
// of the file it was written in, so it reads like a compiler's error.

import type { Pipeline } from '../pipeline/types.ts';
import { compilePlan } from '../plan/compile-plan.ts';
import { substituteInputReferences } from '../plan/input-references.ts';
import type { PlanProblem, StepGraph } from '../plan/plan-types.ts';
import { planLimitsOf } from '../planner/plan-limits.ts';
import type { Diagnostic, SourcePosition } from '../source/diagnostic.ts';
import type { InputValue } from './resolve-inputs.ts';

type PlanPath = readonly (string | number)[];

/** A plan as written, and where each part of it is: `positionOf(['steps', 1, 'tool'])`. */
export interface StaticPlanSource {
  readonly steps: readonly unknown[];
  /** `target: 'key'`: the key of the map entry at the path (an unknown field) rather than its value. */
  readonly positionOf: (path: PlanPath, target?: 'key') => SourcePosition;
}

export type StaticPlanResult =
  | { readonly ok: true; readonly graph: StepGraph }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function compileStaticPlan(pipeline: Pipeline, plan: StaticPlanSource, inputs: Readonly<Record<string, InputValue>>): StaticPlanResult {
  const substituted = substituteInputReferences(plan.steps, inputs);
  const at = (path: PlanPath, message: string): Diagnostic => ({ ...plan.positionOf(path), severity: 'error', message });
  const diagnostics = substituted.problems.map((problem) => at(problem.path, problem.message));
  // A fixed plan may be as long as it is written: maxSteps bounds what a model may write.
  const limits = planLimitsOf(pipeline);
  const compiled = compilePlan({ steps: substituted.steps }, pipeline.tools, { ...limits, limits: { ...limits.limits, maxSteps: Math.max(plan.steps.length, pipeline.planning.maxSteps) } });
  if (!compiled.ok) {
    for (const problem of compiled.problems) {
      const where = pathOfProblem(problem, plan.steps);
      diagnostics.push({ ...plan.positionOf(where, problem.code === 'unknown-argument' ? 'key' : undefined), severity: 'error', message: problem.message });
    }
  }
  if (diagnostics.length > 0 || !compiled.ok) return { ok: false, diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.col - b.col) };
  return { ok: true, graph: compiled.graph };
}

/** Where in the plan a problem is: the step it names, and in it the field the problem is about. */
function pathOfProblem(problem: PlanProblem, steps: readonly unknown[]): PlanPath {
  const index = stepIndexOf(problem, steps);
  if (index === undefined) return ['steps'];
  const step = steps[index] as Record<string, unknown> | null;
  const base: PlanPath = ['steps', index];
  if (step === null || typeof step !== 'object') return base;
  switch (problem.code) {
    case 'unknown-tool':
      return [...base, 'tool'];
    case 'dangling-dependency':
      return [...base, 'dependsOn'];
    case 'duplicate-id':
      return [...base, 'id'];
    case 'missing-argument':
    case 'unknown-argument':
    case 'wrong-argument-type':
    case 'invalid-argument':
    case 'arguments-too-large':
    case 'arguments-too-deep': {
      const name = /argument "([^"]+)"/.exec(problem.message)?.[1];
      const args = step.args;
      if (name !== undefined && args !== null && typeof args === 'object' && Object.hasOwn(args, name)) return [...base, 'args', name];
      return 'args' in step ? [...base, 'args'] : base;
    }
    case 'dangling-reference':
    case 'self-reference':
    case 'foreign-reference':
    case 'path-into-non-json': {
      if (/dependsOn/.test(problem.message) && 'dependsOn' in step) return [...base, 'dependsOn'];
      const found = findString(step.args, (text) => problem.message.includes(text) || [...text.matchAll(/\$\{[^}]*\}?/g)].some((m) => problem.message.includes(m[0])));
      return found ? [...base, 'args', ...found] : 'args' in step ? [...base, 'args'] : base;
    }
    default:
      return base;
  }
}

/** The step a problem is about: `step #3` by position, else the (first, or for a duplicate the second) step with its id. */
function stepIndexOf(problem: PlanProblem, steps: readonly unknown[]): number | undefined {
  const duplicate = problem.code === 'duplicate-id' ? /and #(\d+)/.exec(problem.message) : null;
  if (duplicate) return Number(duplicate[1]) - 1;
  const byPosition = /^step #(\d+)/.exec(problem.message);
  if (byPosition) return Number(byPosition[1]) - 1;
  if (problem.stepId === undefined) return undefined;
  const index = steps.findIndex((step) => step !== null && typeof step === 'object' && String((step as { id?: unknown }).id) === problem.stepId);
  return index >= 0 ? index : undefined;
}

/** Path (under `value`) of the first string `matches` accepts. */
function findString(value: unknown, matches: (text: string) => boolean): (string | number)[] | undefined {
  if (typeof value === 'string') return matches(value) ? [] : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = findString(item, matches);
    if (found) return [Array.isArray(value) ? Number(key) : key, ...found];
  }
  return undefined;
}
