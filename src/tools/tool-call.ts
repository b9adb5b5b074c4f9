// One call of a tool, the same for every kind: arguments in (already checked against the tool's
// schema) with the context of the step, an output value out, or a ToolError whose message tells what
// happened. Each kind's runner keeps to it (tools/kinds/<kind>/run-<kind>.ts).

import type { LlmClient, ModelSettings, TokenUsage } from '../llm/types.ts';
import type { Redactor } from './create-redactor.ts';
import type { Resolve } from './kinds/http/guarded-request.ts';
import type { ToolSpec } from './tool-spec.ts';

export interface ToolContext {
  /** Aborted when the step is cancelled (Ctrl-C, or another step failed under onFailure: cancel). */
  readonly signal: AbortSignal;
  /** Directory commands run in unless the tool declares its own `cwd`. */
  readonly cwd: string;
  readonly llm: LlmClient;
  readonly model: ModelSettings;
  readonly maxOutputBytes: number;
  /** Timeout of one call when the tool sets none (execution.stepTimeout). */
  readonly timeoutMs: number;
  /**
   * Folders of the workspace a plan may write under (the pipeline's `writable`, normalized: `out`,
   * `docs/generated`); `writes: true` arguments must lead into one. Default: out.
   */
  readonly writable?: readonly string[];
  /** The runner's environment; tools see only a minimal part of it (see run-command.ts, render-http-request.ts). */
  readonly env: NodeJS.ProcessEnv;
  /** Time a stopped command gets between SIGTERM and SIGKILL; default 2 s. */
  readonly killGraceMs?: number;
  /** How http tools resolve host names; dns.lookup by default (tests inject answers). */
  readonly resolve?: Resolve;
  /** The step this call belongs to (set by the executor), for backends that run it elsewhere. */
  readonly step?: { readonly planNumber: number; readonly stepId: string };
  /**
   * The run's secrets. Wherever a runner cuts text (the output cap, an error's tail, a shortened
   * command line), a secret the cut falls inside is masked, so no part of one is left; the executor
   * masks them in the output previews of events.
   */
  readonly redactor?: Redactor;
}

export interface ToolResult {
  readonly output: unknown;
  readonly usage?: TokenUsage;
  /** Something the user should know, e.g. that output was truncated. */
  readonly note?: string;
  /** The worker process that ran the call, when it ran on one (execution.backend bullmq). */
  readonly worker?: string;
}

export type ToolRunner<T extends ToolSpec = ToolSpec> = (tool: T, args: Readonly<Record<string, unknown>>, context: ToolContext) => Promise<ToolResult>;

interface ToolErrorDetails {
  /** The same call may well succeed later: HTTP 429/5xx, a network error, a declared exit code. */
  readonly transient?: boolean;
  /** How long the other side asked us to wait (HTTP Retry-After). */
  readonly retryAfterMs?: number;
  readonly timedOut?: boolean;
  /** The worker process the call failed on, when it ran on one. */
  readonly worker?: string;
}

/** A tool call failed; `message` is one readable line plus, where useful, an output tail. */
export class ToolError extends Error {
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;
  readonly timedOut: boolean;
  readonly worker: string | undefined;
  constructor(message: string, details: ToolErrorDetails = {}) {
    super(message);
    this.name = 'ToolError';
    this.transient = details.transient ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.timedOut = details.timedOut ?? false;
    this.worker = details.worker;
  }
}
