// Checks of a step's arguments beyond their schema, for what a hostile plan could do with valid
// values: text no program can receive (NUL, broken Unicode), a value that a command would read as an
// option (`--upload-pack=…`), and a `format: path` argument leading out of the workspace. The compiler
// runs them on the plan as written; the runners run them again on the final values, because output
// references are only filled in then.

import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import path from 'node:path';
import { addArgumentVocabulary, allowsOptionLike } from '../pipeline/argument-vocabulary.ts';
import type { CommandTool, ToolSpec } from '../pipeline/types.ts';
import { quoteName } from './check-arguments.ts';
import type { PlanProblem } from './plan-types.ts';

type Args = Readonly<Record<string, unknown>>;

// ---- text no program can receive ----------------------------------------------------------------

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be passed on as an argument, or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  const nul = text.indexOf('\0');
  if (nul !== -1) return `contains a NUL byte (character ${nul + 1}), which no program can receive`;
  const broken = loneSurrogate.exec(text);
  if (broken) return `is not valid Unicode (an unpaired surrogate \\u${broken[0].charCodeAt(0).toString(16)} at character ${broken.index + 1}), so it has no UTF-8 form`;
  return undefined;
}

const unsafeCharacter = /[\0\uD800-\uDFFF]/;

/** Whether any string or key in the value holds a NUL or a surrogate (paired ones are looked at closer later). */
function mayHoldUnsafeText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (unsafeCharacter.test(item)) return true;
    } else if (Array.isArray(item)) {
      for (const inner of item) stack.push(inner);
    } else if (item !== null && typeof item === 'object') {
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        if (unsafeCharacter.test(key)) return true;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** The first string (or key) in the arguments that cannot be passed on, with where it is. */
export function findUnsafeText(args: Args): { readonly where: string; readonly reason: string } | undefined {
  if (!mayHoldUnsafeText(args)) return undefined;
  const stack: [unknown, string][] = Object.entries(args).map(([key, value]) => [value, key]);
  for (const key of Object.keys(args)) {
    const reason = unsafeTextReason(key);
    if (reason) return { where: key, reason: `the argument name ${reason}` };
  }
  while (stack.length > 0) {
    const [value, where] = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unsafeTextReason(value);
      if (reason) return { where, reason };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, `${where}[${index}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const reason = unsafeTextReason(key);
        if (reason) return { where: `${where}.${key.slice(0, 20)}`, reason: `a field name ${reason}` };
        stack.push([item, `${where}.${key}`]);
      }
    }
  }
  return undefined;
}

// ---- option injection ------------------------------------------------------------------------------

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

// ---- paths -------------------------------------------------------------------------------------------

/** Per tool: its validator that collects path strings, or null when its schema has no `format: path`. */
const pathValidators = new WeakMap<ToolSpec, ValidateFunction | null>();
let collected: string[] = [];

function pathCollector(): Ajv {
  const ajv = addArgumentVocabulary(new Ajv({ allErrors: true, strict: false, logger: false }), (value) => collected.push(value));
  addFormats.default(ajv);
  return ajv;
}

const pathAjv = pathCollector();

function compilePathValidator(schema: object): ValidateFunction | null {
  try {
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

/** Every string the tool's schema declares `format: path` for, in these arguments (wherever it sits in the schema). */
export function pathArguments(tool: ToolSpec, args: Args): string[] {
  let validate = pathValidators.get(tool);
  if (validate === undefined) {
    validate = JSON.stringify(tool.args).includes('"path"') ? compilePathValidator(tool.args as object) : null;
    pathValidators.set(tool, validate);
  }
  if (validate === null) return [];
  collected = [];
  validate(args);
  const found = collected;
  collected = [];
  return [...new Set(found)];
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

// ---- the compiler's check ------------------------------------------------------------------------

export interface SafetyOptions {
  /** The directory the run will use as its workspace; without it, only what needs no location is checked. */
  readonly workspace?: string;
}

const referenceStart = '${steps.';

/** Problems of one step's arguments as the plan wrote them; references are checked once filled in. */
export function checkArgumentSafety(label: string, stepId: string, tool: ToolSpec, args: Args, options: SafetyOptions = {}): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const unsafe = findUnsafeText(args);
  if (unsafe) problems.push({ code: 'unsafe-text', stepId, message: `${label}: argument ${quoteName(unsafe.where)} ${unsafe.reason}` });
  if (tool.kind === 'command') {
    const optionLike = findOptionLike(tool, args);
    if (optionLike) problems.push({ code: 'option-like-argument', stepId, message: `${label}: ${optionLikeMessage(tool, optionLike.name, optionLike.value)}` });
  }
  if (tool.kind === 'llm') return problems;
  const cwd = tool.kind === 'command' ? tool.cwd : undefined;
  for (const value of pathArguments(tool, args)) {
    if (value.includes(referenceStart) || unsafeTextReason(value) !== undefined) continue;
    const where = argumentPathOf(args, value);
    let escaped: string | undefined;
    if (options.workspace !== undefined) {
      const workspace = path.resolve(options.workspace);
      const at = lexicalEscape(value, cwd ?? workspace, workspace);
      if (at !== undefined) escaped = outsideWorkspaceMessage(where, value, at, workspace);
    } else if (cwd === undefined && !path.isAbsolute(value)) {
      // Relative to the workspace itself: a ".." above it leaves it wherever it is.
      const normal = path.normalize(value);
      if (normal === '..' || normal.startsWith(`..${path.sep}`)) escaped = `argument ${quoteName(where)} is the path ${JSON.stringify(value)}, which climbs out of the workspace with ".."; only paths inside the workspace (the directory planexec runs in) are allowed`;
    }
    if (escaped !== undefined) problems.push({ code: 'path-outside-workspace', stepId, message: `${label}: ${escaped}` });
  }
  return problems;
}
