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

/** The field that chooses each kind of tool, in the order the tool schema tries them (`url` first). */
const TOOL_KIND_FIELDS: readonly (readonly [field: string, kind: string])[] = [
  ['url', 'http'],
  ['module', 'module'],
  ['command', 'command'],
];

/**
 * Where and what to say when a tool declaration has the fields of two kinds (`command:` and `url:`):
 * the schema took the first kind and calls the other's field unknown, which hides the real mistake.
 * Said once, at the field of the declaration that came second.
 */
export function toolKindConflict(path: InstancePath, declaration: unknown, name: string): { readonly field: string; readonly message: string } | undefined {
  if (!isToolPath(path) || declaration === null || typeof declaration !== 'object' || Array.isArray(declaration)) return undefined;
  const keys = Object.keys(declaration);
  const chosen = TOOL_KIND_FIELDS.filter(([field]) => keys.includes(field)).sort((a, b) => keys.indexOf(a[0]) - keys.indexOf(b[0]));
  if (chosen.length < 2 || !chosen.some(([field]) => field === name)) return undefined;
  const named = chosen.map(([field, kind]) => `"${field}" (${kind})`);
  const list = named.length === 2 ? named.join(' and ') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return {
    field: chosen[1]![0],
    message: `a tool has one kind: command (command:), http (url:) or module (module:), but this one has ${list}; keep one, and declare any other as a tool of its own`,
  };
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
