// The settings a pipeline runs with: what planexec.config.yaml and a pipeline's own sections set,
// merged over the defaults (defaults.ts).

import type { ModelSettings } from '../llm/types.ts';

export type ReplanStrategyName = 'full' | 'tail-only' | 'retry-step' | 'none';

export interface PlanningSettings {
  readonly maxSteps: number;
  readonly maxRepairs: number;
  /** Largest JSON size of one step's arguments, in bytes. */
  readonly maxArgumentBytes: number;
  /** Deepest nesting of one step's arguments. */
  readonly maxArgumentDepth: number;
  /** Reuse the stored plan of an identical planning request. */
  readonly cache: boolean;
  /** Largest model reply, in bytes, that is read as a plan. */
  readonly maxPlanBytes: number;
  /** Read the first plan as the model writes it and start checked steps before it is complete (when the client can stream). */
  readonly stream: boolean;
}

export interface ReplanSettings {
  readonly strategy: ReplanStrategyName;
  readonly maxReplans: number;
  /** retry-step: reruns of a failed step before the fallback. */
  readonly retries: number;
  /** retry-step: ask the model for corrected arguments before a rerun. */
  readonly fixArgs: boolean;
  /** retry-step: what follows when the retries are spent. */
  readonly fallback: 'full' | 'tail-only' | 'none';
}

/** Limits on what a run may spend on the model; checked before each call. */
export interface BudgetSettings {
  readonly maxLlmCalls?: number;
  /** Prompt plus completion tokens, as the API reports them. */
  readonly maxTokens?: number;
}

/** After a step fails: let running steps finish (`wait`) or cancel them (`cancel`). */
export type FailurePolicy = 'wait' | 'cancel';

export interface ExecutionSettings {
  readonly concurrency: number;
  readonly stepTimeoutMs: number;
  readonly maxOutputBytes: number;
  readonly onFailure: FailurePolicy;
  /** Where steps run: absent means in this process; `bullmq` sends them to workers through Redis. */
  readonly backend?: BackendSettings;
}

/** `execution.backend`: run steps in-process (`local`) or as BullMQ jobs that `planexec worker` processes run. */
export type BackendSettings =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'bullmq';
      /** redis://[user:password@]host[:port][/db], or rediss://… for TLS. */
      readonly redis: string;
      /** Queue name; default "planexec". */
      readonly queue?: string;
    };

/** What the compiler does about untrusted data that can reach an argument accepting only trusted data. */
export type UntrustedFlowPolicy = 'reject' | 'ask';

/** The data-flow policy (`policy:`). */
export interface PolicySettings {
  /** reject: a plan problem, repaired like any other; ask: the plan runs only once approved. */
  readonly untrustedFlow: UntrustedFlowPolicy;
}

export interface Settings {
  readonly model: ModelSettings;
  readonly planning: PlanningSettings;
  readonly replan: ReplanSettings;
  readonly budget: BudgetSettings;
  readonly execution: ExecutionSettings;
  readonly policy: PolicySettings;
}

