// The static verdict on a tool's `args` schema against ajv's compile in strict mode: wherever the static
// check says a schema is usable, ajv compiles it, over every args schema of tools/, pipelines/ and the
// test fixtures, and hostile ones; the ordinary schemas (all of tools/ and pipelines/) need no compile.

import { Ajv } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isArgsSchemaUsable, KEYWORD_TYPES } from '../../src/pipeline/args-schema-verdict.ts';
import { compiledArgsSchemaProblem } from '../../src/pipeline/compile-args-schema.ts';
import { addArgumentVocabulary } from '../../src/tools/argument-vocabulary.ts';

const root = path.resolve(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(dir, file));
}

/** The `args` of every tool declaration in the files (a mapping with a description and what to run). */
function declaredArgs(files: readonly string[]): { readonly where: string; readonly args: unknown }[] {
  const found: { where: string; args: unknown }[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = parse(readFileSync(path.join(root, file), 'utf8'), { maxAliasCount: 100 });
    } catch {
      continue;
    }
    const stack = [value];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== 'object') continue;
      if (Array.isArray(node)) stack.push(...node);
      else {
        const record = node as Record<string, unknown>;
        const runs = 'command' in record || 'url' in record || 'module' in record;
        if (runs && typeof record.args === 'object' && record.args !== null) found.push({ where: `${file} ${String(record.name)}`, args: record.args });
        stack.push(...Object.values(record));
      }
    }
  }
  return found;
}

const library = declaredArgs([...yamlFiles('tools'), ...yamlFiles('pipelines')]);
const fixtures = declaredArgs(yamlFiles('test'));

const str = { type: 'string' };
let deep: unknown = { type: 'string' };
for (let i = 0; i < 2000; i++) deep = { type: 'object', properties: { a: deep } };

/** Schemas written to probe each rule: strict mode's type checks, keywords only compiling checks, odd values. */
const HOSTILE: readonly unknown[] = [
  { type: 'object' },
  {},
  { properties: { a: str } },
  { type: 'object', properties: { a: { minLength: 1 } } },
  { type: 'object', minLength: 1 },
  { type: 'string', properties: {} },
  { type: ['string', 'object'], minLength: 1, properties: {} },
  { type: ['integer', 'null'], minimum: 0 },
  { type: 'integer', format: 'date' },
  { type: 'boolean', format: 'date' },
  { type: 'object', format: 'path' },
  { type: 'string', format: 'path', writes: true, allowOptionLike: true },
  { type: 'string', writes: 'yes' },
  { type: 'string', allowOptionLike: 1 },
  { type: 'object', properties: { a: { type: 'string', 'x-accepts': 'trusted' } } },
  { type: 'object', 'x-accepts': { odd: [1] } },
  { type: 'string', pattern: '(' },
  { type: 'string', pattern: '\\p{L}+' },
  { type: 'string', pattern: '\\d' },
  { type: 'string', pattern: '[a-' },
  { type: 'string', pattern: '\\-' },
  { type: 'object', patternProperties: { '^x-': str } },
  { type: 'object', patternProperties: { '(': str } },
  { type: 'object', properties: { 'x-a': str }, patternProperties: { '^x-': str } },
  { type: 'object', properties: { b: str }, patternProperties: { '^x-': str } },
  { type: 'string', anyOf: [{ type: 'number' }] },
  { type: 'number', anyOf: [{ type: 'integer' }] },
  { type: 'integer', anyOf: [{ type: 'number', minimum: 1 }] },
  { type: ['string', 'number'], oneOf: [{ minLength: 1 }, { minimum: 1 }] },
  { anyOf: [{ type: 'string' }, { type: 'object', properties: {} }] },
  { anyOf: [{ minLength: 1 }] },
  { anyOf: [true, { type: 'object', minLength: 1 }] },
  { type: 'object', allOf: [{ properties: { a: str } }], not: { required: ['b'] } },
  { type: 'object', not: { type: 'string' } },
  { type: 'object', propertyNames: { maxLength: 3 } },
  { type: 'object', propertyNames: { type: 'number' } },
  { type: 'object', propertyNames: { type: 'string', pattern: '^[a-z]+$' } },
  { type: 'object', dependencies: { a: ['b'], c: { required: ['d'] } } },
  { type: 'object', dependencies: { c: { minLength: 1 } } },
  { type: 'object', additionalProperties: { type: 'integer' } },
  { type: 'object', additionalProperties: { minimum: 1 } },
  { type: 'array', items: str, minItems: 1, maxItems: 3, uniqueItems: true, contains: { const: 'a' } },
  { type: 'array', items: [str] },
  { type: 'array', items: [str], minItems: 1, additionalItems: false },
  { type: 'array', additionalItems: false },
  { type: 'object', if: { required: ['a'] } },
  { type: 'object', then: { required: ['a'] } },
  { type: 'object', if: { required: ['a'] }, then: { required: ['b'] } },
  { type: 'object', properties: { n: { $ref: '#/definitions/n' } }, definitions: { n: { type: 'integer' } } },
  { type: 'object', properties: { n: { $ref: '#/definitions/missing' } } },
  { type: 'object', properties: { n: { $ref: 'https://elsewhere.test/schema.json' } } },
  { $id: 'https://hostile.test/args', type: 'object' },
  { type: 'object', definitions: { n: { type: 'object', minLength: 1 } } },
  { type: 'object', $defs: { n: str } },
  { type: 'object', $schema: 'http://json-schema.org/draft-07/schema#' },
  { type: 'object', $schema: 'https://json-schema.org/draft/2020-12/schema' },
  { type: 'object', $schema: 5 },
  { type: 'object', properties: { a: { type: 'strin' } } },
  { type: 'object', properties: { a: { enum: [] } } },
  { type: 'object', properties: { a: { enum: [1, 1] } } },
  { type: 'object', properties: { a: { type: 'number', multipleOf: 0 } } },
  { type: 'object', properties: { a: { type: 'number', maximum: Number.POSITIVE_INFINITY, minimum: Number.NaN } } },
  { type: 'object', properties: { a: { type: 'string', maxLength: Number.NaN } } },
  { type: 'object', properties: { a: { const: { nested: [1, null] } }, b: { enum: [null, 'x', 2] } } },
  { type: 'object', properties: { __proto__: str, a: str } },
  { type: 'object', properties: { ['__proto__']: str, constructor: str, toString: str, 'a"b': str, "it's": str, '': str, '${x}': str, '\u2028': str, '</script>': str } },
  { type: 'object', required: ['__proto__', 'constructor'], properties: { hasOwnProperty: { type: 'object', properties: { ['__proto__']: { type: 'null' } } } } },
  { type: 'object', required: ['a', 'a'] },
  { type: 'object', required: ['nowhere'] },
  { type: 'object', nullable: true },
  { type: 'object', default: {} },
  { type: 'object', properties: { a: { type: 'string', format: 'dat' } } },
  { type: 'object', properties: { a: { type: 'string', format: 'regex' } } },
  { type: 'object', 'req uired': ['a'] },
  { type: 'object', id: 'x' },
  { type: 'object', title: 5 },
  { type: 'object', examples: 'x', description: 'd', $comment: 'c' },
  { type: 'object', properties: { a: true, b: false } },
  deep,
];

