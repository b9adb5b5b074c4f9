// retry-step with fixArgs: one small prompt (the tool's schema, the failed arguments, the error) for
// corrected arguments of the failed step; the plan is recompiled with them before the rerun.

import type { LlmClient } from '../llm/types.ts';
import { createRedactor, type Redactor } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { compilePlan } from '../plan/compile-plan.ts';
import { extractPlanJson } from '../plan/extract-plan-json.ts';
import type { CompileResult, StepGraph } from '../plan/plan-types.ts';
import { defaultFixArgsPrompt, defaultSystemPrompt } from '../prompt/default-prompts.ts';
import { renderTemplate } from '../prompt/template-engine.ts';
import { asRawStep } from './compile-tail.ts';
import { isUntrusted, withheldError } from './untrusted-in-prompts.ts';
import { planLimitsOf } from './plan-limits.ts';

export async function requestFixedArguments(
  pipeline: Pipeline,
  llm: LlmClient,
  graph: StepGraph,
  failed: { readonly stepId: string; readonly error: string },
  signal?: AbortSignal,
  redactor: Redactor = createRedactor([]),
): Promise<CompileResult> {
  const step = graph.byId.get(failed.stepId)!;
  const { name, description, args } = step.toolSpec;
  // The step and its error are data (masked); the tool's contract is the pipeline's, sent as written.
  const shown = { id: step.id, action: redactor.redactText(step.action), args: redactor.redactValue(step.args) };
  const prompt = renderTemplate(defaultFixArgsPrompt, 'fix-arguments prompt', { step: shown, tool: { name, description, args }, error: isUntrusted(graph, step.id) ? withheldError(failed.error) : redactor.redactText(failed.error) });
  const reply = await llm.complete({
    purpose: 'replan',
    model: pipeline.model.name,
    messages: [
      { role: 'system', content: defaultSystemPrompt },
      { role: 'user', content: prompt },
    ],
    dataRedacted: redactor.values,
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
