// The typed, validated pipeline every later stage works from. Built once by loadPipeline;
// trusted afterwards (one way through: validated at the edge where it enters).

import type { Diagnostic, SourcePosition } from '../source/diagnostic.ts';

export type JsonSchema = Readonly<Record<string, unknown>>;

export type OutputFormat = 'text' | 'lines' | 'json';
export type ReplanStrategyName = 'full' | 'tail-only' | 'retry-step' | 'none';

export interface InputSpec {
  readonly type: 'string' | 'number' | 'boolean';
  readonly description?: string;
  readonly default?: string | number | boolean;
  /** True when no default is given: the run needs `--input name=value`. */
  readonly required: boolean;
}

export interface ModelSettings {
  readonly name: string;
  readonly baseURL?: string;
  /** Name of the environment variable holding the API key (never the key itself). */
  readonly apiKeyEnv: string;
  readonly temperature?: number;
  /** Path (absolute) of a recording to serve responses from, instead of calling an endpoint. */
  readonly replay?: string;
  /** Retries of the SDK for 429/5xx/network errors. */
  readonly maxRetries: number;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
}

interface ToolBase {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments a plan may pass to this tool. */
  readonly args: JsonSchema;
  readonly output: OutputFormat;
  /** Where the tool was declared, for messages. */
  readonly source?: SourcePosition;
}

export interface CommandTool extends ToolBase {
  readonly kind: 'command';
  /** argv; each element is a Handlebars template over `args` rendered without HTML escaping; never a shell line. */
  readonly command: readonly string[];
  /** Working directory (absolute); defaults to the directory the run starts in. */
  readonly cwd?: string;
  /** Extra environment variables for the process. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

export interface LlmTool extends ToolBase {
  readonly kind: 'llm';
}

export type ToolSpec = CommandTool | LlmTool;

export interface PlanningSettings {
  readonly maxSteps: number;
  readonly maxRepairs: number;
}

export interface ReplanSettings {
  readonly strategy: ReplanStrategyName;
  readonly maxReplans: number;
}

export interface ExecutionSettings {
  readonly concurrency: number;
  readonly stepTimeoutMs: number;
  readonly maxOutputBytes: number;
}

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
  readonly model: ModelSettings;
  /** Declared tools, `use:` imports resolved, plus the built-in `llm` tool. */
  readonly tools: readonly ToolSpec[];
  /** Prompt template sources (file contents already read); absent means the built-in default. */
  readonly prompts: { readonly plan?: string; readonly replan?: string; readonly repair?: string };
  readonly planning: PlanningSettings;
  readonly replan: ReplanSettings;
  readonly execution: ExecutionSettings;
  /** Handlebars template over `inputs`, `steps` and `last`; absent means the last step's output. */
  readonly result?: string;
  /** Non-fatal findings while loading (e.g. an unknown YAML tag), for the CLI to print. */
  readonly warnings?: readonly Diagnostic[];
}
