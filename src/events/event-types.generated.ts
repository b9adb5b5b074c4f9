// Generated from schemas/events.schema.json by `npm run generate:types` (scripts/generate-types.ts). Do not edit:
// change the schema and regenerate. test/events/event-types-fresh.test.ts fails while this file is stale.

/**
 * One event of a run. `planexec run --json` prints every event as one JSON object per line (NDJSON) on stdout,
 * ending with run-finished. This schema describes this version's events; later versions may add kinds and fields,
 * so a consumer should ignore what it does not know.
 */
export type RunEvent = EventBody & {
  /** When it happened: an ISO 8601 UTC timestamp with milliseconds. */
  readonly time: string;
};

/** An event as the code emits it; the emitter adds `time`. */
export type EventBody =
  | RunStartedBody
  | RunResumedBody
  | PlanRequestedBody
  | LlmCalledBody
  | PlanRejectedBody
  | PlanAcceptedBody
  | StepPlannedBody
  | StepStartedBody
  | StepRetryingBody
  | StepSucceededBody
  | StepFailedBody
  | StepCancelledBody
  | StepSkippedBody
  | ReplanStartedBody
  | FailureToleratedBody
  | RunFinishedBody;

/** The run began: the pipeline was loaded and its inputs resolved. */
export interface RunStartedBody {
  readonly kind: 'run-started';
  /** The pipeline's name. */
  readonly pipeline: string;
  /** The pipeline file, as shown to the user. */
  readonly file: string;
  /** The resolved inputs, by name. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The run's id: its folder under .planexec/runs/. */
  readonly runId: string;
  /**
   * sha256 of the loaded pipeline (settings, task, tools, prompts); resume refuses a changed pipeline unless
   * --force.
   */
  readonly pipelineHash: string;
  /**
   * How the result reads, when that is known before any plan: the pipeline's resultFormat, else text when a result
   * template renders it. Absent otherwise: then an llm step's answer (the last step of the last plan) is Markdown,
   * a command's output text.
   */
  readonly resultFormat?: 'markdown' | 'text';
  /**
   * The folder the run started in (its workspace: where file and the tools' relative paths start), relative to the
   * run store's runs folder; resume continues there. Absent when the run has no store.
   */
  readonly workspace?: string;
}

/** planexec resume continued this run. */
export interface RunResumedBody {
  readonly kind: 'run-resumed';
  /** The run continued. */
  readonly runId: string;
  /**
   * Where it goes on: asking for the first plan, running the last plan with what it already has, or asking again
   * for the new plan it was waiting for.
   */
  readonly from: 'plan' | 'execute' | 'replan';
  /** The plan it goes on from (0 when there was none yet). */
  readonly planNumber: number;
  /** Resumed with --force although the pipeline changed. */
  readonly force: boolean;
}

/** The model is asked for a plan (or to repair one, or for a new plan after a failure). */
export interface PlanRequestedBody {
  readonly kind: 'plan-requested';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** 1 for the first request of this plan, then 2, 3… for repairs. */
  readonly attempt: number;
  /** plan: the first plan; repair: fix a rejected plan; replan: a new plan after a step failed. */
  readonly purpose: 'plan' | 'repair' | 'replan';
}

/** One model request finished (planning or an llm step). */
export interface LlmCalledBody {
  readonly kind: 'llm-called';
  /** What the call was for, e.g. plan, repair, replan, tool. */
  readonly purpose: string;
  /** Prompt tokens the endpoint reported. */
  readonly promptTokens: number;
  /** Completion tokens the endpoint reported. */
  readonly completionTokens: number;
  /** Time taken, in milliseconds. */
  readonly durationMs: number;
}

/** The model's plan did not compile; every problem found. */
export interface PlanRejectedBody {
  readonly kind: 'plan-rejected';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** Which request of this plan was rejected. */
  readonly attempt: number;
  /** Every problem found, each worded for a person and the model. */
  readonly problems: readonly PlanProblem[];
  /**
   * The rejected reply was read as it streamed (planning.stream), and some of its steps were announced by
   * step-planned events before the whole plan was found invalid.
   */
  readonly streamed?: boolean;
  /**
   * With streamed: the steps of the rejected reply that had started before the whole plan was checked; those still
   * running were cancelled. Their outputs are not used, except that an identical call in the repaired plan reuses
   * one that succeeded.
   */
  readonly ran?: readonly string[];
}

