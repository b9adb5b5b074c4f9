// The rules OpenAI documents for a schema sent with strict: true (structured outputs, "Supported
// schemas"), written down here independently of src/ so the schema planexec actually sends can be
// checked against them: the root an object, only the supported keywords (per type, and formats),
// additionalProperties: false and every property required on each object, $ref only into $defs,
// nesting at most 10 levels, at most 5000 properties, at most 1000 enum values (a string enum of
// more than 250 values at most 15,000 characters), names and enum values at most 120,000 characters.

type Schema = Record<string, unknown>;

const FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
const COMMON = new Set(['type', 'description', 'title', 'enum', 'const', 'anyOf', '$ref']);
const BY_TYPE: Record<string, readonly string[]> = {
  string: ['pattern', 'format'],
  number: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  integer: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  array: ['items', 'minItems', 'maxItems'],
  object: ['properties', 'required', 'additionalProperties'],
  boolean: [],
  null: [],
};

export const STRICT_RULES = { maxDepth: 10, maxProperties: 5000, maxEnumValues: 1000, maxLongEnumLength: 15_000, longEnum: 250, maxStringLength: 120_000 };

/** Every way `root` breaks the strict-mode rules, one line each (empty: it fits). */
export function strictViolations(root: Schema): string[] {
  const problems: string[] = [];
  const defs = (root.$defs ?? {}) as Record<string, Schema>;
  let properties = 0;
  let enumValues = 0;
  let stringLength = Object.keys(defs).join('').length;
  let deepest = 0;

  if (root.type !== 'object' || root.anyOf !== undefined) problems.push('the root is not an object schema');
  const visit = (node: unknown, at: string, depth: number, refs: readonly string[]): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return void problems.push(`${at}: not a schema`);
    const schema = node as Schema;
    if (typeof schema.$ref === 'string') {
      const name = /^#\/\$defs\/([^/]+)$/.exec(schema.$ref)?.[1];
      if (name === undefined || defs[name] === undefined) return void problems.push(`${at}: $ref ${schema.$ref} does not name one of $defs`);
      if (refs.includes(name)) return;
      return visit(defs[name], `${at}→${name}`, depth, [...refs, name]);
    }
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
    if (types.length === 0 && schema.anyOf === undefined && schema.enum === undefined && schema.const === undefined) problems.push(`${at}: no type`);
    for (const type of types) if (BY_TYPE[type] === undefined) problems.push(`${at}: type ${type} is not supported`);
    const allowed = new Set([...COMMON, ...types.flatMap((type) => BY_TYPE[type] ?? [])]);
    if (at === '#') allowed.add('$defs');
    for (const key of Object.keys(schema)) if (!allowed.has(key)) problems.push(`${at}: keyword "${key}" is not supported${types.length ? ` for ${types.join('/')}` : ''}`);
    if (typeof schema.format === 'string' && !FORMATS.has(schema.format)) problems.push(`${at}: format "${schema.format}" is not supported`);
    const nested = types.includes('object') || types.includes('array') ? depth + 1 : depth;
    deepest = Math.max(deepest, nested);
    if (types.includes('object')) {
      if (schema.additionalProperties !== false) problems.push(`${at}: additionalProperties is not false`);
      const props = (schema.properties ?? {}) as Record<string, unknown>;
      const required = new Set((schema.required ?? []) as string[]);
      for (const [name, sub] of Object.entries(props)) {
        properties += 1;
        stringLength += name.length;
        if (!required.has(name)) problems.push(`${at}: property "${name}" is not required`);
        visit(sub, `${at}/properties/${name}`, nested, refs);
      }
    }
    if (types.includes('array')) {
      if (schema.items === undefined || Array.isArray(schema.items)) problems.push(`${at}: an array needs one items schema`);
      else visit(schema.items, `${at}/items`, nested, refs);
    }
    if (Array.isArray(schema.anyOf)) schema.anyOf.forEach((branch, index) => visit(branch, `${at}/anyOf/${index}`, depth, refs));
    const values = Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : [];
    enumValues += Array.isArray(schema.enum) ? schema.enum.length : 0;
    const length = values.reduce<number>((sum, value) => sum + String(value).length, 0);
    stringLength += length;
    if (Array.isArray(schema.enum) && schema.enum.length > STRICT_RULES.longEnum && schema.enum.every((value) => typeof value === 'string') && length > STRICT_RULES.maxLongEnumLength) {
      problems.push(`${at}: an enum of ${schema.enum.length} strings is ${length} characters long (at most ${STRICT_RULES.maxLongEnumLength})`);
    }
  };
  visit(root, '#', 0, []);
  if (deepest > STRICT_RULES.maxDepth) problems.push(`nests ${deepest} levels (at most ${STRICT_RULES.maxDepth})`);
  if (properties > STRICT_RULES.maxProperties) problems.push(`${properties} properties (at most ${STRICT_RULES.maxProperties})`);
  if (enumValues > STRICT_RULES.maxEnumValues) problems.push(`${enumValues} enum values (at most ${STRICT_RULES.maxEnumValues})`);
  if (stringLength > STRICT_RULES.maxStringLength) problems.push(`${stringLength} characters of names and values (at most ${STRICT_RULES.maxStringLength})`);
  return problems;
}
