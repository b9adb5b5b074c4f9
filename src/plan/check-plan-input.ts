// Limits on a model's reply before the compiler looks at it as a plan: its size (read no further
// than that), its nesting (nothing later walks a 10,000-deep value), and keys that could reach an
// object's prototype when code downstream copies the arguments around.

import type { PlanProblem } from './plan-types.ts';

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A problem when the reply is longer than `maxBytes` (UTF-8). */
export function checkReplySize(reply: string, maxBytes: number): PlanProblem | undefined {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: most replies are decided without counting.
  if (reply.length * 3 <= maxBytes) return undefined;
  const bytes = reply.length > maxBytes ? reply.length : Buffer.byteLength(reply);
  if (bytes <= maxBytes) return undefined;
  return replyTooLarge(reply.length > maxBytes ? `more than ${maxBytes}` : String(bytes), maxBytes);
}

/** The problem of a reply of `size` bytes ("more than N" when it was not read to the end). */
export function replyTooLarge(size: string, maxBytes: number): PlanProblem {
  return { code: 'plan-too-large', message: `the reply is ${size} bytes; a plan may be at most ${maxBytes} bytes (planning.maxPlanBytes), so it was not read; send a plan of fewer, shorter steps` };
}

/** The problem of a plan of `count` steps ("more than N" when a streamed reply was not read to the end). */
export function tooManySteps(count: number | string, maxSteps: number): PlanProblem {
  return { code: 'too-many-steps', message: `the plan has ${count} steps; this pipeline allows at most ${maxSteps} (planning.maxSteps)` };
}

/** How deep a plan may nest: room for {"steps": [{"args": …}]} around the deepest arguments allowed. */
export function planDepthLimit(limits: { readonly maxPlanDepth: number; readonly maxArgumentDepth: number }): number {
  return Math.max(limits.maxPlanDepth, limits.maxArgumentDepth + 4);
}

/**
 * Problems with the parsed plan as a whole: nesting deeper than `maxDepth`, and keys that could reach
 * an object's prototype. Walks iteratively and stops below the depth limit, so any input is safe.
 */
export function checkPlanStructure(plan: unknown, maxDepth: number): PlanProblem[] {
  // A plan is nearly always fine: find that out without building a path for every value.
  return isPlainShallow(plan, maxDepth) ? [] : describeStructure(plan, maxDepth);
}

/**
 * Whether one step of a plan read as it streams passes checkPlanStructure as part of its plan: its
 * nesting counted from where a step sits ({"steps": [step]}), and no forbidden key.
 */
export function isShallowStep(step: unknown, maxDepth: number): boolean {
  return isPlainShallow(step, maxDepth, 2);
}

/** isShallowStep for every step of `steps` at once. */
export function areShallowSteps(steps: readonly unknown[], maxDepth: number): boolean {
  return isPlainShallow(steps, maxDepth, 1);
}

function isPlainShallow(plan: unknown, maxDepth: number, depth = 0): boolean {
  const values: unknown[] = [plan];
  const depths: number[] = [depth];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return false;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') values.push(item), depths.push(depth + 1);
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (FORBIDDEN_KEYS.has(key)) return false;
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') values.push(item), depths.push(depth + 1);
    }
  }
  return true;
}

function describeStructure(plan: unknown, maxDepth: number): PlanProblem[] {
  const problems: PlanProblem[] = [];
  let tooDeep = false;
  const stack: [unknown, number, string][] = [[plan, 0, '']];
  while (stack.length > 0) {
    const [value, depth, where] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      tooDeep = true;
      continue;
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push([value[index], depth + 1, `${where}[${index}]`]);
      continue;
    }
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, item] = entries[index]!;
      const at = where === '' ? key : `${where}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ code: 'forbidden-key', ...stepOf(plan, at), message: `${describeStep(plan, at)}"${key}" is not allowed as a key (at ${at}): it could reach an object's prototype; use another name` });
        continue;
      }
      stack.push([item, depth + 1, at]);
    }
  }
  if (tooDeep) problems.unshift({ code: 'plan-too-deep', message: `the plan nests more than ${maxDepth} levels deep; a plan is {"steps": [...]} with arguments at most a few levels deep` });
  return problems;
}

/** `steps[2].args.x` → the id of step #3, when it has a usable one. */
function stepOf(plan: unknown, at: string): { stepId?: string } {
  const match = /^steps\[(\d+)\]/.exec(at);
  const steps = (plan as { steps?: unknown }).steps;
  if (!match || !Array.isArray(steps)) return {};
  const id = (steps[Number(match[1])] as { id?: unknown } | null)?.id;
  return typeof id === 'number' || (typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) ? { stepId: String(id) } : {};
}

function describeStep(plan: unknown, at: string): string {
  const { stepId } = stepOf(plan, at);
  return stepId === undefined ? '' : `step ${stepId}: `;
}
