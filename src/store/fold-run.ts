// A run's state as a pure fold over its events: the plans, what each step did, the replans, the usage.
// `show`, `runs` and `resume` all read a run this way.

import type { EventOf, PlannedStep, RunEvent, RunStatus, UsageTotals } from '../events/run-events.ts';

export type StepStatus = 'waiting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped' | 'tolerated';

export interface StepRecord {
  readonly step: PlannedStep;
  status: StepStatus;
  durationMs?: number;
  outputPreview?: string;
  /** Present when the step succeeded: inline output or the file holding it. */
  stored?: { readonly output?: unknown; readonly outputFile?: string };
  /** The arguments the tool received (references filled in), when it succeeded. */
  finalArgs?: Readonly<Record<string, unknown>>;
  error?: string;
  reused?: boolean;
  kept?: boolean;
  /** The worker process that ran it last (execution.backend bullmq). */
  worker?: string;
  attempts: number;
}

export interface PlanRecord {
  readonly planNumber: number;
  readonly steps: readonly PlannedStep[];
  readonly kept: readonly string[];
  readonly criticalPathLength: number;
  readonly tokens: number;
  readonly cached: boolean;
  readonly records: Map<string, StepRecord>;
}

export interface RunRecord {
  readonly runId: string;
  readonly pipeline: string;
  readonly file: string;
  /** Where the run started, relative to the runs folder (run-started's `workspace`); older runs have none. */
  readonly workspace?: string;
  readonly pipelineHash: string;
  /** run-started's `resultFormat`: how the result reads, when the pipeline said so. */
  readonly resultFormat?: 'markdown' | 'text';
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly startedAt: string;
  /** Time of the last event. */
  lastAt: string;
  /** `running` when there is no run-finished after the last start or resume: it stopped without finishing. */
  status: RunStatus | 'running';
  result?: string;
  error?: string;
  readonly plans: PlanRecord[];
  readonly replans: EventOf<'replan-started'>[];
  /** Steps of a streamed plan the run stopped in before the plan was complete. */
  readonly unfinishedStream: StepRecord[];
  /** Steps of a streamed plan that started before the whole plan was found invalid. */
  readonly ranBeforeRejection: { readonly planNumber: number; readonly records: readonly StepRecord[] }[];
  /** A replan was decided but its plan never arrived (the run stopped while replanning). */
  pendingReplan?: EventOf<'replan-started'>;
  /**
   * Every tool call that succeeded, in the order it did, in whichever session and plan (a plan that
   * was later replaced, a streamed one never completed): what `resume` may reuse.
   */
  readonly finishedCalls: FinishedCall[];
  /** The failure the last execution ended with. */
  lastFailure?: { readonly planNumber: number; readonly stepId: string; readonly error: string };
  usage: UsageTotals;
  resumes: number;
}

export interface FinishedCall {
  readonly planNumber: number;
  readonly stepId: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly stored: { readonly output?: unknown; readonly outputFile?: string };
}

type MutableUsage = { -readonly [K in keyof UsageTotals]: UsageTotals[K] };
const emptyUsage = (): MutableUsage => ({ llmCalls: 0, promptTokens: 0, completionTokens: 0, replans: 0, stepRuns: 0, reusedSteps: 0 });

