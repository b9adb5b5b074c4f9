// Dispatch a step to the runner of its tool's kind, once its `format: path` arguments are known to
// stay inside the workspace.

import type { ToolSpec } from '../pipeline/types.ts';
import { runCommand } from './command-runner.ts';
import { runHttp } from './http-runner.ts';
import { runLlm } from './llm-runner.ts';
import { runModule } from './module-runner.ts';
import type { ToolContext, ToolResult } from './tool-runner.ts';
import { confinePathArguments } from './workspace-paths.ts';

export async function runTool(tool: ToolSpec, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  if (tool.kind !== 'llm') await confinePathArguments(tool, args, context.cwd);
  switch (tool.kind) {
    case 'command':
      return runCommand(tool, args, context);
    case 'http':
      return runHttp(tool, args, context);
    case 'module':
      return runModule(tool, args, context);
    case 'llm':
      return runLlm(tool, args, context);
  }
}
