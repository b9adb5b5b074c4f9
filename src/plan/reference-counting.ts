// How a plan counts its steps when it names one by number (`<node-0>`, `step 2`, `TaskNodes[1]`):
// by its ids, from 1 or from 0. The plan itself shows which: the counting under which most of its
// numbered references name a step that fits (one its links, dependsOn, list; with no links an
// earlier step; never the step itself or one it lacks), then most name a linked one. When two
// countings fit equally and name different steps, the plan is ambiguous: the fix says so.

import type { PlanStep } from './plan-types.ts';

export type Counting = 'id' | 'from-1' | 'from-0';
/** `step 2`, `node-1`, `$1` name a step as the plan numbers them; `TaskNodes[0]`, `$[0]` index a list of steps. */
export type Family = 'number' | 'index';

export interface CountedReference {
  readonly stepId: string;
  readonly n: number;
  readonly family: Family;
}

export interface PlanShape {
  readonly plan: readonly PlanStep[];
  readonly ids: ReadonlySet<string>;
  readonly positions: ReadonlyMap<string, number>;
  readonly numericIds: boolean;
}

export type CountingDecision = { readonly kind: 'decided'; readonly counting: Counting } | { readonly kind: 'ambiguous'; readonly countings: readonly Counting[] };

/** The step a number names under a counting. */
export function stepCounted(counting: Counting, n: number, shape: PlanShape): string | undefined {
  if (counting === 'id') return shape.ids.has(String(n)) ? String(n) : undefined;
  return shape.plan[counting === 'from-1' ? n - 1 : n]?.id;
}

/** The step's dependencies that are steps of the plan. */
export function linksOf(step: PlanStep, shape: PlanShape): string[] {
  return step.dependsOn.filter((dep) => dep !== step.id && shape.ids.has(dep));
}

/** How well a target fits where it is written: a linked step best, then an earlier one; itself or none worst. */
export function fitOf(step: PlanStep, target: string | undefined, shape: PlanShape): number {
  if (target === undefined || target === step.id) return -3;
  const links = linksOf(step, shape);
  if (links.length > 0) return links.includes(target) ? 1 : -2;
  return shape.positions.get(target)! < shape.positions.get(step.id)! ? 0 : -1;
}

/**
 * The counting the plan's numbered references of one family fit best. When countings fit equally
 * and name different steps, the plan is ambiguous: the reading its syntax or ids suggest (an index
 * counts from 0; numeric ids are the numbers a plan counts by) comes first, but it is no evidence —
 * a plan numbered from 1 may still count its nodes from 0, which is the mistake this guards against.
 */
export function decideCounting(family: Family, references: readonly CountedReference[], shape: PlanShape): CountingDecision {
  const candidates: Counting[] = family === 'index' ? ['from-0', 'from-1'] : shape.numericIds ? ['id', 'from-1', 'from-0'] : ['from-1', 'from-0'];
  const steps = new Map(shape.plan.map((step) => [step.id, step]));
  const mine = references.filter((reference) => reference.family === family && steps.has(reference.stepId));
  // References that fit, then linked ones: a counting under which none fits is no evidence, however it misses.
  const scores = candidates.map((counting) => {
    const fits = mine.map((reference) => fitOf(steps.get(reference.stepId)!, stepCounted(counting, reference.n, shape), shape));
    return fits.filter((fit) => fit >= 0).length * (mine.length + 1) + fits.filter((fit) => fit > 0).length;
  });
  const best = Math.max(...scores);
  const tied = candidates.filter((_, i) => scores[i] === best);
  const agree = mine.every((reference) => new Set(tied.map((counting) => stepCounted(counting, reference.n, shape))).size === 1);
  return agree ? { kind: 'decided', counting: tied[0]! } : { kind: 'ambiguous', countings: tied };
}
