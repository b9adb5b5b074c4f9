// The typed `llm` tool: built in (never declared), it asks the run's model.

import type { ToolBase } from '../../tool-base.ts';

export interface LlmTool extends ToolBase {
  readonly kind: 'llm';
}
