// A tool's `args` schema rewritten into the subset of JSON Schema that strict structured output
// (OpenAI's strict mode) accepts, keeping its meaning: optional properties become required and
// nullable, `const` an enum, a type list an anyOf, a length a pattern; what cannot be said there is
// kept as written and reported, and the plan schema is then sent with strict: false. Descriptions
// stay in the plan prompt, which shows the model every tool's schema as written.

type Schema = Readonly<Record<string, unknown>>;

/** A part of a tool's schema strict mode cannot express, and where it is (a JSON pointer into `args`). */
export interface Inexpressible {
  readonly keyword: string;
  readonly at: string;
}

/** Where the plan schema keeps the definitions every step shares. */
export const REFERENCE_DEF = '#/$defs/reference';

/** The formats strict mode knows; `path` is planexec's own (any string, checked against the workspace later). */
const STRICT_FORMATS: ReadonlySet<string> = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
const PLANEXEC_FORMATS: ReadonlySet<string> = new Set(['path']);

/** Keywords that only annotate (or that planexec's compiler checks on its own): dropped from the sent schema. */
const DROPPED = new Set(['title', 'description', '$comment', '$schema', '$id', 'writes', 'allowOptionLike', 'x-accepts', 'definitions', '$defs', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated']);
const KEPT_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  string: ['pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['minItems', 'maxItems'],
  object: [],
  boolean: [],
  null: [],
};
/** Keywords handled here by rewriting (the rest of a node's keywords are inexpressible). */
const HANDLED = new Set(['type', 'description', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'oneOf', 'allOf', '$ref', 'minLength', 'maxLength', ...Object.values(KEPT_BY_TYPE).flat(), ...DROPPED]);

interface Walk {
  readonly root: Schema;
  readonly found: Inexpressible[];
  /** $refs being inlined, to stop at recursion. */
  readonly inlining: readonly string[];
}

/**
 * The strict form of `args` and what of it strict mode cannot express (empty: the form means the
 * same). Every value position also accepts a whole output reference (`${steps.1.output}`), as the
 * compiler does, unless it is a plain string, which already does.
 */
export function strictArgsSchema(args: Schema): { readonly schema: Schema; readonly inexpressible: readonly Inexpressible[] } {
  const walk: Walk = { root: args, found: [], inlining: [] };
  const schema = strictNode(args, '', walk);
  return { schema, inexpressible: walk.found };
}

function strictNode(node: unknown, at: string, walk: Walk): Schema {
  if (node === true || (isSchema(node) && Object.keys(node).every((key) => DROPPED.has(key) || key === 'description'))) {
    walk.found.push({ keyword: 'a value of any type', at });
    return {};
  }
  if (node === false || !isSchema(node)) {
    walk.found.push({ keyword: 'false', at });
    return { not: {} };
  }
  // Kept as written for servers that take them anyway (the schema then goes with strict: false).
  const unhandled: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    if (HANDLED.has(key)) continue;
    walk.found.push({ keyword: key, at });
    unhandled[key] = node[key];
  }
  // Descriptions and examples are left out: the plan prompt shows the model each tool's schema with them.
  const described = {};

  if (typeof node.$ref === 'string') return { ...strictNode(resolveRef(node.$ref, at, walk), at, { ...walk, inlining: [...walk.inlining, node.$ref] }), ...described };
  if (Array.isArray(node.allOf)) {
    if (node.allOf.length === 1 && Object.keys(node).every((key) => key === 'allOf' || DROPPED.has(key) || key === 'description')) return { ...strictNode(node.allOf[0], `${at}/allOf/0`, walk), ...described };
    walk.found.push({ keyword: 'allOf', at });
  }
  const alternatives = Array.isArray(node.anyOf) ? 'anyOf' : Array.isArray(node.oneOf) ? 'oneOf' : undefined;
  if (alternatives !== undefined) {
    const branches = node[alternatives] as unknown[];
    if (alternatives === 'oneOf' && !disjointByType(branches)) walk.found.push({ keyword: 'oneOf', at });
    if (Object.keys(node).some((key) => key !== alternatives && !DROPPED.has(key) && key !== 'description')) walk.found.push({ keyword: `${alternatives} beside other keywords`, at });
    return { anyOf: branches.flatMap((branch, index) => branchesOf(strictNode(branch, `${at}/${alternatives}/${index}`, walk))), ...described };
  }
  const types = typesOf(node);
  if (types.length === 0) {
    walk.found.push({ keyword: 'no "type"', at });
    return { ...described };
  }
  if (types.length > 1) return { anyOf: types.map((type) => ({ ...strictTyped(node, type, at, walk), ...unhandled })), ...described };
  return { ...strictTyped(node, types[0]!, at, walk), ...unhandled, ...described };
}

/** One type's part of a node: the keywords that apply to it, rewritten. */
function strictTyped(node: Schema, type: string, at: string, walk: Walk): Schema {
  const out: Record<string, unknown> = { type };
  for (const key of KEPT_BY_TYPE[type] ?? []) if (node[key] !== undefined) out[key] = node[key];
  const values = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : undefined;
  if (values !== undefined) {
    const own = values.filter((value) => typeOfValue(value) === type || (type === 'number' && typeOfValue(value) === 'integer'));
    if (own.some((value) => value !== null && typeof value === 'object')) walk.found.push({ keyword: 'enum of lists or maps', at });
    out.enum = own;
  }
  if (type === 'string') strictString(node, out, at, walk);
  if (type === 'array') {
    if (Array.isArray(node.items)) walk.found.push({ keyword: 'items (a list of schemas)', at });
    else if (node.items === undefined) walk.found.push({ keyword: 'a list with no "items"', at });
    else out.items = valuePosition(strictNode(node.items, `${at}/items`, walk));
  }
  if (type === 'object') strictObject(node, out, at, walk);
  return out;
}

function strictString(node: Schema, out: Record<string, unknown>, at: string, walk: Walk): void {
  const format = node.format;
  if (typeof format === 'string' && !STRICT_FORMATS.has(format)) {
    // planexec's own formats accept any string (the compiler checks them): leaving them out keeps the meaning.
    if (PLANEXEC_FORMATS.has(format)) delete out.format;
    else walk.found.push({ keyword: `format: ${format}`, at });
  }
  const min = typeof node.minLength === 'number' ? node.minLength : undefined;
  const max = typeof node.maxLength === 'number' ? node.maxLength : undefined;
  if (min === undefined && max === undefined) return;
  // A length alone is a pattern of any characters; beside a pattern or a format it cannot be said.
  if (out.pattern !== undefined || out.format !== undefined || out.enum !== undefined) {
    walk.found.push({ keyword: min !== undefined ? 'minLength' : 'maxLength', at });
    if (min !== undefined) out.minLength = min;
    if (max !== undefined) out.maxLength = max;
  } else out.pattern = `^[\\s\\S]{${min ?? 0},${max ?? ''}}$`;
}

function strictObject(node: Schema, out: Record<string, unknown>, at: string, walk: Walk): void {
  const open = node.additionalProperties !== false;
  if (open) walk.found.push({ keyword: node.additionalProperties === undefined ? 'an object without "additionalProperties: false"' : 'additionalProperties', at });
  const properties = isSchema(node.properties) ? node.properties : {};
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  const strict: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    const schema = valuePosition(strictNode(property, `${at}/properties/${pointerPart(name)}`, walk));
    strict[name] = required.has(name) || acceptsNull(schema) ? schema : nullable(schema);
  }
  out.properties = strict;
  out.required = Object.keys(strict);
  // An open object stays open (sent with strict: false): a server that enforces it must still let the model pass what the tool takes.
  if (!open) out.additionalProperties = false;
  else if (isSchema(node.additionalProperties)) out.additionalProperties = strictNode(node.additionalProperties, `${at}/additionalProperties`, walk);
}

