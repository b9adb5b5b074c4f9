// Render the planning and replanning prompts from the pipeline's templates (or the built-in ones).
// The data put in (task, inputs, the model's steps, outputs, errors) is masked with the run's
// redactor before it is rendered — and before it is abridged or put on one line, so no cut or
// collapsed whitespace can hide a secret; the templates and the tool contracts are sent as written.

import type { ExecutionState } from '../execute/schedule-steps.ts';
import { toolContract } from '../pipeline/tool-contract.ts';
import { createRedactor, type Redactor } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { outputAsText } from '../plan/references.ts';
import { defaultPlanPrompt, defaultReplanPrompt, defaultTailPrompt } from '../prompt/default-prompts.ts';
import { renderTemplate } from '../prompt/template-engine.ts';
import { isUntrusted, withheldError, withheldOutput } from './untrusted-in-prompts.ts';

const outputPreviewForReplan = 2000;
/** tail-only shows kept outputs much shorter: the model only needs to know what they hold. */
const outputPreviewForTail = 300;

/** A tolerated failure (critical: false) is among the outputs, as null, so that it does not run again. */
const toleratedStatus = 'failed; passed over (critical: false)';

function stepStatus(state: ExecutionState, id: string): string {
  if (state.tolerated?.includes(id)) return toleratedStatus;
  if (state.outputs.has(id)) return 'succeeded';
  if (id === state.failed?.step.id) return 'FAILED';
  if (state.cancelled?.includes(id)) return 'cancelled';
  return 'not run';
}

function abridge(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… [${text.length - limit} more characters]` : text;
}

/** What the model sees of each tool: never the command line, only the contract. */
function toolsForPrompt(pipeline: Pipeline) {
  return pipeline.tools.map(toolContract);
}

/** Masks nothing: for callers with no secrets. */
const noSecrets = createRedactor([]);

export function renderPlanPrompt(pipeline: Pipeline, task: string, inputs: Readonly<Record<string, unknown>>, redactor: Redactor = noSecrets): string {
  return renderTemplate(pipeline.prompts.plan ?? defaultPlanPrompt, 'plan prompt', {
    task: redactor.redactText(task),
    inputs: redactor.redactValue(inputs),
    tools: toolsForPrompt(pipeline),
    maxSteps: pipeline.planning.maxSteps,
  });
}

export function renderReplanPrompt(pipeline: Pipeline, task: string, graph: StepGraph, state: ExecutionState, redactor: Redactor = noSecrets): string {
  const statusOf = (id: string) => stepStatus(state, id);
  const abridged = (id: string, value: unknown) =>
    isUntrusted(graph, id) ? withheldOutput(graph.byId.get(id)!.tool) : abridge(redactor.redactText(outputAsText(value, graph.byId.get(id)!.toolSpec.output)), outputPreviewForReplan);
  return renderTemplate(pipeline.prompts.replan ?? defaultReplanPrompt, 'replan prompt', {
    task: redactor.redactText(task),
    tools: toolsForPrompt(pipeline),
    maxSteps: pipeline.planning.maxSteps,
    previous: { steps: graph.steps.map((step) => ({ id: step.id, tool: step.tool, action: redactor.redactText(step.action), status: statusOf(step.id) })) },
    succeeded: [...state.outputs]
      .filter(([id]) => !state.tolerated?.includes(id))
      .map(([id, output]) => ({ id, output: abridged(id, output), ...(isUntrusted(graph, id) ? { untrusted: true } : {}) })),
    failed: failedStep(graph, state, redactor),
  });
}

/** The failed step as prompts show it: its arguments and error masked; of an untrusted step, only the kind of failure. */
function failedStep(graph: StepGraph, state: ExecutionState, redactor: Redactor) {
  const failed = state.failed!;
  const untrusted = isUntrusted(graph, failed.step.id);
  const error = untrusted ? withheldError(failed.error) : redactor.redactText(failed.error);
  return { id: failed.step.id, tool: failed.step.tool, args: redactor.redactValue(failed.step.args), error, ...(untrusted ? { untrusted: true } : {}) };
}

/** tail-only: the kept steps in brief, the failure, and the steps to replace. */
export function renderTailPrompt(
  pipeline: Pipeline,
  task: string,
  graph: StepGraph,
  state: ExecutionState,
  scope: { readonly keep: readonly string[]; readonly replace: readonly string[] },
  redactor: Redactor = noSecrets,
): string {
  const summary = (id: string) => {
    const step = graph.byId.get(id)!;
    if (state.tolerated?.includes(id)) return { id, tool: step.tool, action: redactor.redactText(step.action), status: toleratedStatus, preview: '' };
    const untrusted = isUntrusted(graph, id);
    const preview = !state.outputs.has(id) ? '' : untrusted ? withheldOutput(step.tool) : abridge(redactor.redactText(outputAsText(state.outputs.get(id), step.toolSpec.output)).replace(/\s+/g, ' '), outputPreviewForTail);
    return { id, tool: step.tool, action: redactor.redactText(step.action), status: state.outputs.has(id) ? 'succeeded' : 'not run yet', preview, ...(untrusted ? { untrusted: true } : {}) };
  };
  return renderTemplate(pipeline.prompts.tail ?? defaultTailPrompt, 'tail prompt', {
    task: redactor.redactText(task),
    tools: toolsForPrompt(pipeline),
    maxSteps: pipeline.planning.maxSteps,
    kept: scope.keep.map(summary),
    replace: scope.replace.map((id) => ({ id, tool: graph.byId.get(id)!.tool, action: redactor.redactText(graph.byId.get(id)!.action) })),
    failed: failedStep(graph, state, redactor),
  });
}
