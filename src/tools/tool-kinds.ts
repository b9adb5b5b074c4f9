// The registry of tool kinds: one entry per kind of ToolSpec (the mapped type makes a missing or
// extra kind a type error), and the order in which a declaration's fields tell its kind.

import { commandKind } from './kinds/command/command-kind.ts';
import { httpKind } from './kinds/http/http-kind.ts';
import { llmKind } from './kinds/llm/llm-kind.ts';
import { moduleKind } from './kinds/module/module-kind.ts';
import type { ToolKind } from './tool-kind.ts';
import type { DeclaredToolSpec, ToolSpec } from './tool-spec.ts';

type ToolKindName = ToolSpec['kind'];

export const toolKinds: { readonly [K in ToolKindName]: ToolKind<Extract<ToolSpec, { kind: K }>> } = {
  command: commandKind,
  http: httpKind,
  module: moduleKind,
  llm: llmKind,
};

/**
 * The declared kinds in the order the tool schema tells them apart (its if/then/else chain: `url`,
 * then `module`, else a command): a declaration is the first kind whose field it has, else the last.
 */
export const declarationOrder: readonly DeclaredToolSpec['kind'][] = ['http', 'module', 'command'];

/** The kind of this tool, typed for it. */
export function toolKindOf<T extends ToolSpec>(tool: T): ToolKind<T> {
  // TypeScript cannot follow a union through an index; the mapped type above is what keeps this right.
  return toolKinds[tool.kind] as unknown as ToolKind<T>;
}
