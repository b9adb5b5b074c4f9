// Dispatch a step to the runner of its tool's kind (tool-kinds.ts), once its `format: path`
// arguments are known to stay inside the workspace (and out of .git), and those it writes inside the
// pipeline's writable folders.

import type { ToolRunner } from './tool-call.ts';
import { toolKindOf } from './tool-kinds.ts';
import { confinePathArguments } from './workspace-paths.ts';

export const runTool: ToolRunner = async (tool, args, context) => {
  const kind = toolKindOf(tool);
  if (kind.pathBase(tool).kind !== 'none') await confinePathArguments(tool, args, context.cwd, context.writable);
  return kind.run(tool, args, context);
};
