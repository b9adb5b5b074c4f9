// Dispatch a step to the runner of its tool's kind.

import type { ToolSpec } from '../pipeline/types.ts';
import { runCommand } from './command-runner.ts';
import { runLlm } from './llm-runner.ts';
import type { ToolContext, ToolResult } from './tool-runner.ts';

export function runTool(tool: ToolSpec, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  switch (tool.kind) {
    case 'command':
      return runCommand(tool, args, context);
    case 'llm':
      return runLlm(tool, args, context);
  }
}
