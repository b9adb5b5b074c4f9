// What to add to a schema message when the mistake behind it is a common one: a field left empty
// because the lines below it are not indented, a command written as a shell line, a tool without
// `args`, an args schema without `type: object`, a list written without "- ".

import type { InstancePath } from './yaml-source.ts';

const ARGS_EXAMPLE = 'args: { type: object, properties: { file: { type: string } }, required: [file] }';

/** Hint for "must be <types> (got …)", or ''. */
export function typeHint(path: InstancePath, expected: readonly string[], data: unknown): string {
  const field = String(path[path.length - 1] ?? '');
  if (field === 'command' && typeof data === 'string') {
    return `; write the program and each argument as one list item, e.g. [${argvSuggestion(data)}] (a command never runs through a shell)`;
  }
  if (expected.length === 1 && expected[0] === 'array' && data !== null && typeof data === 'object') {
    return '; start each item with "- "';
  }
  return '';
}

/** Hint for "missing required field …", or ''. */
export function requiredHint(path: InstancePath, missing: readonly string[]): string {
  const field = String(path[path.length - 1] ?? '');
  if (missing.length === 1 && missing[0] === 'args' && isToolPath(path)) {
    return ` (the JSON Schema of the arguments a plan may pass, e.g. ${ARGS_EXAMPLE}; for none, args: { type: object })`;
  }
  if (missing.includes('type') && field === 'args') {
    return ' (args is a JSON Schema: write type: object and put the arguments under properties:)';
  }
  return '';
}

/** Hint for an unknown field that belongs in the empty field just before it, or ''. */
export function misplacedFieldHint(container: unknown, name: string): string {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) return '';
  const keys = Object.keys(container);
  const previous = keys[keys.indexOf(name) - 1];
  if (previous === undefined || (container as Record<string, unknown>)[previous] !== null) return '';
  return ` (is it meant to be inside "${previous}", which is empty? indent it under that field)`;
}

/** `tools[2]` in a pipeline, or `[2]` at the top of a tool file. */
function isToolPath(path: InstancePath): boolean {
  return (path.length === 2 && path[0] === 'tools') || (path.length === 1 && /^\d+$/.test(String(path[0])));
}

/** `grep -c TODO src/*.ts` → `grep, -c, TODO, "src/*.ts"`. */
function argvSuggestion(line: string): string {
  return line
    .trim()
    .split(/\s+/)
    .map((word) => (/^[A-Za-z0-9_./=:@%+-]+$/.test(word) && !/^[-:]$/.test(word) ? word : JSON.stringify(word)))
    .join(', ');
}
