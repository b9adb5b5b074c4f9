// One interface for every tool kind: arguments in (already checked against the tool's schema),
// an output value out, or a ToolError whose message tells what happened.

import type { LlmClient, TokenUsage } from '../llm/types.ts';
import type { ModelSettings, ToolSpec } from '../pipeline/types.ts';

export interface ToolContext {
  readonly signal: AbortSignal;
  /** Directory commands run in unless the tool declares its own `cwd`. */
  readonly cwd: string;
  readonly llm: LlmClient;
  readonly model: ModelSettings;
  readonly maxOutputBytes: number;
  readonly timeoutMs: number;
  /** The runner's environment; tools see only a minimal part of it (see command-runner). */
  readonly env: NodeJS.ProcessEnv;
}

export interface ToolResult {
  readonly output: unknown;
  readonly usage?: TokenUsage;
  /** Something the user should know, e.g. that output was truncated. */
  readonly note?: string;
}

export type ToolRunner<T extends ToolSpec = ToolSpec> = (tool: T, args: Readonly<Record<string, unknown>>, context: ToolContext) => Promise<ToolResult>;

/** A tool call failed; `message` is one readable line plus, where useful, an output tail. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}
