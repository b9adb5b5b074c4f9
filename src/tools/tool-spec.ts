// The typed tools every stage works with: the union of the kinds, each declared in its folder under
// kinds/ on top of what all kinds share (tool-base.ts).

import type { CommandTool } from './kinds/command/command-tool.ts';
import type { HttpTool } from './kinds/http/http-tool.ts';
import type { LlmTool } from './kinds/llm/llm-tool.ts';
import type { ModuleTool } from './kinds/module/module-tool.ts';

export type { DeclaredToolBase, JsonSchema, OutputFormat, RetryPolicy, ToolBase } from './tool-base.ts';
export type { CommandTool } from './kinds/command/command-tool.ts';
export type { HttpMethod, HttpTool } from './kinds/http/http-tool.ts';
export type { LlmTool } from './kinds/llm/llm-tool.ts';
export type { ModuleTool } from './kinds/module/module-tool.ts';

/** A tool a pipeline or tool file declares. */
export type DeclaredToolSpec = CommandTool | HttpTool | ModuleTool;

export type ToolSpec = DeclaredToolSpec | LlmTool;
