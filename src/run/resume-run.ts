// `resume`: continue a run that stopped (crash, Ctrl-C, failure) from what its event log says.
// No succeeded step runs again and no new plan is requested unless the run stopped before it had
// one or while the strategy was replanning.

import path from 'node:path';
import type { ExecutionState } from '../execute/schedule-steps.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { compilePlan } from '../plan/compile-plan.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { asRawStep } from '../planner/compile-tail.ts';
import { planLimitsOf } from '../planner/plan-limits.ts';
import { nextRequestFor } from '../replan/replan-strategies.ts';
import type { FullReplanDecision } from '../replan/full-strategy.ts';
import type { TailReplanDecision } from '../replan/tail-only-strategy.ts';
import { runLoop, type RunStart } from './run-loop.ts';
import { foldRun, succeededOutputs, type PlanRecord, type RunRecord } from '../store/fold-run.ts';
import { pipelineHash } from '../store/pipeline-identity.ts';
import { readRunEvents, readStoredOutput, RunStoreError } from '../store/read-run.ts';
import { renderTask, type InputValue } from './resolve-inputs.ts';
import { openRunStore } from '../store/run-store.ts';
import { UsageMeter } from '../events/usage-meter.ts';
import { normalizeRunOptions, type ResumeOptions } from './options.ts';
import { statusOfError, type RunOutcome } from './outcome.ts';
import { createRunContext } from './run-context.ts';

export async function resumeRun(runId: string, given: ResumeOptions): Promise<RunOutcome> {
  const options = normalizeRunOptions(given);
  const { cwd } = options;
  const log = readRunEvents(options.root, runId);
  for (const warning of log.warnings) options.onWarning?.(warning);
  const record = foldRun(log.events);
  checkResumable(record);

  const pipeline = await loadPipeline(path.resolve(cwd, record.file), { cwd, ...(options.config ? { config: options.config } : {}) });
  if (pipelineHash(pipeline) !== record.pipelineHash && !options.force) {
    throw new RunStoreError(`${record.file} changed since run ${runId} began (its tools, prompts or settings differ); resume with --force to continue with the pipeline as it is now`);
  }
  const { task, inputs } = renderStoredTask(pipeline, record.inputs as Record<string, InputValue>, runId);
  const start = resumePoint(record, pipeline, (stored) => {
    try {
      return readStoredOutput(log, stored);
    } catch (error) {
      // The plan goes on from this output: without it the step would have to run again, which resume never does.
      if (error instanceof RunStoreError) throw new RunStoreError(`${error.message}; the run cannot be resumed without it (start a new one with planexec run)`);
      throw error;
    }
  });

  const usage = new UsageMeter(record.usage);
  const store = openRunStore(options.root, runId);
  const retriesSeed = new Map<string, number>();
  for (const replan of record.replans) if (replan.scope === 'retry') retriesSeed.set(replan.failedStepId, (retriesSeed.get(replan.failedStepId) ?? 0) + 1);
  const context = { ...createRunContext(pipeline, options, { runId, task, inputs, usage, store }), retriesSeed, reuseSeed: finishedCalls(record, pipeline, (stored) => readStoredOutput(log, stored), options.onWarning) };
  try {
    const planNumber = start.kind === 'plan' ? 0 : start.planNumber;
    context.emit({ kind: 'run-resumed', runId, from: start.kind, planNumber, force: options.force === true });
    return await runLoop(context, start);
  } finally {
    store.close();
  }
}

/** A run that succeeded, or stopped on invalid input, has nothing to resume: a RunStoreError saying so. */
export function checkResumable(record: Pick<RunRecord, 'runId' | 'status'>): void {
  if (record.status === 'succeeded') throw new RunStoreError(`run ${record.runId} already succeeded; nothing to resume`);
  if (record.status === 'invalid-input') throw new RunStoreError(`run ${record.runId} stopped on invalid input; start a new run`);
}

/**
 * Whether resuming the run starts by asking the model for a plan (none was accepted yet, or a replan
 * was decided and its plan never came). Otherwise the run needs a model only for llm steps and
 * replans, as a fixed plan does.
 */
