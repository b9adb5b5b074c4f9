// `format: path` arguments: which strings of a step's arguments the tool's schema declares as paths,
// where they sit, whether a path stays inside the workspace, and the message when it does not.

import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import path from 'node:path';
import { usePrecompiledMetaSchema } from '../source/precompiled-meta-schema.ts';
import { addArgumentVocabulary } from './argument-vocabulary.ts';
import { quoteName } from './argument-text.ts';
import type { ToolSpec } from './tool-spec.ts';

type Args = Readonly<Record<string, unknown>>;

/** Per tool: its validator that collects path strings, or null when its schema has no `format: path` nor `writes`. */
const pathValidators = new WeakMap<ToolSpec, ValidateFunction | null>();
let collected: string[] = [];
let written: string[] = [];

function pathCollector(): Ajv {
  const ajv = addArgumentVocabulary(usePrecompiledMetaSchema(new Ajv({ allErrors: true, strict: false, logger: false })), (value, writes) => (writes ? written : collected).push(value));
  addFormats.default(ajv);
  return ajv;
}

let pathAjv: Ajv | undefined;

function compilePathValidator(schema: object): ValidateFunction | null {
  try {
    pathAjv ??= pathCollector();
    return pathAjv.compile(schema);
  } catch {
    // Two tools may use the same $id: such a schema gets an instance of its own.
    try {
      return pathCollector().compile(schema);
    } catch {
      return null;
    }
  }
}

/** Every string the tool's schema declares `format: path` or `writes: true` for, in these arguments (wherever it sits in the schema). */
export function pathArguments(tool: ToolSpec, args: Args): string[] {
  const { paths, writes } = collectPaths(tool, args);
  return [...new Set([...paths, ...writes])];
}

/** The strings among them the tool writes (`writes: true`): they must lead into a writable folder too. */
export function writtenPathArguments(tool: ToolSpec, args: Args): string[] {
  return [...new Set(collectPaths(tool, args).writes)];
}

function collectPaths(tool: ToolSpec, args: Args): { readonly paths: readonly string[]; readonly writes: readonly string[] } {
  let validate = pathValidators.get(tool);
  if (validate === undefined) {
    const text = JSON.stringify(tool.args);
    validate = text.includes('"path"') || text.includes('"writes"') ? compilePathValidator(tool.args as object) : null;
    pathValidators.set(tool, validate);
  }
  if (validate === null) return { paths: [], writes: [] };
  collected = [];
  written = [];
  validate(args);
  const found = { paths: collected, writes: written };
  collected = [];
  written = [];
  return found;
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
