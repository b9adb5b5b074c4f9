// Option injection: a value a plan passes that a command would read as an option (`--upload-pack=…`).
// The positions of argv where that can happen, the check of a plan's arguments, and its message.

import path from 'node:path';
import { allowsOptionLike } from '../../argument-vocabulary.ts';
import { quoteName } from '../../argument-text.ts';
import type { CommandTool } from './command-tool.ts';

type Args = Readonly<Record<string, unknown>>;

const leadingPlaceholder = /^\{\{\s*args\.([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * Indexes of the argv templates where a value could become an option: after the program, before the
 * first literal `--`, and not starting with a literal `-` of the pipeline's own.
 */
export function optionPositions(tool: CommandTool): readonly number[] {
  let positions = positionsByTool.get(tool);
  if (positions === undefined) {
    const end = tool.command.indexOf('--');
    const found: number[] = [];
    for (let index = 1; index < (end === -1 ? tool.command.length : end); index++) {
      if (!tool.command[index]!.startsWith('-')) found.push(index);
    }
    positions = found;
    positionsByTool.set(tool, positions);
  }
  return positions;
}

const positionsByTool = new WeakMap<CommandTool, readonly number[]>();

export function optionLikeMessage(tool: CommandTool, argumentName: string | undefined, value: string): string {
  const program = path.basename(tool.command[0] ?? tool.name);
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}…` : value);
  const subject = argumentName === undefined ? `the argument ${shown}` : `argument ${quoteName(argumentName)} is ${shown}, which`;
  return `${subject} starts with "-", so ${program} would read it as an option, not a value; give a value that does not start with "-" (a tool accepts such values only after a "--" in its command, or with allowOptionLike: true in the argument's schema)`;
}

/** The first value, as the plan wrote it, that would start an argv element with `-`. */
export function findOptionLike(tool: CommandTool, args: Args): { readonly name: string; readonly value: string } | undefined {
  for (const index of optionPositions(tool)) {
    const match = leadingPlaceholder.exec(tool.command[index]!);
    if (!match) continue;
    const name = match[1]!;
    if (!Object.hasOwn(args, name) || allowsOptionLike(tool.args, name)) continue;
    const value = args[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = typeof item === 'string' ? item : typeof item === 'number' ? String(item) : '';
      if (text.startsWith('-')) return { name, value: text };
    }
  }
  return undefined;
}