export function resumeAsksForPlan(record: Pick<RunRecord, 'plans' | 'pendingReplan'>): boolean {
  const plan = record.plans.at(-1);
  if (!plan) return true;
  const pending = record.pendingReplan;
  return pending !== undefined && pending.planNumber === plan.planNumber && pending.scope !== 'retry';
}

/** The task of the stored inputs; inputs the pipeline no longer accepts (changed under --force) are a setup problem, exit 2. */
function renderStoredTask(pipeline: Pipeline, inputs: Record<string, InputValue>, runId: string): ReturnType<typeof renderTask> {
  try {
    return renderTask(pipeline, inputs);
  } catch (error) {
    if (statusOfError(error) === 'invalid-input') throw new RunStoreError(`run ${runId}'s inputs no longer fit ${pipeline.displayPath}: ${(error as Error).message}`);
    throw error;
  }
}

/** Where the stored run stopped, as a place the run loop can start from. */
function resumePoint(record: RunRecord, pipeline: Pipeline, load: (stored: { output?: unknown; outputFile?: string }) => unknown): RunStart {
  const plan = record.plans.at(-1);
  if (!plan) return { kind: 'plan' };
  const graph = recompile(plan, pipeline);
  const outputs = succeededOutputs(plan, load);
  const pending = record.pendingReplan;
  if (pending && pending.planNumber === plan.planNumber && pending.scope !== 'retry') {
    // It stopped after deciding to replan, before the new plan arrived: ask for it again.
    const failed = graph.byId.get(pending.failedStepId);
    if (failed) {
      const failure = record.lastFailure?.stepId === failed.id ? record.lastFailure.error : 'the step failed';
      const state: ExecutionState = { status: 'failed', outputs, failed: { step: failed, error: failure }, notStarted: [], cancelled: [] };
      // The decision the stored replan-started event announced, carried out as it would have been.
      const decision: TailReplanDecision | FullReplanDecision =
        pending.scope === 'tail'
          ? { kind: 'replan', scope: 'tail', strategy: 'tail-only', keep: pending.kept, replace: pending.replaced }
          : { kind: 'replan', scope: 'full', strategy: 'full' };
      const failedPlan = { graph, state };
      return { kind: 'replan', planNumber: plan.planNumber, failed: failedPlan, request: nextRequestFor(decision, failedPlan) };
    }
  }
  // Otherwise run the last plan again, with every output it already has.
  return { kind: 'execute', planNumber: plan.planNumber, graph, completed: outputs };
}

function recompile(plan: PlanRecord, pipeline: Pipeline): StepGraph {
  const steps = plan.steps.map((step) => asRawStep({ ...step, dependsOn: step.dependsOn ?? [] }));
  const compiled = compilePlan({ steps }, pipeline.tools, { ...planLimitsOf(pipeline), limits: { ...planLimitsOf(pipeline).limits, maxSteps: Math.max(steps.length, pipeline.planning.maxSteps) } });
  if (!compiled.ok) {
    throw new RunStoreError(`plan ${plan.planNumber} of this run no longer compiles against the pipeline: ${compiled.problems.map((p) => p.message).join('; ')}`);
  }
  return compiled.graph;
}

/**
 * Every tool call the run finished before it stopped, in every session so far, so an identical call
 * after resuming reuses it. As while running, a call with side effects makes what came before it
 * stale (a read after a write must read again).
 */
function finishedCalls(record: RunRecord, pipeline: Pipeline, load: (stored: { output?: unknown; outputFile?: string }) => unknown, onWarning?: (message: string) => void) {
  const sideEffects = new Set(pipeline.tools.filter((tool) => tool.sideEffects === true).map((tool) => tool.name));
  let calls: { tool: string; args: unknown; output: unknown }[] = [];
  for (const call of record.finishedCalls) {
    if (sideEffects.has(call.tool)) {
      calls = [];
      continue;
    }
    try {
      calls.push({ tool: call.tool, args: call.args, output: load(call.stored) });
    } catch (error) {
      // An output that cannot be read back only means the call runs again if it is repeated.
      if (!(error instanceof RunStoreError)) throw error;
      onWarning?.(`${error.message}; an identical call will run again rather than reuse it`);
    }
  }
  return calls;
}