/** A plan compiled into a checked step DAG and is about to run. */
export interface PlanAcceptedBody {
  readonly kind: 'plan-accepted';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The plan's steps in the order the model wrote them. */
  readonly steps: readonly PlannedStep[];
  /** Number of steps on the longest dependency chain. */
  readonly criticalPathLength: number;
  /** Prompt tokens spent getting this plan (the planning call and its repairs). */
  readonly promptTokens?: number;
  /** Completion tokens spent getting this plan. */
  readonly completionTokens?: number;
  /**
   * Steps carried over from the previous plan (tail-only and retry-step); those that had succeeded do not run
   * again.
   */
  readonly kept?: readonly string[];
  /** The plan came from the plan cache (planning.cache), with no model call. */
  readonly cached?: boolean;
  /**
   * The plan was read as the model wrote it (planning.stream): steps announced by step-planned events may have
   * started before this event. The steps listed here are the whole plan, as in a plan that did not stream.
   */
  readonly streamed?: boolean;
}

/**
 * A step of a plan the model is still writing (planning.stream) passed every check it can pass alone: the plan
 * schema, a declared tool, arguments valid for it, references only to steps before it. It may start once its needs
 * have succeeded, before the plan is complete, unless `held` says why it waits. The plan-accepted event that
 * follows when the plan is complete lists every step again.
 */
export interface StepPlannedBody {
  readonly kind: 'step-planned';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step, as plan-accepted will list it. */
  readonly step: PlannedStep;
  /**
   * Why the step waits until the whole plan is checked before it may start, e.g. that its tool has side effects.
   */
  readonly held?: string;
}

/** A step started (its dependencies succeeded and a slot was free). */
export interface StepStartedBody {
  readonly kind: 'step-started';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step's id in its plan. */
  readonly stepId: string;
  /** The tool it runs. */
  readonly tool: string;
  /** What the step does (may be empty). */
  readonly action: string;
}

/** An attempt of a step failed for a transient reason and will be retried after a delay. */
export interface StepRetryingBody {
  readonly kind: 'step-retrying';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step's id in its plan. */
  readonly stepId: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** Most attempts the step gets: 1 + the tool's retries.attempts. */
  readonly maxAttempts: number;
  /** Wait before the next attempt, in milliseconds. */
  readonly delayMs: number;
  /** Why the attempt failed. */
  readonly error: string;
}

/** A step finished with an output. */
export interface StepSucceededBody {
  readonly kind: 'step-succeeded';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step's id in its plan. */
  readonly stepId: string;
  /** Time taken, in milliseconds. */
  readonly durationMs: number;
  /** The start of the output as one line (at most 200 characters). */
  readonly outputPreview: string;
  /** Something to know about the output, e.g. that it was truncated at execution.maxOutputBytes. */
  readonly note?: string;
  /**
   * True when an identical call (same tool, same final arguments) succeeded in an earlier plan of this run and its
   * output was reused instead of running the tool.
   */
  readonly reused?: boolean;
  /** The arguments the tool received, with output references filled in. */
  readonly args?: Readonly<Record<string, unknown>>;
  /** The whole output, as the tool's output format parses it (text, a list of lines, or JSON). */
  readonly output?: unknown;
  /** In the run store only: the file under the run's folder holding an output too large to keep inline. */
  readonly outputFile?: string;
  /**
   * With execution.backend bullmq: the worker process that ran the step (its --name, by default host-pid). Absent
   * when the step ran in the coordinator's own process (local backend, llm steps, reused outputs).
   */
  readonly worker?: string;
  /**
   * Present when the output is untrusted (data-flow policy): the step's tool says trust: untrusted, or its
   * arguments read untrusted data. Such an output may not reach an argument that accepts only trusted data, and
   * replanning never shows it to the model.
   */
  readonly untrusted?: true;
}

/** A step failed (after any retries); replanning may follow. */
export interface StepFailedBody {
  readonly kind: 'step-failed';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step's id in its plan. */
  readonly stepId: string;
  /** Time taken, in milliseconds. */
  readonly durationMs: number;
  /** What happened: the command, status or exception, with the tail of its output. */
  readonly error: string;
  /**
   * With execution.backend bullmq: the worker process that ran the step (its --name, by default host-pid). Absent
   * when the step ran in the coordinator's own process (local backend, llm steps, reused outputs).
   */
  readonly worker?: string;
}

/**
 * A running step was stopped: the run was interrupted, or another step failed under execution.onFailure: cancel.
 */
export interface StepCancelledBody {
  readonly kind: 'step-cancelled';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step's id in its plan. */
  readonly stepId: string;
  /** Time taken, in milliseconds. */
  readonly durationMs: number;
  /** Why, e.g. "step 2 failed" or "the run was interrupted". */
  readonly reason: string;
}