export function foldRun(events: readonly RunEvent[]): RunRecord {
  const start = events[0] as EventOf<'run-started'>;
  const run: RunRecord = {
    runId: start.runId,
    pipeline: start.pipeline,
    file: start.file,
    ...(start.workspace !== undefined ? { workspace: start.workspace } : {}),
    pipelineHash: start.pipelineHash,
    ...(start.resultFormat !== undefined ? { resultFormat: start.resultFormat } : {}),
    inputs: start.inputs,
    startedAt: start.time,
    lastAt: start.time,
    status: 'running',
    plans: [],
    replans: [],
    ranBeforeRejection: [],
    unfinishedStream: [],
    finishedCalls: [],
    usage: emptyUsage(),
    resumes: 0,
  };
  // Usage is counted from the events, so a run that never finished still has right totals.
  const counted = emptyUsage();
  const planOf = (planNumber: number) => run.plans.find((plan) => plan.planNumber === planNumber);
  // Steps of a plan read as a stream, announced (and maybe run) before its plan-accepted.
  const announced = new Map<number, Map<string, StepRecord>>();
  const recordOf = (event: { planNumber: number; stepId: string }) => planOf(event.planNumber)?.records.get(event.stepId) ?? announced.get(event.planNumber)?.get(event.stepId);

  for (const event of events) {
    run.lastAt = event.time;
    switch (event.kind) {
      case 'run-resumed':
        run.resumes++;
        run.status = 'running';
        delete run.result;
        delete run.error;
        break;
      case 'llm-called':
        counted.llmCalls++;
        counted.promptTokens += event.promptTokens;
        counted.completionTokens += event.completionTokens;
        break;
      case 'plan-accepted': {
        const kept = event.kept ?? [];
        const records = new Map<string, StepRecord>(
          event.steps.map((step) => [step.id, { step, status: kept.includes(step.id) ? 'succeeded' : 'waiting', kept: kept.includes(step.id), attempts: 0 }]),
        );
        // Streamed steps carry over what they did before the plan was complete.
        for (const [id, early] of announced.get(event.planNumber) ?? []) {
          const record = records.get(id);
          if (record) records.set(id, { ...early, step: record.step });
        }
        announced.delete(event.planNumber);
        // Kept steps carry their outputs over from the plan they ran in.
        for (const id of kept) {
          const earlier = [...run.plans].reverse().find((plan) => plan.records.get(id)?.status === 'succeeded')?.records.get(id);
          const record = records.get(id);
          // A damaged log may keep a step its plan does not have.
          if (record === undefined) continue;
          if (earlier?.stored) record.stored = earlier.stored;
          if (earlier?.outputPreview !== undefined) record.outputPreview = earlier.outputPreview;
        }
        const existing = run.plans.findIndex((plan) => plan.planNumber === event.planNumber);
        const plan: PlanRecord = {
          planNumber: event.planNumber,
          steps: event.steps,
          kept,
          criticalPathLength: event.criticalPathLength,
          tokens: (event.promptTokens ?? 0) + (event.completionTokens ?? 0),
          cached: event.cached === true,
          records,
        };
        if (existing >= 0) run.plans[existing] = plan;
        else run.plans.push(plan);
        delete run.pendingReplan;
        break;
      }
      case 'step-planned': {
        const steps = announced.get(event.planNumber) ?? announced.set(event.planNumber, new Map()).get(event.planNumber)!;
        steps.set(event.step.id, { step: event.step, status: 'waiting', attempts: 0 });
        break;
      }
      case 'plan-rejected': {
        // The streamed reply was invalid: its steps belong to no plan, but what ran is kept for the audit trail.
        const early = announced.get(event.planNumber);
        const ran = [...(early?.values() ?? [])].filter((record) => record.attempts > 0);
        if (ran.length > 0) run.ranBeforeRejection.push({ planNumber: event.planNumber, records: ran });
        announced.delete(event.planNumber);
        break;
      }
      case 'step-started': {
        const record = recordOf(event);
        if (record) {
          record.status = 'running';
          record.attempts++;
        }
        counted.stepRuns++;
        break;
      }
      case 'step-succeeded': {
        const record = recordOf(event);
        if (record) {
          record.status = 'succeeded';
          record.durationMs = event.durationMs;
          record.outputPreview = event.outputPreview;
          record.stored = { ...(event.output !== undefined ? { output: event.output } : {}), ...(event.outputFile !== undefined ? { outputFile: event.outputFile } : {}) };
          if (event.reused) record.reused = true;
          if (event.args !== undefined) record.finalArgs = event.args;
          if (event.worker !== undefined) record.worker = event.worker;
          // A later plan-accepted replaces this plan's records (a resume re-announces it, its done
          // steps as kept), so the call is remembered here, as it happened.
          if (event.args !== undefined && !event.reused) run.finishedCalls.push({ planNumber: event.planNumber, stepId: event.stepId, tool: record.step.tool, args: event.args, stored: record.stored });
        }
        if (event.reused) {
          counted.stepRuns--;
          counted.reusedSteps++;
        }
        break;
      }
      case 'step-failed': {
        const record = recordOf(event);
        if (record) {
          record.status = 'failed';
          record.durationMs = event.durationMs;
          record.error = event.error;
          if (event.worker !== undefined) record.worker = event.worker;
        }
        run.lastFailure = { planNumber: event.planNumber, stepId: event.stepId, error: event.error };
        break;
      }
      case 'step-cancelled': {
        const record = recordOf(event);
        if (record) {
          record.status = 'cancelled';
          record.durationMs = event.durationMs;
          record.error = event.reason;
        }
        break;
      }
      case 'step-skipped': {
        const record = recordOf(event);
        if (record) record.status = 'skipped';
        break;
      }
      case 'failure-tolerated': {
        const record = recordOf(event);
        if (record) record.status = 'tolerated';
        break;
      }
      case 'replan-started':
        run.replans.push(event);
        if (event.scope !== 'retry') counted.replans++;
        run.pendingReplan = event;
        break;
      case 'run-finished':
        run.status = event.status;
        if (event.result !== undefined) run.result = event.result;
        if (event.error !== undefined) run.error = event.error;
        break;
      // The run's identity comes from its first event; requests and retries change no record
      // (attempts are counted from step-started).
      case 'run-started':
      case 'plan-requested':
      case 'step-retrying':
        break;
      default: {
        // A new event kind is a type error here; a stored run from a newer planexec still reads.
        const unhandled: never = event;
        void unhandled;
        break;
      }
    }
  }
  // A retry decision is followed by a plan-accepted of the same steps; anything else pending means
  // the run stopped between deciding to replan and receiving the new plan.
  run.usage = counted;
  // A streamed plan the run stopped in before it was complete: what its steps did is still known.
  for (const records of announced.values()) run.unfinishedStream.push(...records.values());
  return run;
}

/** Outputs of every step that succeeded in a plan (kept ones included), by id. */
export function succeededOutputs(plan: PlanRecord, load: (stored: NonNullable<StepRecord['stored']>) => unknown): Map<string, unknown> {
  const outputs = new Map<string, unknown>();
  for (const [id, record] of plan.records) if (record.status === 'succeeded' && record.stored) outputs.set(id, load(record.stored));
  return outputs;
}
