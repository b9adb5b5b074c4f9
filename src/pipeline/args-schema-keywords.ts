// Every keyword of a tool's `args` schema is one the argument checker enforces, an annotation the model
// reads, or planexec's own; any other (`default`, `contentMediaType`, a misspelling) is an error at its
// line and column, so no part of a schema is silently ignored. Unknown formats likewise.

import type { Diagnostic } from '../source/diagnostic.ts';
import { closestMatch } from '../source/did-you-mean.ts';
import { describePath, FLOW_COMMA_HINT } from '../source/schema-check.ts';
import { diagnosticAt, type InstancePath, type YamlSource } from '../source/yaml-source.ts';
import { KNOWN_ARGUMENT_FORMATS } from '../tools/argument-formats.ts';
import { ARGUMENT_ACCEPTS } from '../tools/argument-vocabulary.ts';

/** Keywords the argument checker (ajv, draft-07) enforces on every step's arguments. */
export const CHECKED_KEYWORDS: readonly string[] = [
  'type', 'enum', 'const',
  'properties', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties', 'dependencies',
  'items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'contains',
  'minLength', 'maxLength', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
  '$ref', 'definitions', '$defs', '$schema', '$id',
];
/** Read by the model (the plan prompt shows the schema), not checked. */
export const ANNOTATION_KEYWORDS: readonly string[] = ['title', 'description', 'examples', '$comment'];
/** planexec's own (src/tools/argument-vocabulary.ts). */
export const PLANEXEC_KEYWORDS: readonly string[] = ['writes', 'allowOptionLike', ARGUMENT_ACCEPTS];

/** Keywords JSON Schema has that nothing here would act on, and what to write instead. */
const REFUSED: Readonly<Record<string, string>> = {
  default: 'planexec does not fill in defaults: say the default in the description and let the tool apply it (e.g. {{#if args.max}}{{args.max}}{{else}}50{{/if}} in a command)',
  readOnly: 'an annotation planexec does not act on',
  writeOnly: 'an annotation planexec does not act on',
  deprecated: 'an annotation planexec does not act on; say it in the description',
  contentMediaType: 'planexec does not check the content of strings; use pattern or format',
  contentEncoding: 'planexec does not check the content of strings; use pattern or format',
  contentSchema: 'planexec does not check the content of strings; use pattern or format',
  nullable: 'an OpenAPI keyword, not JSON Schema: write type: [string, "null"]',
};

const ALLOWED: ReadonlySet<string> = new Set([...CHECKED_KEYWORDS, ...ANNOTATION_KEYWORDS, ...PLANEXEC_KEYWORDS]);
const SCHEMA_VALUED = ['additionalProperties', 'additionalItems', 'items', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'items'];

/** Problems of the args schema at `at` (the path of `args` in its file): keywords nothing checks, unknown formats. */
export function checkArgsKeywords(source: YamlSource, at: InstancePath, args: unknown): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const stack: [unknown, InstancePath][] = [[args, at]];
  while (stack.length > 0) {
    const [node, where] = stack.pop()!;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const schema = node as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(schema)) {
      if (ALLOWED.has(key)) continue;
      const why = REFUSED[key] !== undefined ? `: ${REFUSED[key]}` : unknownKeyword(key);
      diagnostics.push(diagnosticAt(source, [...where, key], `${describePath(where)} uses "${key}"${why}`, { target: 'key' }));
    }
    if (typeof schema.format === 'string' && !KNOWN_ARGUMENT_FORMATS.includes(schema.format)) {
      const guess = closestMatch(schema.format, KNOWN_ARGUMENT_FORMATS);
      diagnostics.push(diagnosticAt(source, [...where, 'format'], `${describePath([...where, 'format'])} is the unknown format ${JSON.stringify(schema.format)}${guess ? ` (did you mean "${guess}"?)` : ''}; the formats planexec checks: ${KNOWN_ARGUMENT_FORMATS.join(', ')}`));
    }
    for (const key of SCHEMA_VALUED) if (Object.hasOwn(schema, key)) stack.push([schema[key], [...where, key]]);
    for (const key of SCHEMA_MAPS) {
      const map = schema[key];
      if (map !== null && typeof map === 'object' && !Array.isArray(map)) for (const [name, sub] of Object.entries(map)) stack.push([sub, [...where, key, name]]);
    }
    for (const key of SCHEMA_LISTS) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((sub, index) => stack.push([sub, [...where, key, index]]));
    }
  }
  return diagnostics;
}

function unknownKeyword(key: string): string {
  const lead = ', which is not a keyword planexec checks';
  if (key.includes(' ')) return `${lead} (${FLOW_COMMA_HINT})`;
  const guess = closestMatch(key, [...ALLOWED]);
  if (guess !== undefined) return `${lead} (did you mean "${guess}"?)`;
  return `${lead}; it checks ${CHECKED_KEYWORDS.join(', ')}, and shows the model ${ANNOTATION_KEYWORDS.join(', ')}`;
}
