// tail-only replanning: the model writes replacement steps; they are compiled together with the steps
// that stay, so their references to kept steps must resolve, and they may not redo kept work.

import type { ToolSpec } from '../pipeline/types.ts';
import { withoutAbsentNulls } from '../plan/absent-nulls.ts';
import { compilePlan, type CompileOptions } from '../plan/compile-plan.ts';
import { extractPlanJson } from '../plan/extract-plan-json.ts';
import type { CompileResult, PlanProblem, PlanStep } from '../plan/plan-types.ts';
import { StepReuse } from '../execute/step-reuse.ts';

/** The shape the model wrote a step in, so kept steps can be compiled again alongside new ones. */
export function asRawStep(step: PlanStep): Record<string, unknown> {
  return { id: step.id, action: step.action, tool: step.tool, args: step.args, ...(step.dependsOn.length ? { dependsOn: step.dependsOn } : {}) };
}

export function compileTail(
  reply: string,
  kept: readonly PlanStep[],
  succeeded: ReadonlySet<string>,
  tools: readonly ToolSpec[],
  options: CompileOptions,
): CompileResult {
  const extracted = extractPlanJson(reply);
  if (!extracted.ok) return { ok: false, problems: [extracted.problem] };
  const tail = extracted.value as { steps?: unknown };
  if (tail === null || typeof tail !== 'object' || !Array.isArray(tail.steps)) return compilePlan(extracted.value, tools, options);
  if (tail.steps.length === 0) return { ok: false, problems: [{ code: 'empty-plan', message: 'the reply has no replacement steps' }] };

  const redone = new Map(kept.filter((step) => succeeded.has(step.id)).map((step) => [StepReuse.key(step.tool, step.args), step.id]));
  const problems: PlanProblem[] = [];
  for (const raw of tail.steps) {
    if (raw === null || typeof raw !== 'object') continue;
    const { id, tool, args } = raw as { id?: unknown; tool?: unknown; args?: unknown };
    // Compared as the compiler reads them: nulls standing for optional arguments left out are no arguments.
    const spec = tools.find((each) => each.name === tool);
    const written = spec && args !== null && typeof args === 'object' && !Array.isArray(args) ? withoutAbsentNulls(spec.args, args as Record<string, unknown>) : (args ?? {});
    const keptId = typeof tool === 'string' ? redone.get(StepReuse.key(tool, written)) : undefined;
    if (keptId !== undefined) {
      problems.push({
        code: 'repeats-kept-step',
        stepId: String(id),
        message: `step ${String(id)} (${String(tool)}): repeats kept step ${keptId}, which already succeeded with the same arguments; use \${steps.${keptId}.output} instead`,
      });
    }
  }
  const merged = compilePlan({ steps: [...kept.map(asRawStep), ...tail.steps] }, tools, options);
  if (problems.length === 0) return merged;
  return { ok: false, problems: [...problems, ...(merged.ok ? [] : merged.problems)] };
}
