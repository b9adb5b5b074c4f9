// Run a compiled plan: for each step the scheduler starts, substitute output references (as data),
// check the final arguments against the tool's schema again, run the tool, and emit events.

import { checkArguments } from '../plan/check-arguments.ts';
import type { OutputFormat } from '../pipeline/types.ts';
import type { CompiledStep, StepGraph } from '../plan/plan-types.ts';
import { outputAsText, substituteReferences } from '../plan/references.ts';
import type { EmitEvent } from '../run/events.ts';
import { runTool } from '../tools/run-tool.ts';
import type { ToolContext } from '../tools/tool-runner.ts';
import { scheduleSteps, type ExecutionState, type StepOutcome } from './schedule-steps.ts';

export interface ExecutePlanOptions {
  readonly planNumber: number;
  readonly concurrency: number;
  readonly emit: EmitEvent;
  readonly toolContext: ToolContext;
  readonly now?: () => number;
  /** Told about tokens spent by `llm` steps, so usage totals stay right. */
  readonly onUsage?: (usage: { promptTokens: number; completionTokens: number }) => void;
}

const previewChars = 200;

export function previewOf(output: unknown, format: OutputFormat): string {
  const text = outputAsText(output, format).replace(/\s+/g, ' ').trim();
  return text.length > previewChars ? `${text.slice(0, previewChars)}…` : text;
}

export async function executePlan(graph: StepGraph, options: ExecutePlanOptions): Promise<ExecutionState> {
  const now = options.now ?? Date.now;
  const { emit, planNumber } = options;

  const runStep = async (step: CompiledStep, outputOf: (stepId: string) => unknown): Promise<StepOutcome> => {
    emit({ kind: 'step-started', planNumber, stepId: step.id, tool: step.tool, action: step.action });
    const startedAt = now();
    const fail = (error: string): StepOutcome => {
      emit({ kind: 'step-failed', planNumber, stepId: step.id, durationMs: now() - startedAt, error });
      return { ok: false, error };
    };
    try {
      const lookup = (id: string) => ({ value: outputOf(id), format: graph.byId.get(id)!.toolSpec.output });
      const args = substituteReferences(step.args, lookup) as Record<string, unknown>;
      // References are filled now, so check what the tool will really receive.
      const problems = checkArguments(`step ${step.id} (${step.tool})`, step.id, step.toolSpec, args);
      if (problems.length > 0) return fail(`after filling in references: ${problems.map((p) => p.message).join('; ')}`);
      const result = await runTool(step.toolSpec, args, options.toolContext);
      if (result.usage) options.onUsage?.(result.usage);
      emit({
        kind: 'step-succeeded',
        planNumber,
        stepId: step.id,
        durationMs: now() - startedAt,
        outputPreview: previewOf(result.output, step.toolSpec.output),
        ...(result.note ? { note: result.note } : {}),
      });
      return { ok: true, output: result.output };
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
  };

  return scheduleSteps(graph, {
    concurrency: options.concurrency,
    signal: options.toolContext.signal,
    runStep,
    onSkipped: (step, reason) => emit({ kind: 'step-skipped', planNumber, stepId: step.id, reason }),
  });
}
