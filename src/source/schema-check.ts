// Checks a YAML file's value against a JSON Schema and turns ajv's errors into diagnostics a
// person can act on: one message per problem, worded for YAML, positioned on the offending node.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMeanSuffix } from './did-you-mean.ts';
import { githubActionsFieldHint, misplacedFieldHint, requiredHint, toolKindConflict, typeHint } from './schema-hints.ts';
import type { Diagnostic } from './diagnostic.ts';
import { diagnosticAt, sortByPosition } from './yaml-source.ts';
import type { InstancePath, YamlSource } from './yaml-source.ts';

interface SchemaCheckOptions {
  /** The value to check; defaults to the whole file's value. */
  readonly value?: unknown;
  /** Where `value` sits in the file, prepended to every error's path. */
  readonly basePath?: InstancePath;
}

interface SchemaCheck {
  readonly diagnostics: Diagnostic[];
  /** Where each problem is (the node a message points at), for callers that skip further checks there. */
  readonly failingPaths: readonly InstancePath[];
}

/**
 * Every schema violation in the value as a diagnostic. `validate` must come from an Ajv built with
 * `allErrors: true` and `verbose: true` (messages need the failing data and parent schema).
 */
export function checkSchema(validate: ValidateFunction, source: YamlSource, options: SchemaCheckOptions = {}): Diagnostic[] {
  return checkSchemaDetailed(validate, source, options).diagnostics;
}

