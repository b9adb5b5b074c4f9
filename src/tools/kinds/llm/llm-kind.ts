// The built-in `llm` kind: asks the run's own model (metered, budgeted, redacted), so it is never
// declared, takes no paths and no secrets, and always runs on the coordinator.

import type { ToolKind } from '../../tool-kind.ts';
import type { LlmTool } from './llm-tool.ts';
import { runLlm } from './run-llm.ts';

export const llmKind: ToolKind<LlmTool> = {
  declaration: undefined,
  run: runLlm,
  secretTemplates: () => [],
  envTemplates: () => [],
  pathBase: () => ({ kind: 'none' }),
  argumentProblems: () => [],
  streamHold: () => undefined,
  identity: () => undefined,
  retries: () => undefined,
  runsOnWorker: false,
};
