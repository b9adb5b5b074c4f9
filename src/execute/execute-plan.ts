// Run a compiled plan: for each step the scheduler starts, substitute output references (as data),
// check the final arguments against the tool's schema again, run the tool (retrying transient
// failures), and emit events (a tolerated failure's `failure-tolerated` right after its `step-failed`).

import type { FailurePolicy, OutputFormat } from '../pipeline/types.ts';
import { checkArguments } from '../plan/check-arguments.ts';
import type { CompiledStep, StepGraph } from '../plan/plan-types.ts';
import { outputAsText, substituteReferences } from '../plan/references.ts';
import type { EmitEvent } from '../events/run-events.ts';
import { runTool } from '../tools/run-tool.ts';
import type { Redactor } from '../tools/create-redactor.ts';
import { ToolError, type ToolContext, type ToolRunner } from '../tools/tool-call.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { callWithRetries, realTiming, type RetryTiming } from './retry-call.ts';
import type { StepReuse } from './step-reuse.ts';
import { startSchedule, type ExecutionState, type GrowingSchedule, type RunStep, type StepOutcome } from './schedule-steps.ts';

export interface ExecutePlanOptions {
  readonly planNumber: number;
  readonly concurrency: number;
  readonly emit: EmitEvent;
  /** Shared by every step; each step runs with its own `signal` in place of this one's. */
  readonly toolContext: ToolContext;
  /** After a step fails: let running steps finish (`wait`, the default) or cancel them. */
  readonly onFailure?: FailurePolicy;
  readonly now?: () => number;
  /** Waits between retries and their jitter; real timers by default, injected by tests. */
  readonly timing?: RetryTiming;
  /** Runs one tool call; `runTool` by default. */
  readonly runTool?: ToolRunner;
  /** Told about tokens spent by `llm` steps, so usage totals stay right. */
  readonly onUsage?: (usage: { promptTokens: number; completionTokens: number }) => void;
  /** Steps already done (kept by a replan), with their outputs; they do not run again. */
  readonly completed?: ReadonlyMap<string, unknown>;
  /** Successful calls of earlier plans: an identical call reuses the output instead of running. */
  readonly reuse?: StepReuse;
}

const previewChars = 200;

/** The start of an output on one line, for events; secrets are masked first, so neither collapsing lines nor the cut can hide one. */
function previewOf(output: unknown, format: OutputFormat, redactor: Redactor | undefined): string {
  const whole = outputAsText(output, format);
  const text = (redactor ? redactor.redactText(whole) : whole).replace(/\s+/g, ' ').trim();
  return text.length > previewChars ? `${text.slice(0, previewChars)}…` : text;
}

function reasonOf(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'cancelled';
}

export async function executePlan(graph: StepGraph, options: ExecutePlanOptions): Promise<ExecutionState> {
  const execution = startExecution(options);
  execution.complete(graph);
  return execution.done;
}

/** An execution whose steps arrive over time (a plan read as it streams); see GrowingSchedule. */
export function startExecution(options: ExecutePlanOptions): GrowingSchedule {
  const known = new Map<string, CompiledStep>();
  const schedule = startSchedule({
    concurrency: options.concurrency,
    signal: options.toolContext.signal,
    onFailure: options.onFailure ?? 'wait',
    runStep: stepRunner((id) => known.get(id)!, options),
    onSkipped: (step, reason) => options.emit({ kind: 'step-skipped', planNumber: options.planNumber, stepId: step.id, reason }),
    onTolerated: (step, reason) => options.emit({ kind: 'failure-tolerated', planNumber: options.planNumber, stepId: step.id, reason }),
    ...(options.completed ? { completed: options.completed } : {}),
  });
  const learn = (steps: readonly CompiledStep[]) => {
    for (const step of steps) if (!known.has(step.id)) known.set(step.id, step);
  };
  return {
    add(steps) {
      learn(steps);
      schedule.add(steps);
    },
    complete(graph) {
      learn(graph.steps);
      schedule.complete(graph);
    },
    abandon: (reason) => schedule.abandon(reason),
    get started() {
      return schedule.started;
    },
    done: schedule.done,
  };
}

/** Runs one step: references filled in, arguments checked again, the tool called (with retries), events emitted. */
function stepRunner(stepById: (id: string) => CompiledStep, options: ExecutePlanOptions): RunStep {
  const now = options.now ?? Date.now;
  const timing = options.timing ?? realTiming;
  const call = options.runTool ?? runTool;
  const { emit, planNumber } = options;

  const runStep = async (step: CompiledStep, outputOf: (stepId: string) => unknown, signal: AbortSignal): Promise<StepOutcome> => {
    emit({ kind: 'step-started', planNumber, stepId: step.id, tool: step.tool, action: step.action });
    const startedAt = now();
    try {
      const lookup = (id: string) => ({ value: outputOf(id), format: stepById(id).toolSpec.output });
      const args = substituteReferences(step.args, lookup) as Record<string, unknown>;
      // References are filled now, so check what the tool will really receive.
      const problems = checkArguments(`step ${step.id} (${step.tool})`, step.id, step.toolSpec, args);
      if (problems.length > 0) throw new Error(`after filling in references: ${problems.map((p) => p.message).join('; ')}`);
      // A call with side effects always runs: its effect is the point, not its output.
      const reused = step.toolSpec.sideEffects === true ? undefined : options.reuse?.lookup(step.tool, args);
      if (reused) {
        emit({ kind: 'step-succeeded', planNumber, stepId: step.id, durationMs: 0, outputPreview: previewOf(reused.output, step.toolSpec.output, options.toolContext.redactor), reused: true, ...(step.untrusted ? { untrusted: true } : {}), args, output: reused.output });
        return { ok: true, output: reused.output };
      }
      const context: ToolContext = { ...options.toolContext, signal, step: { planNumber, stepId: step.id } };
      const retries = toolKindOf(step.toolSpec).retries(step.toolSpec);
      const result = await callWithRetries(() => call(step.toolSpec, args, context), retries, {
        ...timing,
        signal,
        onRetry: (notice) => emit({ kind: 'step-retrying', planNumber, stepId: step.id, ...notice }),
      });
      if (result.usage) options.onUsage?.(result.usage);
      // After a side effect, what earlier calls returned may no longer be true (a read after a write).
      if (step.toolSpec.sideEffects === true) options.reuse?.forget();
      else options.reuse?.record(step.tool, args, result.output);
      emit({
        kind: 'step-succeeded',
        planNumber,
        stepId: step.id,
        durationMs: now() - startedAt,
        outputPreview: previewOf(result.output, step.toolSpec.output, options.toolContext.redactor),
        ...(result.note ? { note: result.note } : {}),
        ...(result.worker ? { worker: result.worker } : {}),
        ...(step.untrusted ? { untrusted: true } : {}),
        args,
        output: result.output,
      });
      return { ok: true, output: result.output };
    } catch (caught) {
      const error = caught instanceof Error ? caught.message : String(caught);
      if (signal.aborted) {
        emit({ kind: 'step-cancelled', planNumber, stepId: step.id, durationMs: now() - startedAt, reason: reasonOf(signal) });
      } else {
        const worker = caught instanceof ToolError ? caught.worker : undefined;
        emit({ kind: 'step-failed', planNumber, stepId: step.id, durationMs: now() - startedAt, error, ...(worker ? { worker } : {}) });
      }
      return { ok: false, error };
    }
  };

  return runStep;
}
