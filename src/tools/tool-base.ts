// What every tool shares, whatever its kind: the contract the model sees (name, description, args,
// output) and the settings of a declared tool (timeout, retries, idempotent).

import type { SourcePosition } from '../source/diagnostic.ts';

export type JsonSchema = Readonly<Record<string, unknown>>;

export type OutputFormat = 'text' | 'lines' | 'json';

export interface ToolBase {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments a plan may pass to this tool. */
  readonly args: JsonSchema;
  readonly output: OutputFormat;
  /** false: a failed step of this tool that nothing depends on does not stop the run (default true). */
  readonly critical?: boolean;
  /** true: a plan using this tool must be approved before it runs. */
  readonly confirm?: boolean;
  /** true: the tool changes something outside the run, so its steps never start before the whole plan is checked (planning.stream). */
  readonly sideEffects?: boolean;
  /** untrusted: the output is data from outside the user's control; it and everything computed from it is untrusted. */
  readonly trust?: 'untrusted';
  /** trusted: no argument may carry untrusted data; any: every one may. Absent: trusted for a tool with side effects, else any. */
  readonly accepts?: 'trusted' | 'any';
  /** Where the tool was declared, for messages. */
  readonly source?: SourcePosition;
  /** For a tool of a tool file: the pipeline's `use:` that imported it (tool-origin.ts names it instead of a file in node_modules). */
  readonly importedAt?: SourcePosition;
}

/** Retries of a step's tool call after a transient failure, before replanning is involved. */
export interface RetryPolicy {
  /** Retries after the first failure: a step runs at most `attempts + 1` times. */
  readonly attempts: number;
  /** Delay before the first retry; it doubles with each further retry (with jitter). */
  readonly backoffMs: number;
  /** Upper bound of one delay, also for a server's Retry-After. */
  readonly maxBackoffMs: number;
}

/** What every tool a pipeline declares (as opposed to a built-in one) may set. */
export interface DeclaredToolBase extends ToolBase {
  /** How long one call may run; defaults to execution.stepTimeout. */
  readonly timeoutMs?: number;
  readonly retries?: RetryPolicy;
  /** false: on workers, a step interrupted when its worker stopped fails instead of running again (default true). */
  readonly idempotent?: boolean;
}
