// The built-in `llm` kind: asks the run's own model (metered, budgeted, redacted), so it is never
// declared, takes no paths and no secrets, and always runs on the coordinator.

import type { ToolKind } from '../../tool-kind.ts';
import type { LlmTool } from './llm-tool.ts';

/** The runner, once loaded. */
let runner: typeof import('./run-llm.ts').runLlm | undefined;

export const llmKind: ToolKind<LlmTool> = {
  declaration: undefined,
  // Loaded on the first call: checking a pipeline or a plan needs the kind's facts, not its runner.
  run: async (tool, args, context) => (runner ??= (await import('./run-llm.ts')).runLlm)(tool, args, context),
  secretTemplates: () => [],
  envTemplates: () => [],
  pathBase: () => ({ kind: 'none' }),
  argumentProblems: () => [],
  streamHold: () => undefined,
  identity: () => undefined,
  retries: () => undefined,
  runsOnWorker: false,
};
