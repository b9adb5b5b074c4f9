// What the model sees of a tool: its contract (name, description, args schema, output), never the
// command, URL or module behind it. The plan prompts and `planexec tools` show this one projection.

import type { JsonSchema, OutputFormat, ToolSpec } from './types.ts';

interface ToolContract {
  readonly name: string;
  readonly description: string;
  readonly args: JsonSchema;
  readonly output: OutputFormat;
}

export function toolContract({ name, description, args, output }: ToolSpec): ToolContract {
  return { name, description, args, output };
}

/**
 * The part of a prompt template that lists the tools to the model: the built-in `{{> toolList}}`
 * partial, or a template's own `{{#each tools}}…{{/each}}` block.
 */
export function toolListBlock(template: string): string | undefined {
  if (/\{\{>\s*toolList\s*\}\}/.test(template)) return '{{> toolList}}';
  return /\{\{#each tools\}\}[^]*?\{\{\/each\}\}/.exec(template)?.[0];
}
