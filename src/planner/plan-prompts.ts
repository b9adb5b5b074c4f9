// Render the planning and replanning prompts from the pipeline's templates (or the built-in ones).

import type { ExecutionState } from '../execute/schedule-steps.ts';
import type { Pipeline } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { outputAsText } from '../plan/references.ts';
import { defaultPlanPrompt, defaultReplanPrompt } from '../prompt/default-prompts.ts';
import { renderTemplate } from '../prompt/template-engine.ts';

const outputPreviewForReplan = 2000;

/** What the model sees of each tool: never the command line, only the contract. */
function toolsForPrompt(pipeline: Pipeline) {
  return pipeline.tools.map(({ name, description, args, output }) => ({ name, description, args, output }));
}

export function renderPlanPrompt(pipeline: Pipeline, task: string, inputs: Readonly<Record<string, unknown>>): string {
  return renderTemplate(pipeline.prompts.plan ?? defaultPlanPrompt, 'plan prompt', {
    task,
    inputs,
    tools: toolsForPrompt(pipeline),
    maxSteps: pipeline.planning.maxSteps,
  });
}

export function renderReplanPrompt(pipeline: Pipeline, task: string, graph: StepGraph, state: ExecutionState): string {
  const failed = state.failed!;
  const statusOf = (id: string) => (state.outputs.has(id) ? 'succeeded' : id === failed.step.id ? 'FAILED' : 'not run');
  const abridged = (id: string, value: unknown) => {
    const text = outputAsText(value, graph.byId.get(id)!.toolSpec.output);
    return text.length > outputPreviewForReplan ? `${text.slice(0, outputPreviewForReplan)}… [${text.length - outputPreviewForReplan} more characters]` : text;
  };
  return renderTemplate(pipeline.prompts.replan ?? defaultReplanPrompt, 'replan prompt', {
    task,
    tools: toolsForPrompt(pipeline),
    maxSteps: pipeline.planning.maxSteps,
    previous: { steps: graph.steps.map((step) => ({ id: step.id, tool: step.tool, action: step.action, status: statusOf(step.id) })) },
    succeeded: [...state.outputs].map(([id, output]) => ({ id, output: abridged(id, output) })),
    failed: { id: failed.step.id, tool: failed.step.tool, args: failed.step.args, error: failed.error },
  });
}
