// Arguments checked against an ordinary `args` schema by walking the schema, with no code generation:
// for a valid step (the usual case) no validator needs compiling. It only ever answers "valid" (with
// the path strings, as the compiled validator collects them); anything else, and any schema or value
// outside the part of JSON Schema it knows, goes to ajv, whose errors and messages stay the ones shown.

import ucs2length from 'ajv/dist/runtime/ucs2length.js';
import { isPlainDraft07Schema } from '../source/plain-draft07-schema.ts';
import { unicodePattern } from '../source/unicode-pattern.ts';
type Schema = Readonly<Record<string, unknown>>;

// ajv's own length of a string (a surrogate pair is one character), imported as the generated validators do.
const lengthOf = (typeof ucs2length === 'function' ? ucs2length : (ucs2length as { default: (text: string) => number }).default) as (text: string) => number;
/** The strings a validation saw as `format: path` (paths) and as `writes: true` (writes). */
export interface CollectedPaths {
  readonly paths: readonly string[];
  readonly writes: readonly string[];
}

/** Keywords walked here; a schema with any other is ajv's. */
const KNOWN: ReadonlySet<string> = new Set([
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'title', 'description', 'examples', '$comment', '$schema', 'writes', 'allowOptionLike', 'x-accepts',
]);

/** Per schema object: whether it is walked here. */
const walkable = new WeakMap<object, boolean>();

/** The path strings of `args` when they are valid against `schema`; undefined: invalid, or for ajv to say. */
export function quickArgsCheck(schema: object, args: unknown): CollectedPaths | undefined {
  if (!isWalkable(schema)) return undefined;
  const found = { paths: [] as string[], writes: [] as string[] };
  return valid(schema, args, found) ? found : undefined;
}

function isWalkable(schema: object): boolean {
  let known = walkable.get(schema);
  if (known === undefined) {
    known = walkableSchema(schema);
    walkable.set(schema, known);
  }
  return known;
}

function walkableSchema(root: object): boolean {
  try {
    // What ajv would refuse to compile is ajv's to report.
    if (!isPlainDraft07Schema(root)) return false;
  } catch {
    return false;
  }
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'boolean') continue;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
    const schema = node as Schema;
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) return false;
    if (schema.format !== undefined && schema.format !== 'path') return false;
    if ((schema.writes !== undefined && typeof schema.writes !== 'boolean') || (schema.allowOptionLike !== undefined && typeof schema.allowOptionLike !== 'boolean')) return false;
    for (const key of ['enum', 'const'] as const) {
      const values = key === 'enum' ? (schema.enum as unknown[] | undefined) : schema.const === undefined ? undefined : [schema.const];
      if (values?.some((value) => value !== null && typeof value === 'object')) return false;
    }
    if (typeof schema.pattern === 'string' && unicodePattern(schema.pattern) === undefined) return false;
    if (Array.isArray(schema.items)) return false;
    if (schema.items !== undefined) stack.push(schema.items);
    if (schema.additionalProperties !== undefined) stack.push(schema.additionalProperties);
    if (schema.properties !== undefined) {
      // ajv leaves a property named __proto__ out of its checks; such a schema is left to it.
      if (Object.hasOwn(schema.properties as Schema, '__proto__')) return false;
      stack.push(...Object.values(schema.properties as Schema));
    }
  }
  return true;
}

/** ajv's checks, in its order (so path strings are collected in its order); false also where unsure. */
function valid(node: unknown, data: unknown, found: { paths: string[]; writes: string[] }): boolean {
  if (node === true) return true;
  if (node === false) return false;
  const schema = node as Schema;
  // JSON has no NaN nor Infinity; ajv's checks of them are its own.
  if (typeof data === 'number' && !Number.isFinite(data)) return false;
  if (schema.type !== undefined && !(Array.isArray(schema.type) ? schema.type : [schema.type]).some((type) => hasType(data, type as string))) return false;
  if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(data)) return false;
  if (schema.const !== undefined && schema.const !== data) return false;
  if (schema.writes === true && typeof data === 'string') found.writes.push(data);
  if (typeof data === 'number') {
    if (typeof schema.minimum === 'number' && data < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && data > schema.maximum) return false;
    if (typeof schema.exclusiveMinimum === 'number' && data <= schema.exclusiveMinimum) return false;
    if (typeof schema.exclusiveMaximum === 'number' && data >= schema.exclusiveMaximum) return false;
    if (typeof schema.multipleOf === 'number') {
      const ratio = data / schema.multipleOf;
      if (ratio !== parseInt(ratio as unknown as string)) return false;
    }
  }
  if (typeof data === 'string') {
    if (typeof schema.minLength === 'number' && lengthOf(data) < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && lengthOf(data) > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !unicodePattern(schema.pattern)!.test(data)) return false;
    if (schema.format === 'path') found.paths.push(data);
  }
  if (Array.isArray(data)) {
    if (typeof schema.minItems === 'number' && data.length < schema.minItems) return false;
    if (typeof schema.maxItems === 'number' && data.length > schema.maxItems) return false;
    if (schema.items !== undefined) for (const item of data) if (!valid(schema.items, item, found)) return false;
  } else if (data !== null && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    // ajv reads properties as `data[name]`, inherited ones included; so does this.
    for (const name of (schema.required as string[] | undefined) ?? []) if (record[name] === undefined) return false;
    const properties = (schema.properties as Schema | undefined) ?? {};
    if (schema.additionalProperties !== undefined) {
      for (const key in record) if (!Object.hasOwn(properties, key) && !valid(schema.additionalProperties, record[key], found)) return false;
    }
    for (const [name, sub] of Object.entries(properties)) if (record[name] !== undefined && !valid(sub, record[name], found)) return false;
  }
  return true;
}

function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'string': return typeof data === 'string';
    case 'number': return typeof data === 'number';
    case 'integer': return typeof data === 'number' && Number.isInteger(data);
    case 'boolean': return typeof data === 'boolean';
    case 'null': return data === null;
    case 'array': return Array.isArray(data);
    case 'object': return data !== null && typeof data === 'object' && !Array.isArray(data);
    default: return false;
  }
}
