// Ask the model for a plan and compile it; when the compiler finds problems, send them back with the
// repair prompt, at most `planning.maxRepairs` times. Returns a checked StepGraph or every problem left.

import type { ChatMessage, CompletionRequest, LlmClient } from '../llm/types.ts';
import { createRedactor, type Redactor } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { compilePlan } from '../plan/compile-plan.ts';
import { pipelinePlanSchema } from '../plan/pipeline-plan-schema.ts';
import type { CompileResult, PlanProblem, StepGraph } from '../plan/plan-types.ts';
import { planLimitsOf } from './plan-limits.ts';
import { defaultRepairPrompt, defaultSystemPrompt } from '../prompt/default-prompts.ts';
import { renderTemplate } from '../prompt/template-engine.ts';
import type { EmitEvent } from '../events/run-events.ts';

export interface PlannerContext {
  readonly pipeline: Pipeline;
  /** Metered by the caller: every call is counted and budgeted there. */
  readonly llm: LlmClient;
  readonly emit: EmitEvent;
  readonly signal?: AbortSignal;
  /** The run's secrets, masked in the data prompts carry (the prompt given was rendered with the same). */
  readonly redactor?: Redactor;
}

const noSecrets = createRedactor([]);

export type PlanOutcome =
  | { readonly ok: true; readonly graph: StepGraph }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

export async function requestPlan(
  context: PlannerContext,
  request: {
    readonly planNumber: number;
    readonly purpose: 'plan' | 'replan';
    readonly prompt: string;
    /** How a reply becomes a graph; default: compile it as a whole plan. tail-only compiles it with the kept steps. */
    readonly compile?: (reply: string) => CompileResult;
    /** Attempt 1 was already made and rejected (a plan read as a stream): start with its repair. */
    readonly rejected?: { readonly reply: string; readonly problems: readonly PlanProblem[] };
  },
): Promise<PlanOutcome> {
  const { pipeline, llm, emit } = context;
  const redactor = context.redactor ?? noSecrets;
  const messages = planMessages(request.prompt);
  const maxAttempts = 1 + pipeline.planning.maxRepairs;
  let problems: readonly PlanProblem[] = request.rejected?.problems ?? [];
  if (request.rejected) messages.push(...repairMessages(pipeline, request.rejected.reply, problems, redactor));
  for (let attempt = request.rejected ? 2 : 1; attempt <= maxAttempts; attempt++) {
    const purpose = attempt === 1 ? request.purpose : 'repair';
    emit({ kind: 'plan-requested', planNumber: request.planNumber, attempt, purpose });
    const reply = await llm.complete(planRequest(pipeline, messages, purpose, context.signal, redactor));

    const compiled = request.compile ? request.compile(reply.text) : compilePlan(reply.text, pipeline.tools, planLimitsOf(pipeline));
    if (compiled.ok) return { ok: true, graph: compiled.graph };
    problems = compiled.problems;
    emit({ kind: 'plan-rejected', planNumber: request.planNumber, attempt, problems });
    messages.push(...repairMessages(pipeline, reply.text, problems, redactor));
  }
  return { ok: false, problems };
}

/** The rejected reply and the repair prompt listing its problems (both masked: they quote the model's text). */
function repairMessages(pipeline: Pipeline, reply: string, problems: readonly PlanProblem[], redactor: Redactor): ChatMessage[] {
  // A reply too large or too deep to read is not sent back to the model either.
  const unread = problems.some((problem) => problem.code === 'plan-too-large' || problem.code === 'plan-too-deep');
  return [
    { role: 'assistant', content: unread ? '(reply omitted: too large or too deeply nested to read)' : redactor.redactText(reply) },
    { role: 'user', content: renderTemplate(pipeline.prompts.repair ?? defaultRepairPrompt, 'repair prompt', { problems: problems.map((p) => redactor.redactText(p.message)) }) },
  ];
}

/**
 * A planning request: the pipeline's own plan schema (its tools, their args) as the structured output
 * wanted, strict when it fits strict mode. Its messages are planexec's
 * prompts, whose data was masked with `redactor` as they were rendered, so a redacting client with
 * the same secrets sends them as they are.
 */
export function planRequest(pipeline: Pipeline, messages: readonly ChatMessage[], purpose: 'plan' | 'repair' | 'replan', signal?: AbortSignal, redactor: Redactor = noSecrets): CompletionRequest {
  return {
    purpose,
    model: pipeline.model.name,
    messages,
    dataRedacted: redactor.values,
    ...(pipeline.model.temperature !== undefined ? { temperature: pipeline.model.temperature } : {}),
    jsonSchema: planJsonSchema(pipeline),
    ...(signal ? { signal } : {}),
  };
}

/** The structured output a planning request asks for; named `plan` as ever, so recordings still match. */
function planJsonSchema(pipeline: Pipeline): NonNullable<CompletionRequest['jsonSchema']> {
  const { schema, strict } = pipelinePlanSchema(pipeline.tools);
  return { name: 'plan', schema, strict };
}

/** The first messages of a planning request: the system prompt and the rendered prompt. */
export function planMessages(prompt: string): ChatMessage[] {
  return [
    { role: 'system', content: defaultSystemPrompt },
    { role: 'user', content: prompt },
  ];
}
