// retry-step with fixArgs: one small prompt (the tool's schema, the failed arguments, the error) for
// corrected arguments of the failed step; the plan is recompiled with them before the rerun.

import type { LlmClient } from '../llm/types.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { compilePlan } from '../plan/compile-plan.ts';
import { extractPlanJson } from '../plan/extract-plan-json.ts';
import type { CompileResult, StepGraph } from '../plan/plan-types.ts';
import { defaultFixArgsPrompt, defaultSystemPrompt } from '../prompt/default-prompts.ts';
import { renderTemplate } from '../prompt/template-engine.ts';
import { asRawStep } from './compile-tail.ts';
import { planLimitsOf } from './request-plan.ts';

export async function requestFixedArguments(
  pipeline: Pipeline,
  llm: LlmClient,
  graph: StepGraph,
  failed: { readonly stepId: string; readonly error: string },
  signal?: AbortSignal,
): Promise<CompileResult> {
  const step = graph.byId.get(failed.stepId)!;
  const { name, description, args } = step.toolSpec;
  const prompt = renderTemplate(defaultFixArgsPrompt, 'fix-arguments prompt', { step, tool: { name, description, args }, error: failed.error });
  const reply = await llm.complete({
    purpose: 'replan',
    model: pipeline.model.name,
    messages: [
      { role: 'system', content: defaultSystemPrompt },
      { role: 'user', content: prompt },
    ],
    ...(pipeline.model.temperature !== undefined ? { temperature: pipeline.model.temperature } : {}),
    ...(signal ? { signal } : {}),
  });
  const extracted = extractPlanJson(reply.text);
  if (!extracted.ok) return { ok: false, problems: [extracted.problem] };
  if (extracted.value === null || typeof extracted.value !== 'object' || Array.isArray(extracted.value)) {
    return { ok: false, problems: [{ code: 'step-shape', stepId: step.id, message: `step ${step.id}: the corrected arguments must be a JSON object` }] };
  }
  const steps = graph.steps.map((each) => (each.id === step.id ? { ...asRawStep(each), args: extracted.value } : asRawStep(each)));
  return compilePlan({ steps }, pipeline.tools, planLimitsOf(pipeline));
}