/** A step will not run in this plan because the run stopped first. */
export interface StepSkippedBody {
  readonly kind: 'step-skipped';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step's id in its plan. */
  readonly stepId: string;
  /** Why, e.g. "not started: step 2 failed". */
  readonly reason: string;
}

/**
 * A step failed and the replanning strategy decided what to do: rerun it, replace the tail of the plan, or write a
 * whole new plan.
 */
export interface ReplanStartedBody {
  readonly kind: 'replan-started';
  /** The plan that failed. */
  readonly planNumber: number;
  /** The replan strategy used. */
  readonly strategy: string;
  /** The step that failed. */
  readonly failedStepId: string;
  /** How many replanning decisions (retries included) this run has made, this one included. */
  readonly replanNumber: number;
  /**
   * full: a whole new plan; tail: the failed step and its dependents are replaced; retry: the failed step runs
   * again.
   */
  readonly scope: 'full' | 'tail' | 'retry';
  /** Steps of the failed plan that stay (their outputs are kept when they succeeded). */
  readonly kept: readonly string[];
  /** Steps of the failed plan that are replaced (or, for retry, rerun). */
  readonly replaced: readonly string[];
  /** retry: the model is asked for corrected arguments first. */
  readonly fixArgs?: boolean;
}

/** A step of a tool marked critical: false failed; nothing depends on it, so the run goes on without replanning. */
export interface FailureToleratedBody {
  readonly kind: 'failure-tolerated';
  /** Which plan of the run: 1, then 2, 3… after replans. */
  readonly planNumber: number;
  /** The step's id in its plan. */
  readonly stepId: string;
  /** Why the failure is tolerated. */
  readonly reason: string;
}

/** The last event of every run. */
export interface RunFinishedBody {
  readonly kind: 'run-finished';
  /**
   * How the run ended, and its exit code: succeeded (exit 0), failed (1), not-approved (1), invalid-input (2),
   * plan-failed (3), interrupted (130).
   */
  readonly status: RunStatus;
  /** The rendered result, when the run succeeded. */
  readonly result?: string;
  /** What went wrong, when it did not. */
  readonly error?: string;
  /** Totals of the run. */
  readonly usage: UsageTotals;
}

/**
 * A step of an accepted plan as events and the run store keep it: the step as the model wrote it (after the plan
 * schema accepted it, ids as strings) plus every step it waits for.
 */
export interface PlannedStep {
  /** The step id. */
  readonly id: string;
  /** What the step does, as the model put it (may be empty). */
  readonly action: string;
  /** The tool it runs. */
  readonly tool: string;
  /** Ids of every step it waits for: those its arguments reference and those in dependsOn. */
  readonly needs: readonly string[];
  /** The arguments as the model wrote them (references not yet filled in). */
  readonly args: Readonly<Record<string, unknown>>;
  /** Explicit ordering the model asked for. */
  readonly dependsOn: readonly string[];
  /**
   * Present when the step's output will be untrusted (data-flow policy): its tool says trust: untrusted, or its
   * arguments read untrusted data.
   */
  readonly untrusted?: true;
}

/** One problem with a plan, worded so that both a person and the model can act on it. */
export interface PlanProblem {
  /** A stable problem code, e.g. unknown-tool, cycle, dangling-reference. */
  readonly code: PlanProblemCode;
  /** The step the problem is about, if any. */
  readonly stepId?: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** What kind of problem a plan has; messages may be reworded, codes stay. */
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
  | 'url-path-argument'
  | 'path-outside-workspace'
  | 'path-not-allowed'
  | 'repeats-kept-step'
  | 'untrusted-flow';

/** What a run spent: model calls and their tokens, replans, and the tool calls it ran or reused. */
export interface UsageTotals {
  /** Model requests made. */
  readonly llmCalls: number;
  /** Prompt tokens spent. */
  readonly promptTokens: number;
  /** Completion tokens spent. */
  readonly completionTokens: number;
  /** Replans made. */
  readonly replans: number;
  /** Tool calls that really ran (a step's retries inside one run count once; reused steps do not count). */
  readonly stepRuns: number;
  /** Steps whose output was reused from an identical call of an earlier plan instead of running again. */
  readonly reusedSteps: number;
}

/**
 * How the run ended, and its exit code: succeeded (exit 0), failed (1), not-approved (1), invalid-input (2),
 * plan-failed (3), interrupted (130).
 */
export type RunStatus = 'succeeded' | 'failed' | 'plan-failed' | 'interrupted' | 'invalid-input' | 'not-approved';
