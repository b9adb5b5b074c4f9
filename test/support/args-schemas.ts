// The args schemas the repository declares (tools/, pipelines/, the test fixtures) and hostile ones,
// for the tests that compare a shortcut with ajv's own verdict on them.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');

export function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(dir, file));
}

/** The `args` of every tool declaration in the files (a mapping with a description and what to run). */
export function declaredArgs(files: readonly string[]): { readonly where: string; readonly args: unknown }[] {
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

export const library = declaredArgs([...yamlFiles('tools'), ...yamlFiles('pipelines')]);
export const fixtures = declaredArgs(yamlFiles('test'));

const str = { type: 'string' };
let deep: unknown = { type: 'string' };
for (let i = 0; i < 2000; i++) deep = { type: 'object', properties: { a: deep } };

/** Schemas written to probe each rule: strict mode's type checks, keywords only compiling checks, odd values. */
export const HOSTILE: readonly unknown[] = [
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

