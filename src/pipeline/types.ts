// The typed, validated pipeline every later stage works from. Built once by loadPipeline;
// trusted afterwards (one way through: validated at the edge where it enters).

import type { BudgetSettings, ExecutionSettings, PlanningSettings, PolicySettings, ReplanSettings } from '../config/settings.ts';
import type { ModelSettings } from '../llm/types.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import type { ToolSpec } from '../tools/tool-spec.ts';

// Settings are config's types; re-exported because a pipeline carries them and most stages read them from it.
export type { BackendSettings, BudgetSettings, ExecutionSettings, FailurePolicy, PlanningSettings, PolicySettings, ReplanSettings, ReplanStrategyName, UntrustedFlowPolicy } from '../config/settings.ts';
export type { ModelSettings } from '../llm/types.ts';
// Tool types are the tools' own (tools/ sits below pipeline/); re-exported for the many stages that read them from here.
export type { CommandTool, DeclaredToolSpec, HttpMethod, HttpTool, JsonSchema, LlmTool, ModuleTool, OutputFormat, RetryPolicy, ToolSpec } from '../tools/tool-spec.ts';

export interface InputSpec {
  readonly type: 'string' | 'number' | 'boolean';
  readonly description?: string;
  readonly default?: string | number | boolean;
  /** True when no default is given: the run needs `--input name=value`. */
  readonly required: boolean;
}

export interface Pipeline {
  /** Absolute path of the pipeline file. */
  readonly file: string;
  /** Path as shown to the user. */
  readonly displayPath: string;
  readonly version: 1;
  readonly name: string;
  readonly description?: string;
  /** Handlebars template over `inputs`; with a fixed `plan` and no `task:`, a sentence naming the pipeline (what replanning is told). */
  readonly task: string;
  readonly inputs: Readonly<Record<string, InputSpec>>;
  /** Environment variables whose values are secrets: passed only to tools that name them, redacted everywhere else. */
  readonly secrets?: readonly string[];
  /**
   * Folders of the workspace a plan may write under, normalized (`out`, `docs/generated`: relative, `/`,
   * no trailing `/`); `writable:` in the file, default [out]. Tools' `writes: true` arguments must lead into one.
   */
  readonly writable: readonly string[];
  readonly model: ModelSettings;
  /** Declared tools, `use:` imports resolved, plus the built-in `llm` tool. */
  readonly tools: readonly ToolSpec[];
  /** Prompt template sources (file contents already read); absent means the built-in default. */
  readonly prompts: { readonly plan?: string; readonly replan?: string; readonly repair?: string; readonly tail?: string };
  readonly planning: PlanningSettings;
  readonly replan: ReplanSettings;
  readonly budget: BudgetSettings;
  readonly execution: ExecutionSettings;
  /** The data-flow policy: what the compiler does about untrusted data reaching a trusted-only argument. */
  readonly policy: PolicySettings;
  /** Handlebars template over `inputs`, `steps` and `last`; absent means the last step's output. */
  readonly result?: string;
  /** How the result is shown where it is formatted (the Action's step summary); absent: markdown for an llm step's output, else text. */
  readonly resultFormat?: 'markdown' | 'text';
  /** `plan:` in the file: a fixed plan run with no planning call; its steps are checked by run/static-plan.ts. */
  readonly plan?: { readonly steps: readonly unknown[] };
  /** Ask before executing a plan. */
  readonly approve?: boolean;
  /** `tests:`, run by `planexec test` (absent when the pipeline declares none). */
  readonly tests?: readonly PipelineTest[];
  /** Non-fatal findings while loading (e.g. an unknown YAML tag), for the CLI to print. */
  readonly warnings?: readonly Diagnostic[];
}

/** One entry of `tests:`: run with these inputs from this recording, and check the run. */
export interface PipelineTest {
  readonly name: string;
  readonly inputs: Readonly<Record<string, string | number | boolean>>;
  /** Absolute path of the recording; `model.replay` when the test names none; none for a pipeline with a fixed plan and neither. */
  readonly replay?: string;
  readonly expect: TestExpectation;
  /** Line of the test in the pipeline file, for reports. */
  readonly line: number;
}

export interface TestExpectation {
  /** Default succeeded. */
  readonly status: 'succeeded' | 'failed' | 'plan-failed' | 'invalid-input' | 'not-approved';
  readonly result?: TestResultCheck;
  readonly maxLlmCalls?: number;
}

export interface TestResultCheck {
  readonly equals?: string;
  /** Each must be in the result (a single string in the file is a list of one). */
  readonly contains?: readonly string[];
  /** A JavaScript regular expression (its source). */
  readonly matches?: string;
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
}
