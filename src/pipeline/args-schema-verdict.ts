// Whether a tool's `args` schema compiles with ajv in strict mode, decided from the schema itself for
// the ordinary ones (no code generation, no Ajv at all); anything it cannot vouch for is left to ajv,
// so every refusal, and its message, stays ajv's own.

import { isRecord } from '../source/is-record.ts';
import { isPlainDraft07Schema } from '../source/plain-draft07-schema.ts';
import { unicodePattern } from '../source/unicode-pattern.ts';
import { KNOWN_ARGUMENT_FORMATS } from '../tools/argument-formats.ts';

type Schema = Readonly<Record<string, unknown>>;

/**
 * The data types each type-specific keyword applies to (ajv's keyword definitions, draft-07): with
 * strictTypes, each needs one of them among the types in force where it is. A test compares the
 * table with ajv's own rules.
 */
export const KEYWORD_TYPES: Readonly<Record<string, readonly string[]>> = {
  maximum: ['number'], minimum: ['number'], exclusiveMaximum: ['number'], exclusiveMinimum: ['number'], multipleOf: ['number'],
  maxLength: ['string'], minLength: ['string'], pattern: ['string'],
  maxProperties: ['object'], minProperties: ['object'], required: ['object'], propertyNames: ['object'], additionalProperties: ['object'], dependencies: ['object'], properties: ['object'], patternProperties: ['object'],
  maxItems: ['array'], minItems: ['array'], uniqueItems: ['array'], items: ['array'], additionalItems: ['array'], contains: ['array'],
  format: ['number', 'string'],
};

/**
 * The keywords vouched for here: the rest (`$ref`, `$id`, `definitions`, `if`/`then`/`else`, tuple
 * `items`, `additionalItems`, anything unknown) can fail in ways only compiling shows.
 */
const DECIDABLE: ReadonlySet<string> = new Set([
  ...Object.keys(KEYWORD_TYPES).filter((keyword) => keyword !== 'additionalItems'),
  'type', 'enum', 'const', 'allOf', 'anyOf', 'oneOf', 'not',
  'title', 'description', 'examples', '$comment', '$schema',
  'writes', 'allowOptionLike', 'x-accepts',
]);
/** Subschemas on the same data (they see the types in force) and on a part of it (they start afresh). */
const SAME_DATA_ONE = ['not'];
const SAME_DATA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const PART_ONE = ['additionalProperties', 'items', 'contains'];
const PART_MAPS = ['properties', 'patternProperties'];

/**
 * true when ajv (strict, strictRequired off, union types allowed, the argument formats and
 * vocabulary) compiles `schema`; undefined when only compiling can tell.
 */
/** Deeper subschemas than this are left to ajv (args schemas people write are a few levels deep). */
const MAX_DEPTH = 100;

export function isArgsSchemaUsable(schema: unknown): true | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  try {
    // ajv checks a schema against draft-07 before compiling it; the generated validator is that check.
    if (!isPlainDraft07Schema(schema)) return undefined;
  } catch {
    return undefined;
  }
  const stack: [unknown, readonly string[], number][] = [[schema, [], 0]];
  while (stack.length > 0) {
    const [node, context, depth] = stack.pop()!;
    if (typeof node === 'boolean') continue;
    // ajv compiles nested schemas recursively: whether a very deep one fits its stack depends on the
    // stack left at the time, so only ajv can answer for it.
    if (depth > MAX_DEPTH) return undefined;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const types = nodeTypes(node as Schema, context);
    if (types === undefined || !decidable(node as Schema, types)) return undefined;
    const at = node as Schema;
    const next = depth + 1;
    for (const key of SAME_DATA_ONE) if (at[key] !== undefined) stack.push([at[key], types, next]);
    for (const key of SAME_DATA_LISTS) if (Array.isArray(at[key])) for (const sub of at[key] as unknown[]) stack.push([sub, types, next]);
    for (const key of PART_ONE) if (at[key] !== undefined) stack.push([at[key], [], next]);
    for (const key of PART_MAPS) if (isRecord(at[key])) for (const sub of Object.values(at[key] as Schema)) stack.push([sub, [], next]);
    // A property name is a string: its schema sees that type.
    if (at.propertyNames !== undefined) stack.push([at.propertyNames, ['string'], next]);
    if (isRecord(at.dependencies)) for (const sub of Object.values(at.dependencies as Schema)) if (!Array.isArray(sub)) stack.push([sub, types, next]);
  }
  return true;
}

/** The types in force at a node (ajv's strictTypes: its `type` narrows its context's), undefined where ajv would refuse them. */
function nodeTypes(node: Schema, context: readonly string[]): readonly string[] | undefined {
  const own = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : [];
  let types = context;
  if (own.length > 0) {
    if (context.length === 0) types = own;
    else {
      if (!own.every((type) => includesType(context, type))) return undefined;
      types = context.flatMap((type) => (includesType(own, type) ? [type] : own.includes('integer') && type === 'number' ? ['integer'] : []));
    }
  }
  for (const [keyword, applies] of Object.entries(KEYWORD_TYPES)) {
    if (node[keyword] !== undefined && !applies.some((type) => types.includes(type) || (type === 'number' && types.includes('integer')))) return undefined;
  }
  return types;
}

function includesType(types: readonly string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** The node's own keywords are all vouched for: known, values ajv takes, patterns that compile. */
function decidable(node: Schema, types: readonly string[]): boolean {
  for (const key of Object.keys(node)) if (!DECIDABLE.has(key)) return false;
  if (node.format !== undefined && !KNOWN_ARGUMENT_FORMATS.includes(node.format as string)) return false;
  for (const key of ['writes', 'allowOptionLike']) if (node[key] !== undefined && typeof node[key] !== 'boolean') return false;
  if (node.pattern !== undefined && !compiles(node.pattern as string)) return false;
  if (isRecord(node.patternProperties)) {
    const patterns = Object.keys(node.patternProperties as Schema);
    if (!patterns.every(compiles)) return false;
    // ajv refuses a property that one of the patterns also matches (allowMatchingProperties is off).
    const names = isRecord(node.properties) ? Object.keys(node.properties as Schema) : [];
    if (names.some((name) => patterns.some((pattern) => unicodePattern(pattern)!.test(name)))) return false;
  }
  return true;
}

/** ajv compiles patterns as Unicode regular expressions. */
function compiles(pattern: string): boolean {
  return unicodePattern(pattern) !== undefined;
}
