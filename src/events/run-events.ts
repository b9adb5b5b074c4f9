// Everything a run does is an event. The terminal view, the plain CI log, `--json` output and (later)
// the run store all consume this one stream. Each event is a plain JSON-serialisable object.
// A leaf: the shapes events carry (plan steps, plan problems) are defined here, not imported.

/** A step as written by the model, after the plan schema accepted it (ids normalised to strings). */
export interface PlanStep {
  readonly id: string;
  readonly action: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly dependsOn: readonly string[];
}

export type PlanProblemCode =
  | 'not-json'
  | 'plan-shape'
  | 'step-shape'
  | 'empty-plan'
  | 'too-many-steps'
  | 'duplicate-id'
  | 'unknown-tool'
  | 'missing-argument'
  | 'unknown-argument'
  | 'wrong-argument-type'
  | 'invalid-argument'
  | 'arguments-too-large'
  | 'arguments-too-deep'
  | 'dangling-reference'
  | 'foreign-reference'
  | 'self-reference'
  | 'path-into-non-json'
  | 'dangling-dependency'
  | 'cycle'
  | 'plan-too-large'
  | 'plan-too-deep'
  | 'forbidden-key'
  | 'unsafe-text'
  | 'option-like-argument'
  | 'path-outside-workspace'
  | 'repeats-kept-step';

/** One problem with a plan, worded so that both a person and the model can act on it. */
export interface PlanProblem {
  readonly code: PlanProblemCode;
  /** The step the problem is about, when there is one. */
  readonly stepId?: string;
  readonly message: string;
}


export interface UsageTotals {
  readonly llmCalls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly replans: number;
  /** Tool calls that really ran (retries of a step inside one run count once). */
  readonly stepRuns: number;
  /** Steps whose output was reused from an identical call of an earlier plan. */
  readonly reusedSteps: number;
}

/** A step of an accepted plan as events and the run store keep it: the plan step plus every step it waits for. */
export interface PlannedStep extends PlanStep {
  /** Every step it waits for: referenced and dependsOn. */
  readonly needs: readonly string[];
}

export type RunStatus = 'succeeded' | 'failed' | 'plan-failed' | 'interrupted' | 'invalid-input' | 'not-approved';

type EventBody =
  | {
      readonly kind: 'run-started';
      readonly runId: string;
      readonly pipeline: string;
      readonly file: string;
      /** sha256 of the pipeline file and the tool files it imports, to notice a changed pipeline on resume. */
      readonly pipelineHash: string;
      readonly inputs: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'run-resumed'; readonly runId: string; readonly from: 'plan' | 'execute' | 'replan'; readonly planNumber: number; readonly force: boolean }
  | { readonly kind: 'plan-requested'; readonly planNumber: number; readonly attempt: number; readonly purpose: 'plan' | 'repair' | 'replan' }
  | { readonly kind: 'llm-called'; readonly purpose: string; readonly promptTokens: number; readonly completionTokens: number; readonly durationMs: number }
  | {
      readonly kind: 'plan-rejected';
      readonly planNumber: number;
      readonly attempt: number;
      readonly problems: readonly PlanProblem[];
      /** The rejected reply was read as a stream (planning.stream) and some of its steps were announced. */
      readonly streamed?: boolean;
      /** With streamed: the steps that had started before the whole plan was checked (running ones were cancelled). */
      readonly ran?: readonly string[];
    }
  | {
      readonly kind: 'step-planned';
      readonly planNumber: number;
      /** A step of a plan still being written that passed every check it can pass alone. */
      readonly step: PlannedStep;
      /** Why it waits for the whole plan to be checked before it may start (a tool with side effects); absent: it may start once its needs succeed. */
      readonly held?: string;
    }
  | {
      readonly kind: 'plan-accepted';
      readonly planNumber: number;
      readonly steps: readonly PlannedStep[];
      readonly criticalPathLength: number;
      /** Tokens spent getting this plan (planning call and repairs). */
      readonly promptTokens?: number;
      readonly completionTokens?: number;
      /** Steps carried over from the previous plan (tail-only, retry-step). */
      readonly kept?: readonly string[];
      /** The plan came from the plan cache (planning.cache), with no model call. */
      readonly cached?: boolean;
      /** The plan was read as the model wrote it: steps announced by step-planned events may have started already. */
      readonly streamed?: boolean;
    }
  | { readonly kind: 'step-started'; readonly planNumber: number; readonly stepId: string; readonly tool: string; readonly action: string }
  | { readonly kind: 'step-succeeded'; readonly planNumber: number; readonly stepId: string; readonly durationMs: number; readonly outputPreview: string; readonly note?: string; readonly reused?: boolean;
      /** The arguments the tool received, references filled in. */
      readonly args?: Readonly<Record<string, unknown>>;
      /** The whole output (as parsed by the tool's output format); in the run store, large ones live in `outputFile` instead. */
      readonly output?: unknown;
      readonly outputFile?: string;
      /** The worker process that ran the step (execution.backend bullmq); absent when it ran in this process. */
      readonly worker?: string }
  | { readonly kind: 'step-failed'; readonly planNumber: number; readonly stepId: string; readonly durationMs: number; readonly error: string;
      /** The worker process the step failed on (execution.backend bullmq). */
      readonly worker?: string }
  | {
      readonly kind: 'step-retrying';
      readonly planNumber: number;
      readonly stepId: string;
      /** The attempt that just failed, from 1. */
      readonly attempt: number;
      /** Most attempts the step gets: the first plus the tool's `retries.attempts`. */
      readonly maxAttempts: number;
      /** Wait before the next attempt. */
      readonly delayMs: number;
      readonly error: string;
    }
  | { readonly kind: 'step-cancelled'; readonly planNumber: number; readonly stepId: string; readonly durationMs: number; readonly reason: string }
  | { readonly kind: 'step-skipped'; readonly planNumber: number; readonly stepId: string; readonly reason: string }
  | {
      readonly kind: 'replan-started';
      readonly planNumber: number;
      readonly strategy: string;
      readonly failedStepId: string;
      readonly replanNumber: number;
      readonly scope: 'full' | 'tail' | 'retry';
      readonly kept: readonly string[];
      readonly replaced: readonly string[];
      readonly fixArgs?: boolean;
    }
  | { readonly kind: 'failure-tolerated'; readonly planNumber: number; readonly stepId: string; readonly reason: string }
  | {
      readonly kind: 'run-finished';
      readonly status: RunStatus;
      readonly result?: string;
      readonly error?: string;
      readonly usage: UsageTotals;
    };

export type RunEvent = EventBody & { readonly time: string };
export type RunEventKind = RunEvent['kind'];
export type EventOf<K extends RunEventKind> = Extract<RunEvent, { kind: K }>;

export type EventSink = (event: RunEvent) => void;

/** Distributes `EventBody` values, stamping each with the injected clock's time. */
export function createEventEmitter(sinks: readonly EventSink[], now: () => Date = () => new Date()) {
  return (body: EventBody): void => {
    const event = { ...body, time: now().toISOString() } as RunEvent;
    for (const sink of sinks) sink(event);
  };
}

export type EmitEvent = ReturnType<typeof createEventEmitter>;
export type { EventBody };
