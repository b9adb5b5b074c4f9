// The options of runPipeline, resumeRun and planPipeline, and their normalizing: every default is
// applied here, once, so the code after it reads the options as they are.

import type { StepBackend } from '../execute/step-backend.ts';
import type { EventSink, RunEvent } from '../events/run-events.ts';
import type { LlmClient } from '../llm/types.ts';
import type { ProjectConfig } from '../config/load-config.ts';
import type { ReplanStrategyName } from '../pipeline/types.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import type { InputValue } from './resolve-inputs.ts';

/**
 * Asked before a plan runs when the pipeline sets `approve: true` or a planned tool sets `confirm: true`.
 * The graph is the plan as the model wrote it; `redact` masks the run's secrets in text made from it
 * for someone to read.
 */
export type ApprovePlan = (request: { readonly graph: StepGraph; readonly planNumber: number; readonly reason: string; readonly redact: (text: string) => string }) => Promise<boolean>;

export interface RunOptions {
  readonly llm: LlmClient;
  readonly inputs?: Readonly<Record<string, InputValue>>;
  readonly onEvent?: EventSink | readonly EventSink[];
  readonly signal?: AbortSignal;
  /** Where commands run; default process.cwd(). */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides execution.concurrency. */
  readonly concurrency?: number;
  /** Overrides replan.strategy. */
  readonly strategy?: ReplanStrategyName;
  readonly now?: () => Date;
  /** Keep the run in a run store: `<root>/<run-id>/` (the CLI uses `.planexec/runs`). */
  readonly store?: { readonly root: string };
  /** Folder of the plan cache; used when the pipeline sets planning.cache (the CLI: `.planexec/cache/plans`). */
  readonly planCacheDir?: string;
  /** Asked before a plan runs when approval is needed; without it such a run stops with exit 2. */
  readonly approve?: ApprovePlan;
  /** Applied to every event before it reaches the run store or a sink (secret redaction). */
  readonly redact?: (event: RunEvent) => RunEvent;
  /** Where tool calls run (e.g. openQueueBackend: workers through Redis); default: in this process. */
  readonly backend?: StepBackend;
  /**
   * A plan to run instead of asking the model for the first one (`run --plan`; made with
   * compileStaticPlan). Without it, a pipeline's fixed `plan:` is compiled and run. Replans still ask the model.
   */
  readonly plan?: StepGraph;
  /**
   * Told about what the run changed on its own (fewer steps at once for the open-file limit; a plan
   * schema sent with strict: false, naming the tool and keyword; for resume, a torn last line).
   */
  readonly onWarning?: (message: string) => void;
}

export interface ResumeOptions extends Omit<RunOptions, 'inputs' | 'store'> {
  readonly root: string;
  /** Resume even though the pipeline changed since the run began. */
  readonly force?: boolean;
  readonly config?: ProjectConfig;
}

export interface PlanOptions {
  readonly llm: LlmClient;
  readonly inputs?: Readonly<Record<string, InputValue>>;
  readonly onEvent?: EventSink | readonly EventSink[];
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /** Told once when the pipeline's plan schema cannot be sent strict (which tool, which keyword). */
  readonly onWarning?: (message: string) => void;
}

type Defaulted = 'inputs' | 'onEvent' | 'signal' | 'cwd' | 'env' | 'now';

/** What every run reads, defaults applied. */
export interface NormalizedRunOptions extends Omit<RunOptions, Defaulted> {
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly sinks: readonly EventSink[];
  /** A signal that never fires when none was given. */
  readonly signal: AbortSignal;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

/** Run or resume options with the defaults applied; the other options (a resume's root, force…) pass as they are. */
export function normalizeRunOptions<Options extends RunOptions>(options: Options): Omit<Options, Defaulted> & NormalizedRunOptions {
  const { inputs, onEvent, signal, cwd, env, now, ...rest } = options;
  return {
    ...rest,
    inputs: inputs ?? {},
    sinks: sinksOf(onEvent),
    signal: signal ?? new AbortController().signal,
    cwd: cwd ?? process.cwd(),
    env: env ?? process.env,
    now: now ?? (() => new Date()),
  };
}

/** What planning reads, defaults applied. */
interface NormalizedPlanOptions {
  readonly llm: LlmClient;
  readonly inputs: Readonly<Record<string, InputValue>>;
  readonly sinks: readonly EventSink[];
  /** Left unset when none was given: the planning requests then carry none. */
  readonly signal?: AbortSignal;
  /** Planning takes no env option: secrets to redact are the process's. */
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

export function normalizePlanOptions(options: PlanOptions): NormalizedPlanOptions {
  return {
    llm: options.llm,
    inputs: options.inputs ?? {},
    sinks: sinksOf(options.onEvent),
    ...(options.signal ? { signal: options.signal } : {}),
    env: process.env,
    now: options.now ?? (() => new Date()),
  };
}

function sinksOf(onEvent: EventSink | readonly EventSink[] | undefined): readonly EventSink[] {
  if (onEvent === undefined) return [];
  return typeof onEvent === 'function' ? [onEvent] : onEvent;
}