/** A value in the arguments: a whole output reference fits wherever a plain string does not. */
function valuePosition(schema: Schema): Schema {
  if (isPlainString(schema)) return schema;
  const { description, ...rest } = schema;
  return { anyOf: [...branchesOf(rest), { $ref: REFERENCE_DEF }], ...(description !== undefined ? { description } : {}) };
}

/** An optional property: strict mode has every property required, so leaving one out is writing null. */
function nullable(schema: Schema): Schema {
  const { description, ...rest } = schema;
  return { anyOf: [...branchesOf(rest), { type: 'null' }], ...(description !== undefined ? { description } : {}) };
}

function isPlainString(schema: Schema): boolean {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((branch) => isPlainString(branch as Schema));
  return schema.type === 'string' && schema.pattern === undefined && schema.format === undefined && schema.enum === undefined;
}

function branchesOf(schema: Schema): Schema[] {
  const keys = Object.keys(schema);
  return Array.isArray(schema.anyOf) && keys.every((key) => key === 'anyOf' || key === 'description') ? (schema.anyOf as Schema[]) : [schema];
}

function acceptsNull(schema: Schema): boolean {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((branch) => acceptsNull(branch as Schema));
  return schema.type === 'null' || Object.keys(schema).length === 0;
}

function typesOf(node: Schema): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((type): type is string => typeof type === 'string');
  const values = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : [];
  return [...new Set(values.map(typeOfValue))];
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** oneOf means anyOf when no value can match two branches: branches of one type each, all different. */
function disjointByType(branches: readonly unknown[]): boolean {
  const types = branches.map((branch) => (isSchema(branch) && typeof branch.type === 'string' ? branch.type : undefined));
  if (types.some((type) => type === undefined)) return false;
  const set = new Set(types);
  return set.size === types.length && !(set.has('number') && set.has('integer'));
}

/** A local $ref (`#/definitions/x`, `#/$defs/x`, `#`) inlined; recursion cannot be. */
function resolveRef(ref: string, at: string, walk: Walk): unknown {
  if (walk.inlining.includes(ref)) {
    walk.found.push({ keyword: '$ref (recursive)', at });
    return { type: 'string' };
  }
  if (!ref.startsWith('#')) {
    walk.found.push({ keyword: '$ref', at });
    return { type: 'string' };
  }
  let target: unknown = walk.root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isSchema(target) || Array.isArray(target) ? (target as Record<string, unknown>)[key] : undefined;
  }
  return target;
}

function pointerPart(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
