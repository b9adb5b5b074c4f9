// Whether a stored event has the shape schemas/events.schema.json gives its kind, before the fold
// trusts its fields: a run store can be damaged (a `null` line, a field of the wrong type) and must
// then give a message, not an internal error. The schema is read as it is and interpreted for the few
// keywords it uses (a test keeps that list complete): compiling it with ajv would cost `show` and
// `runs` about 100 ms each time, for a check this small.

import { readFileSync } from 'node:fs';

type Schema = { readonly [keyword: string]: unknown };

/** The keywords this checker understands; the events schema uses no others (test/run/damaged-store.test.ts). */
export const understoodKeywords: ReadonlySet<string> = new Set([
  '$schema', '$id', '$ref', 'title', 'description', 'definitions', 'format',
  'type', 'const', 'enum', 'minimum', 'required', 'properties', 'additionalProperties', 'items', 'allOf', 'if', 'then',
]);

/** Where a value breaks the schema (the keys down to it, filled in on the way back up) and how. */
interface Failure {
  readonly path: (string | number)[];
  readonly say: (where: string) => string;
}

/** Checks a value: undefined when it fits. Nothing is allocated for a value that fits. */
type Check = (value: unknown) => Failure | undefined;

let eventsSchema: Schema | undefined;
let eventCheck: Check | undefined;

function rootSchema(): Schema {
  eventsSchema ??= JSON.parse(readFileSync(new URL('../../schemas/events.schema.json', import.meta.url), 'utf8')) as Schema;
  return eventsSchema;
}

/** The event kinds this version knows (the schema's `kind` enum). */
export function knownEventKinds(): readonly string[] {
  return ((rootSchema().properties as Record<string, Schema>).kind!.enum as string[]) ?? [];
}

/** How `event` breaks the events schema — `"planNumber" must be an integer (got "1")` — or undefined when it fits. */
export function eventShapeProblem(event: unknown): string | undefined {
  eventCheck ??= compile(rootSchema(), new Map());
  const failure = eventCheck(event);
  return failure === undefined ? undefined : failure.say(where(failure.path));
}

function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

function where(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the event';
  return `"${path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')}"`;
}

const typeChecks: Record<string, (value: unknown) => boolean> = {
  object: (value) => value !== null && typeof value === 'object' && !Array.isArray(value),
  array: Array.isArray,
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
  null: (value) => value === null,
};

