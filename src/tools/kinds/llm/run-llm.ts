// The built-in `llm` tool: ask the model and return its answer as text.

import { ToolError, type ToolContext, type ToolResult } from '../../tool-call.ts';
import type { LlmTool } from './llm-tool.ts';

export async function runLlm(_tool: LlmTool, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  const prompt = args.prompt;
  if (typeof prompt !== 'string') throw new ToolError('the llm tool needs a "prompt" string');
  const result = await context.llm.complete({
    purpose: 'tool',
    model: context.model.name,
    messages: [{ role: 'user', content: prompt }],
    ...(context.model.temperature !== undefined ? { temperature: context.model.temperature } : {}),
    signal: context.signal,
  });
  return { output: result.text, usage: result.usage };
}
