// Under strict structured output every property is required, so a model leaves an optional argument
// out by writing null (src/plan/strict-args-schema.ts). Read back, such a null means "absent": it is
// dropped where the tool's own schema has the argument optional and does not accept null.

type Schema = Readonly<Record<string, unknown>>;

/** The arguments without the nulls that stand for optional arguments left out (the same object when there are none). */
export function withoutAbsentNulls(schema: unknown, args: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return hasNull(args) ? (dropNulls(schema, args, schema, 0) as Readonly<Record<string, unknown>>) : args;
}

/** How far $refs and branches are followed: a schema deeper than this keeps its nulls (the compiler then names them). */
const MAX_DEPTH = 32;

function dropNulls(schema: unknown, value: unknown, root: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const applicable = applicableSchemas(schema, root, depth);
  if (Array.isArray(value)) {
    const items = applicable.map((each) => each.items).find((items) => items !== undefined && !Array.isArray(items));
    return items === undefined ? value : value.map((item) => dropNulls(items, item, root, depth + 1));
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const declared = applicable.map((each) => (isSchema(each.properties) ? each.properties[key] : undefined)).filter((property) => property !== undefined);
    if (item === null && declared.length > 0 && !applicable.some((each) => Array.isArray(each.required) && each.required.includes(key)) && !declared.some((property) => acceptsNull(property, root, depth))) continue;
    result[key] = declared.length > 0 ? dropNulls(declared[0], item, root, depth + 1) : item;
  }
  return result;
}

/** The schema and every schema it defers to for the same value: its branches and its $ref. */
function applicableSchemas(schema: unknown, root: unknown, depth: number): Schema[] {
  if (!isSchema(schema) || depth > MAX_DEPTH) return [];
  const found: Schema[] = [schema];
  if (typeof schema.$ref === 'string') found.push(...applicableSchemas(resolveLocal(schema.$ref, root), root, depth + 1));
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) found.push(...applicableSchemas(branch, root, depth + 1));
  }
  return found;
}

function acceptsNull(schema: unknown, root: unknown, depth: number): boolean {
  if (schema === true) return true;
  if (!isSchema(schema) || depth > MAX_DEPTH) return false;
  if (typeof schema.$ref === 'string') return acceptsNull(resolveLocal(schema.$ref, root), root, depth + 1);
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  if (Array.isArray(schema.enum)) return schema.enum.includes(null);
  if (Object.hasOwn(schema, 'const')) return schema.const === null;
  for (const key of ['anyOf', 'oneOf']) {
    const branches = schema[key];
    if (Array.isArray(branches)) return branches.some((branch) => acceptsNull(branch, root, depth + 1));
  }
  return schema.type === undefined;
}

function resolveLocal(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#')) return undefined;
  let target: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    target = target !== null && typeof target === 'object' ? (target as Record<string, unknown>)[key] : undefined;
  }
  return target;
}

function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (item === null || (typeof item === 'object' && hasNull(item))) return true;
  return false;
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