const table: { readonly where: string; readonly args: unknown }[] = [
  ...library,
  ...fixtures,
  ...HOSTILE.map((args, index) => ({ where: `hostile ${index}`, args })),
];

describe('isArgsSchemaUsable', () => {
  it('says usable only where ajv compiles the schema, over every args schema of the repository and hostile ones', () => {
    expect(library.length).toBeGreaterThan(25);
    expect(fixtures.length).toBeGreaterThan(50);
    const disagreements: string[] = [];
    let decided = 0;
    for (const { where, args } of table) {
      if (isArgsSchemaUsable(args) !== true) continue;
      decided++;
      const problem = compiledArgsSchemaProblem(args as Record<string, unknown>);
      if (problem !== undefined) disagreements.push(`${where}: ${problem}`);
    }
    expect(disagreements).toEqual([]);
    expect(decided).toBeGreaterThan(table.length / 2);
  });

  it('leaves to ajv each hostile schema ajv refuses', () => {
    const refused = HOSTILE.filter((args) => compiledArgsSchemaProblem(args as Record<string, unknown>) !== undefined);
    expect(refused.length).toBeGreaterThan(25);
    for (const args of refused) expect(isArgsSchemaUsable(args)).toBeUndefined();
  });

  it('decides every args schema of tools/ and pipelines/ without compiling it', () => {
    expect(library.filter(({ args }) => isArgsSchemaUsable(args) !== true).map(({ where }) => where)).toEqual([]);
  });

  it('knows the data types of each of ajv’s type-specific keywords', () => {
    const ajv = addArgumentVocabulary(new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }));
    const ajvTypes: Record<string, readonly string[]> = {};
    for (const [keyword, rule] of Object.entries(ajv.RULES.all)) {
      if (typeof rule === 'object' && rule.definition.type !== undefined && rule.definition.type.length > 0) ajvTypes[keyword] = rule.definition.type;
      if (typeof rule === 'object') expect(rule.definition.implements ?? []).toEqual([]);
    }
    // nullable: refused with the declaration (an OpenAPI keyword) and has no types.
    expect(ajvTypes).toEqual(KEYWORD_TYPES);
  });
});
