// Tool declarations for tests that exercise the compiler and executor without a pipeline file.

import type { CommandTool, LlmTool, ToolSpec } from '../../src/index.ts';

export const llmTool: LlmTool = {
  kind: 'llm',
  name: 'llm',
  description: 'Ask the model',
  args: { type: 'object', properties: { prompt: { type: 'string' } }, required: ['prompt'], additionalProperties: false },
  output: 'text',
};

export function commandTool(name: string, command: string[], options: Partial<CommandTool> = {}): CommandTool {
  return {
    kind: 'command',
    name,
    description: `${name} tool`,
    command,
    args: { type: 'object', properties: { value: { type: 'string' } }, additionalProperties: false },
    output: 'text',
    ...options,
  };
}

export const listCommits = commandTool('list_commits', ['git', 'log', '--format=%s', '{{args.since}}..HEAD'], {
  args: { type: 'object', properties: { since: { type: 'string' }, limit: { type: 'integer' } }, required: ['since'], additionalProperties: false },
  output: 'lines',
});

export const repoStats = commandTool('repo_stats', ['echo', '{"files": 3}'], {
  args: { type: 'object', properties: {}, additionalProperties: false },
  output: 'json',
});

export const testTools: ToolSpec[] = [listCommits, repoStats, llmTool];
