// `format: path` arguments: which strings of a step's arguments the tool's schema declares as paths,
// where they sit, whether a path stays inside the workspace, and the message when it does not.

import path from 'node:path';
import { validateArguments, type CollectedPaths } from './args-validator.ts';
import { quoteName } from './argument-text.ts';
import type { ToolSpec } from './tool-spec.ts';

type Args = Readonly<Record<string, unknown>>;

/** Per schema: whether it declares any `format: path` or `writes` at all (most do not: nothing to collect). */
const declaresPaths = new WeakMap<object, boolean>();
const NONE: CollectedPaths = { paths: [], writes: [] };
const NO_PATH_ARGUMENTS: PathArguments = { all: [], written: new Set() };

/** The path arguments of a step, from one walk of its arguments. */
export interface PathArguments {
  /** Every string the tool's schema declares `format: path` or `writes: true` for, each once (wherever it sits in the schema). */
  readonly all: readonly string[];
  /** The strings among them the tool writes (`writes: true`): they must lead into a writable folder too. */
  readonly written: ReadonlySet<string>;
}

/** The path arguments of `args` for `tool`. */
export function pathArgumentsOf(tool: ToolSpec, args: Args): PathArguments {
  return pathArgumentsFrom(collectPaths(tool, args));
}

/** The path arguments among the strings a validation of the arguments collected (args-validator.ts). */
export function pathArgumentsFrom({ paths, writes }: CollectedPaths): PathArguments {
  if (paths.length === 0 && writes.length === 0) return NO_PATH_ARGUMENTS;
  return { all: [...new Set([...paths, ...writes])], written: new Set(writes) };
}

function collectPaths(tool: ToolSpec, args: Args): CollectedPaths {
  const schema = tool.args as object;
  let declares = declaresPaths.get(schema);
  if (declares === undefined) {
    const text = JSON.stringify(schema);
    declares = text.includes('"path"') || text.includes('"writes"');
    declaresPaths.set(schema, declares);
  }
  if (!declares) return NONE;
  try {
    return validateArguments(schema, args).found;
  } catch {
    // A schema ajv cannot compile declares no path it could find (the argument check reports the schema).
    declaresPaths.set(schema, false);
    return NONE;
  }
}

/** Where a string sits in the arguments, for messages: `file` or `files[2]`. */
export function argumentPathOf(args: Args, value: string): string {
  const stack: [unknown, string][] = Object.entries(args).map(([key, item]) => [item, key]);
  while (stack.length > 0) {
    const [item, where] = stack.shift()!;
    if (item === value) return where;
    if (Array.isArray(item)) item.forEach((inner, index) => stack.push([inner, `${where}[${index}]`]));
    else if (item !== null && typeof item === 'object') for (const [key, inner] of Object.entries(item)) stack.push([inner, `${where}.${key}`]);
  }
  return 'a path';
}

export function outsideWorkspaceMessage(where: string, value: string, resolved: string, workspace: string, via?: string): string {
  const how = via === undefined ? `resolves to ${resolved}` : `leads through the symbolic link ${via} to ${resolved}`;
  return `argument ${quoteName(where)} is the path ${JSON.stringify(value)}, which ${how}, outside the workspace ${workspace}; only paths inside the workspace (the directory planexec runs in) are allowed`;
}

/** Lexical check: where the path leads from `base` without looking at the disk, when it leaves `workspace`. */
export function lexicalEscape(value: string, base: string, workspace: string): string | undefined {
  const resolved = path.resolve(base, value);
  return isInside(workspace, resolved) ? undefined : resolved;
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}
