// Tools every pipeline has without declaring them.

import type { LlmTool } from './types.ts';

/** Ask the model; the plan uses it to summarise, draft, classify or decide. */
export const LLM_TOOL: LlmTool = {
  kind: 'llm',
  name: 'llm',
  description: 'Ask the language model to write, summarise, classify or decide. Returns its answer as text.',
  args: {
    type: 'object',
    properties: { prompt: { type: 'string', description: 'The full instruction, including any data it needs' } },
    required: ['prompt'],
    additionalProperties: false,
  },
  output: 'text',
};

export const BUILTIN_TOOLS: readonly LlmTool[] = [LLM_TOOL];

/** Names a user tool may not take. */
export const RESERVED_TOOL_NAMES: ReadonlySet<string> = new Set([...BUILTIN_TOOLS.map((tool) => tool.name), '__proto__', 'constructor', 'prototype']);