export function checkSchemaDetailed(validate: ValidateFunction, source: YamlSource, options: SchemaCheckOptions = {}): SchemaCheck {
  const value = 'value' in options ? options.value : source.value;
  if (validate(value)) return { diagnostics: [], failingPaths: [] };
  const basePath = options.basePath ?? [];
  const emptyDocument = basePath.length === 0 && (source.document === undefined || source.document.contents === null);
  const errors = narrowestTypeErrors(mergeRequired(collapseAlternatives((validate.errors ?? []).filter((error) => error.keyword !== 'if'))));
  const namedKeys = new Set(errors.filter((e) => e.propertyName !== undefined).map((e) => `${e.instancePath}\0${e.propertyName}`));
  const diagnostics: Diagnostic[] = [];
  const failingPaths: InstancePath[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'propertyNames' && namedKeys.has(`${error.instancePath}\0${String(error.params.propertyName)}`)) continue;
    const path = [...basePath, ...parsePointer(error.instancePath)];
    const described = describeError(error, path);
    const message = emptyDocument && error.instancePath === '' && error.keyword === 'type' ? `the file is empty; ${described.message.replace(/ \(got .*\)$/, '')}` : described.message;
    const diagnostic = diagnosticAt(source, described.at, message, { target: described.target });
    failingPaths.push(described.at);
    const key = `${diagnostic.line}:${diagnostic.col}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return { diagnostics: sortByPosition(diagnostics), failingPaths };
}

/** Whether any of `paths` is `prefix` or lies below it. */
export function isFailingAtOrBelow(paths: readonly InstancePath[], prefix: InstancePath): boolean {
  return paths.some((candidate) => prefix.every((segment, i) => i < candidate.length && String(candidate[i]) === String(segment)));
}

/** `"planning.maxSteps"`, `"tools[2].args"`, or `the top level`. */
export function describePath(path: InstancePath): string {
  if (path.length === 0) return 'the top level';
  let text = '';
  for (const segment of path) {
    const part = String(segment);
    if (typeof segment === 'number' || /^[0-9]+$/.test(part)) text += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return `"${text}"`;
}

/** A value as messages show it: `string "ten"`, `number 5`, `a list`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `string ${quote(value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}

/** Why `{ description: a, b }` yields a field named "b": the usual cause of an unknown field with spaces. */
export const FLOW_COMMA_HINT = 'a comma inside { … } or [ … ] starts a new entry: put text containing commas in quotes';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

interface Described {
  readonly at: InstancePath;
  readonly target: 'value' | 'key';
  readonly message: string;
}

function describeError(error: ErrorObject, path: InstancePath): Described {
  const subject = describePath(path);
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const custom = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : undefined;
  const got = describeValue(error.data);
  const value = (message: string): Described => ({ at: path, target: 'value', message });

  if (error.propertyName !== undefined) {
    // A check on a map key (propertyNames): point at the key itself.
    const inner = error.keyword === 'pattern' && custom !== undefined ? custom : error.message ?? 'is not allowed';
    return { at: [...path, error.propertyName], target: 'key', message: `key ${quote(error.propertyName)} in ${subject} ${inner}` };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const conflict = toolKindConflict(path, error.data, name);
      if (conflict !== undefined) return { at: [...path, conflict.field], target: 'key', message: conflict.message };
      const allowed = Object.keys((parent.properties ?? {}) as object);
      const fieldValue = (error.data as Record<string, unknown> | null)?.[name];
      const hint = name.includes(' ') && fieldValue === null ? ` (${FLOW_COMMA_HINT})` : githubActionsFieldHint(path, name, fieldValue) || didYouMeanSuffix(name, allowed) || misplacedFieldHint(error.data, name);
      return { at: [...path, name], target: 'key', message: `unknown field ${quote(name)}${hint}` };
    }
    case 'required': {
      const missing = (Array.isArray(params.missingProperties) ? params.missingProperties : [params.missingProperty]).map(String);
      const names = missing.map(quote);
      const hint = requiredHint(path, missing);
      return value(names.length === 1 ? `missing required field ${names[0]}${hint}` : `missing required fields ${joinAlternatives(names, 'and')}${hint}`);
    }
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      if (custom !== undefined) return value(`${subject} ${custom} (got ${got})`);
      const expected = types.length === 1 && types[0] === 'boolean' ? 'true or false' : joinAlternatives(types.map((t) => TYPE_NAMES[t] ?? t));
      // `replan:` with nothing after it: the lines meant to be inside are not indented.
      const emptyField = error.data === null && path.length > 0 && !/^\d+$/.test(String(path[path.length - 1]));
      if (emptyField && (types.includes('object') || types.includes('array'))) return value(`${subject} is empty, but must be ${expected}: indent the lines that belong to it under it`);
      return value(`${subject} must be ${expected} (got ${got})${typeHint(path, types, error.data)}`);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const hint = typeof error.data === 'string' ? didYouMeanSuffix(error.data, allowed).replace(/^ \(/, '; ').replace(/\)$/, '') : '';
      return value(`${subject} must be one of: ${allowed.join(', ')} (got ${JSON.stringify(error.data)}${hint})`);
    }
    case 'const':
      return value(`${subject} must be ${JSON.stringify(params.allowedValue)} (got ${got})`);
    case 'pattern':
      return value(`${subject} ${custom ?? `must match the pattern ${String(params.pattern)}`} (got ${quote(String(error.data))})`);
    case 'minLength':
      return value(params.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${String(params.limit)} characters long`);
    case 'maxLength':
      return value(`${subject} must be at most ${String(params.limit)} characters long`);
    case 'minItems':
      return value(params.limit === 1 ? `${subject} must not be empty` : `${subject} must have at least ${String(params.limit)} items`);
    case 'maxItems':
      return value(`${subject} must have at most ${String(params.limit)} items`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return value(`${subject} must be ${String(params.comparison)} ${String(params.limit)} (got ${String(error.data)})`);
    case 'multipleOf':
      return value(`${subject} must be a multiple of ${String(params.multipleOf)} (got ${String(error.data)})`);
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const items = Array.isArray(error.data) ? (error.data as unknown[]) : [];
      return { at: [...path, later], target: 'value', message: `${subject} lists ${JSON.stringify(items[later])} more than once` };
    }
    case 'format':
      return value(`${subject} must be a valid ${String(params.format)} (got ${got})`);
    case 'oneOf':
      return value(`${subject} matches more than one of its allowed forms`);
    case 'anyOf':
      return value(`${subject} matches none of its allowed forms`);
    default:
      return value(`${subject} ${error.message ?? `fails the "${error.keyword}" rule`}`);
  }
}

/**
 * ajv reports every failing branch of an anyOf/oneOf plus the compound itself. Keep what matters:
 * errors below the node if a branch got that far, else errors of branches whose type fits, else
 * one "must be A or B" message.
 */
function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  let result = [...errors];
  for (const compound of errors) {
    if (compound.keyword !== 'anyOf' && compound.keyword !== 'oneOf') continue;
    const index = result.indexOf(compound);
    if (index < 0) continue;
    // Branch errors are pushed just before the compound error and lie at or below its node.
    let start = index;
    while (start > 0 && isAtOrBelow(result[start - 1]!.instancePath, compound.instancePath)) start--;
    const branch = result.slice(start, index);
    if (branch.length === 0) continue; // oneOf matched several branches: keep its own message
    const deeper = branch.filter((e) => e.instancePath !== compound.instancePath);
    const sameNodeNonType = branch.filter((e) => e.instancePath === compound.instancePath && e.keyword !== 'type');
    let keep: ErrorObject[];
    if (deeper.length > 0) keep = deeper;
    else if (sameNodeNonType.length > 0) keep = sameNodeNonType;
    else {
      const types = [...new Set(branch.flatMap((e) => String((e.params as { type?: unknown }).type ?? '').split(',')).filter(Boolean))];
      keep = [{ ...compound, keyword: 'type', params: { type: types } }];
    }
    result = [...result.slice(0, start), ...keep, ...result.slice(index + 1)];
  }
  return result;
}

function isAtOrBelow(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/** `/tools/2/a~1b` → `['tools', '2', 'a/b']`. */
function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function joinAlternatives(names: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  if (names.length <= 1) return names[0] ?? 'something else';
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

/**
 * One "must be …" per node: an args schema is checked both as JSON Schema (a map or a boolean) and as
 * ours (a map); saying both is noise, so the narrowest expectation stays.
 */
function narrowestTypeErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const width = (error: ErrorObject) => {
    const type = (error.params as { type?: unknown }).type;
    return Array.isArray(type) ? type.length : String(type).split(',').length;
  };
  const narrowest = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'type') continue;
    const kept = narrowest.get(error.instancePath);
    if (kept === undefined || width(error) < width(kept)) narrowest.set(error.instancePath, error);
  }
  return errors.filter((error) => error.keyword !== 'type' || narrowest.get(error.instancePath) === error);
}

/** All fields missing from one map in one message, rather than one message each. */
function mergeRequired(errors: readonly ErrorObject[]): ErrorObject[] {
  const merged = new Map<string, ErrorObject>();
  const result: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'required') {
      result.push(error);
      continue;
    }
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
    const first = merged.get(error.instancePath);
    if (first === undefined) {
      const copy: ErrorObject = { ...error, params: { ...error.params, missingProperties: [missing] } };
      merged.set(error.instancePath, copy);
      result.push(copy);
    } else (first.params as { missingProperties: string[] }).missingProperties.push(missing);
  }
  return result;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