function isEqual(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

const fail = (say: (where: string) => string): Failure => ({ path: [], say });

/** The schema as one function, built once; each `$ref`'d definition is compiled once, on first use. */
function compile(schema: Schema, definitions: Map<string, Check>): Check {
  const checks: Check[] = [];
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    const match = /^#\/definitions\/([^/]+)$/.exec(ref);
    const target = match ? (rootSchema().definitions as Record<string, Schema> | undefined)?.[match[1]!] : undefined;
    if (target === undefined) throw new Error(`events schema: cannot resolve $ref ${ref}`);
    checks.push((value) => {
      let check = definitions.get(ref);
      if (check === undefined) {
        check = compile(target, definitions);
        definitions.set(ref, check);
      }
      return check(value);
    });
  }
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    const tests = types.map((type) => typeChecks[type] ?? (() => false));
    const wanted = types.map((type) => (type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`)).join(' or ');
    const [only] = tests;
    const fits = tests.length === 1 ? only! : (value: unknown) => {
      for (const test of tests) if (test(value)) return true;
      return false;
    };
    checks.push((value) => (fits(value) ? undefined : fail((at) => `${at} must be ${wanted} (got ${describe(value)})`)));
  }
  if ('const' in schema) {
    const constant = schema.const;
    checks.push((value) => (isEqual(constant, value) ? undefined : fail((at) => `${at} must be ${describe(constant)} (got ${describe(value)})`)));
  }
  if (Array.isArray(schema.enum)) {
    const options = schema.enum as unknown[];
    const allowed = new Set(options.filter((item) => typeof item !== 'object' || item === null));
    const objects = options.filter((item) => typeof item === 'object' && item !== null);
    checks.push((value) => (allowed.has(value) || objects.some((item) => isEqual(item, value)) ? undefined : fail((at) => `${at} must be one of ${options.map((item) => describe(item)).join(', ')} (got ${describe(value)})`)));
  }
  if (typeof schema.minimum === 'number') {
    const minimum = schema.minimum;
    checks.push((value) => (typeof value !== 'number' || value >= minimum ? undefined : fail((at) => `${at} must be at least ${minimum} (got ${value})`)));
  }
  const required = (schema.required ?? []) as string[];
  const declared = Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => ({ name, check: compile(property, definitions) }));
  const known = new Set(declared.map(({ name }) => name));
  const closed = schema.additionalProperties === false;
  if (required.length > 0 || declared.length > 0 || closed) {
    checks.push((value) => {
      if (!typeChecks.object!(value)) return undefined;
      const record = value as Record<string, unknown>;
      for (let i = 0; i < required.length; i++) {
        const name = required[i]!;
        if (!Object.hasOwn(record, name)) return fail((at) => `${at} has no "${name}"`);
      }
      for (let i = 0; i < declared.length; i++) {
        const { name, check } = declared[i]!;
        if (!Object.hasOwn(record, name)) continue;
        const failure = check(record[name]);
        if (failure !== undefined) {
          failure.path.unshift(name);
          return failure;
        }
      }
      if (closed) {
        for (const name of Object.keys(record)) if (!known.has(name)) return fail((at) => `${at} has a field "${name}" its kind does not have`);
      }
      return undefined;
    });
  }
  if (schema.items !== null && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    const item = compile(schema.items as Schema, definitions);
    checks.push((value) => {
      if (!Array.isArray(value)) return undefined;
      for (let index = 0; index < value.length; index++) {
        const failure = item(value[index]);
        if (failure !== undefined) {
          failure.path.unshift(index);
          return failure;
        }
      }
      return undefined;
    });
  }
  // `allOf` of `if: {properties: {kind: {const: K}}}, then: …` picks one `then` by the value of
  // `kind`: looked up instead of tried one by one.
  const byField = new Map<string, Map<unknown, Check>>();
  for (const part of (schema.allOf ?? []) as Schema[]) {
    const field = discriminator(part);
    if (field === undefined) {
      checks.push(compile(part, definitions));
      continue;
    }
    if (!byField.has(field)) byField.set(field, new Map());
    byField.get(field)!.set(((part.if as Schema).properties as Record<string, Schema>)[field]!.const, compile(part.then as Schema, definitions));
  }
  for (const [field, thens] of byField) {
    checks.push((value) => {
      if (!typeChecks.object!(value) || !Object.hasOwn(value as object, field)) return undefined;
      const key = (value as Record<string, unknown>)[field];
      return typeof key === 'object' && key !== null ? undefined : thens.get(key)?.(value);
    });
  }
  if (schema.if !== undefined && schema.then !== undefined) {
    const condition = compile(schema.if as Schema, definitions);
    const then = compile(schema.then as Schema, definitions);
    checks.push((value) => (condition(value) === undefined ? then(value) : undefined));
  }
  if (checks.length === 0) return () => undefined;
  if (checks.length === 1) return checks[0]!;
  if (checks.length === 2) {
    const [first, second] = checks as [Check, Check];
    return (value) => first(value) ?? second(value);
  }
  return (value) => {
    for (const check of checks) {
      const failure = check(value);
      if (failure !== undefined) return failure;
    }
    return undefined;
  };
}

/** The field an `if`/`then` pair is chosen by, when its `if` is only `{properties: {<field>: {const: <scalar>}}}`. */
function discriminator(part: Schema): string | undefined {
  const keys = Object.keys(part);
  if (keys.length !== 2 || part.if === undefined || part.then === undefined) return undefined;
  const condition = part.if as Schema;
  if (Object.keys(condition).length !== 1 || condition.properties === undefined) return undefined;
  const fields = Object.entries(condition.properties as Record<string, Schema>);
  if (fields.length !== 1) return undefined;
  const [field, test] = fields[0]!;
  if (Object.keys(test).length !== 1 || !('const' in test) || (typeof test.const === 'object' && test.const !== null)) return undefined;
  return field;
}
