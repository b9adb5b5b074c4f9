// The typed, validated pipeline every later stage works from. Built once by loadPipeline;
// trusted afterwards (one way through: validated at the edge where it enters).

import type { BudgetSettings, ExecutionSettings, PlanningSettings, ReplanSettings } from '../config/settings.ts';
import type { ModelSettings } from '../llm/types.ts';
import type { Diagnostic, SourcePosition } from '../source/diagnostic.ts';

// Settings are config's types; re-exported because a pipeline carries them and most stages read them from it.
export type { BackendSettings, BudgetSettings, ExecutionSettings, FailurePolicy, PlanningSettings, ReplanSettings, ReplanStrategyName } from '../config/settings.ts';
export type { ModelSettings } from '../llm/types.ts';

export type JsonSchema = Readonly<Record<string, unknown>>;

export type OutputFormat = 'text' | 'lines' | 'json';

export interface InputSpec {
  readonly type: 'string' | 'number' | 'boolean';
  readonly description?: string;
  readonly default?: string | number | boolean;
  /** True when no default is given: the run needs `--input name=value`. */
  readonly required: boolean;
}

interface ToolBase {
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
  /** Where the tool was declared, for messages. */
  readonly source?: SourcePosition;
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
interface DeclaredToolBase extends ToolBase {
  /** How long one call may run; defaults to execution.stepTimeout. */
  readonly timeoutMs?: number;
  readonly retries?: RetryPolicy;
  /** false: on workers, a step interrupted when its worker stopped fails instead of running again (default true). */
  readonly idempotent?: boolean;
}

export interface CommandTool extends DeclaredToolBase {
  readonly kind: 'command';
  /** argv; each element is a Handlebars template over `args` rendered without HTML escaping; never a shell line. */
  readonly command: readonly string[];
  /** Working directory (absolute); defaults to the directory the run starts in. */
  readonly cwd?: string;
  /** Extra environment variables for the process; a value may use `{{secrets.NAME}}` (and nothing else). */
  readonly env?: Readonly<Record<string, string>>;
  /** Exit codes that mean "try again later" (e.g. 75, EX_TEMPFAIL); retried when `retries` is set. */
  readonly retryOn?: readonly number[];
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpTool extends DeclaredToolBase {
  readonly kind: 'http';
  readonly method: HttpMethod;
  /** Handlebars template over `args`; each value is percent-encoded where it is inserted. */
  readonly url: string;
  /** Query parameters, each a Handlebars template over `args`; a parameter that renders empty is left out. */
  readonly query?: Readonly<Record<string, string>>;
  /** Header values, Handlebars templates over `args`, `secrets` and `env` (variables named by the template). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A string: a Handlebars template over `args`, sent as is. A map or list: sent as JSON, each string in it a
   * template over `args`, and a string that is exactly `{{args.x}}` replaced by the argument's value itself.
   */
  readonly body?: unknown;
  /** Hosts the request and its redirects may go to (`*.example.com` matches subdomains). */
  readonly allowHosts: readonly string[];
  /** Allow link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, metadata.google.internal…); default false. */
  readonly allowLinkLocal?: boolean;
}

export interface ModuleTool extends DeclaredToolBase {
  readonly kind: 'module';
  /** Absolute path of the JS/TS module. */
  readonly module: string;
  /** Name of the exported function, called as `fn(args, { signal })`. */
  readonly export: string;
}

export interface LlmTool extends ToolBase {
  readonly kind: 'llm';
}

/** A tool a pipeline or tool file declares. */
export type DeclaredToolSpec = CommandTool | HttpTool | ModuleTool;

export type ToolSpec = DeclaredToolSpec | LlmTool;

export interface Pipeline {
  /** Absolute path of the pipeline file. */
  readonly file: string;
  /** Path as shown to the user. */
  readonly displayPath: string;
  readonly version: 1;
  readonly name: string;
  readonly description?: string;
  /** Handlebars template over `inputs`. */
  readonly task: string;
  readonly inputs: Readonly<Record<string, InputSpec>>;
  /** Environment variables whose values are secrets: passed only to tools that name them, redacted everywhere else. */
  readonly secrets?: readonly string[];
  readonly model: ModelSettings;
  /** Declared tools, `use:` imports resolved, plus the built-in `llm` tool. */
  readonly tools: readonly ToolSpec[];
  /** Prompt template sources (file contents already read); absent means the built-in default. */
  readonly prompts: { readonly plan?: string; readonly replan?: string; readonly repair?: string; readonly tail?: string };
  readonly planning: PlanningSettings;
  readonly replan: ReplanSettings;
  readonly budget: BudgetSettings;
  readonly execution: ExecutionSettings;
  /** Handlebars template over `inputs`, `steps` and `last`; absent means the last step's output. */
  readonly result?: string;
  /** Ask before executing a plan. */
  readonly approve?: boolean;
  /** Non-fatal findings while loading (e.g. an unknown YAML tag), for the CLI to print. */
  readonly warnings?: readonly Diagnostic[];
}
