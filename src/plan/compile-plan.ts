// The plan compiler: the model's raw reply (or parsed JSON) plus the pipeline's tools in, a checked
// StepGraph or every problem found out. Nothing runs that did not pass through here.

import type { ToolSpec } from '../pipeline/types.ts';
import { checkPlanStructure, checkReplySize, planDepthLimit, tooManySteps } from './check-plan-input.ts';
import { StepCompilation } from './compile-steps.ts';
import { extractPlanJson } from './extract-plan-json.ts';
import { defaultPlanLimits, type CompileResult, type PlanLimits, type PlanProblem } from './plan-types.ts';

export interface CompileOptions {
  readonly limits?: Partial<PlanLimits>;
  /** The run's workspace: when given, `format: path` arguments are also checked against it (lexically; the runner checks the disk). */
  readonly workspace?: string;
  /** The pipeline's writable folders (normalized): `writes: true` path arguments must lead into one. Default out. */
  readonly writable?: readonly string[];
  /** Untrusted data reaching an argument that accepts only trusted data: a problem (`reject`, the default), or noted on the graph for approval (`ask`). */
  readonly untrustedFlow?: 'reject' | 'ask';
}

/** Compile a model reply (text) or an already parsed plan into a StepGraph. */
export function compilePlan(reply: string | unknown, tools: readonly ToolSpec[], options: CompileOptions = {}): CompileResult {
  const limits = limitsOf(options);
  let plan: unknown = reply;
  if (typeof reply === 'string') {
    const tooLarge = checkReplySize(reply, limits.maxPlanBytes);
    if (tooLarge) return { ok: false, problems: [tooLarge] };
    const extracted = extractPlanJson(reply);
    if (!extracted.ok) return { ok: false, problems: [extracted.problem] };
    plan = extracted.value;
  }
  const structureProblems = checkPlanStructure(plan, planDepthLimit(limits));
  if (structureProblems.length > 0) return { ok: false, problems: structureProblems };
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
  if (rawSteps.length > limits.maxSteps) return { ok: false, problems: [...problems, tooManySteps(rawSteps.length, limits.maxSteps)] };

  const compilation = new StepCompilation(tools, limits, options);
  for (const raw of rawSteps) compilation.add(raw);
  return compilation.finish(problems);
}

/** The limits a compile applies: the defaults, with the pipeline's own over them. */
export function limitsOf(options: CompileOptions): PlanLimits {
  return { ...defaultPlanLimits, ...options.limits };
}
