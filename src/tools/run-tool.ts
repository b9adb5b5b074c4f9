// Dispatch a step to the runner of its tool's kind (tool-kinds.ts), once its `format: path`
// arguments are known to stay inside the workspace.

import type { ToolContext, ToolResult } from './tool-call.ts';
import { toolKindOf } from './tool-kinds.ts';
import type { ToolSpec } from './tool-spec.ts';
import { confinePathArguments } from './workspace-paths.ts';

export async function runTool(tool: ToolSpec, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  const kind = toolKindOf(tool);
  if (kind.pathBase(tool).kind !== 'none') await confinePathArguments(tool, args, context.cwd);
  return kind.run(tool, args, context);
}
