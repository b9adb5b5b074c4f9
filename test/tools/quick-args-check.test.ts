// The quick check of arguments (no compiled validator) against ajv's compiled one, over every args schema
// of the repository and hostile ones, each with arguments made to pass and to break it: wherever the quick
// check says valid, ajv says valid too and collects the same path strings in the same order.

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { quickArgsCheck } from '../../src/tools/quick-args-check.ts';
import { addArgumentFormats } from '../../src/tools/add-argument-formats.ts';
import { addArgumentVocabulary } from '../../src/tools/argument-vocabulary.ts';
import { fixtures, HOSTILE, library } from '../support/args-schemas.ts';

let seen: { paths: string[]; writes: string[] } = { paths: [], writes: [] };

/** ajv as the argument check builds it, collecting path strings: the reference. */
function reference(schema: object): ((args: unknown) => { valid: boolean; paths: string[]; writes: string[] }) | undefined {
  const ajv = addArgumentVocabulary(addArgumentFormats(new Ajv({ allErrors: true, strict: false, logger: false })), (value, writes) => seen[writes ? 'writes' : 'paths'].push(value));
  let validate: ReturnType<Ajv['compile']>;
  try {
    validate = ajv.compile(schema);
  } catch {
    return undefined;
  }
  return (args) => {
    seen = { paths: [], writes: [] };
    const valid = validate(args) as boolean;
    return { valid, ...seen };
  };
}

const SAMPLES: Readonly<Record<string, readonly unknown[]>> = {
  string: ['a.txt', '', 'out/x.md', '-rf', 'é😀', 'x'.repeat(300), '${steps.1.output}'],
  number: [0, 1, -1, 2.5, 1e21, 3],
  integer: [0, 1, -1, 7, 100],
  boolean: [true, false],
  null: [null],
  array: [[], ['a'], [1, 2], [{}]],
  object: [{}, { a: 1 }],
};
const ODD: readonly unknown[] = [null, 'x', 5, 1.5, true, [], {}, { constructor: 1 }, JSON.parse('{"__proto__": {"a": 1}}'), Number.NaN, Number.POSITIVE_INFINITY];

/** Arguments made from the schema: values of each type it allows, each required property left out, an extra one added. */
function argumentsFor(schema: unknown, depth = 0): unknown[] {
  if (depth > 3 || schema === null || typeof schema !== 'object') return [...ODD];
  const node = schema as Record<string, unknown>;
  const types = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : ['string', 'integer', 'object'];
  const values: unknown[] = [];
  if (Array.isArray(node.enum)) values.push(...node.enum);
  if (node.const !== undefined) values.push(node.const);
  for (const type of types) {
    if (type === 'object') {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const full: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(properties)) full[name] = argumentsFor(sub, depth + 1)[0];
      values.push(full, { ...full, extra: 'x' }, {});
      for (const name of Object.keys(properties)) {
        const { [name]: _, ...without } = full;
        values.push(without);
        for (const alternative of argumentsFor(properties[name], depth + 1).slice(0, 6)) values.push({ ...full, [name]: alternative });
      }
    } else if (type === 'array') {
      const items = argumentsFor(node.items, depth + 1).slice(0, 4);
      values.push([], items, [items[0], items[0]], [...items, ...items, ...items]);
    } else values.push(...(SAMPLES[type] ?? []));
  }
  return [...values, ...ODD];
}

describe('quickArgsCheck', () => {
  it('says valid only where ajv does, with the same path strings, over every args schema of the repository and hostile ones', () => {
    const table = [...library, ...fixtures, ...HOSTILE.map((args, index) => ({ where: `hostile ${index}`, args }))];
    const disagreements: string[] = [];
    let quick = 0;
    let validByAjv = 0;
    for (const { where, args: schema } of table) {
      if (schema === null || typeof schema !== 'object') continue;
      const check = reference(schema);
      for (const args of argumentsFor(schema)) {
        const mine = quickArgsCheck(schema, args);
        if (check === undefined) {
          if (mine !== undefined) disagreements.push(`${where}: valid here, ajv cannot compile the schema`);
          continue;
        }
        const theirs = check(args);
        if (theirs.valid) validByAjv++;
        if (mine === undefined) continue;
        quick++;
        if (!theirs.valid) disagreements.push(`${where}: ${JSON.stringify(args)} valid here, not to ajv`);
        else expect({ paths: mine.paths, writes: mine.writes }, `${where}: ${JSON.stringify(args)}`).toEqual({ paths: theirs.paths, writes: theirs.writes });
      }
    }
    expect(disagreements).toEqual([]);
    // It is the usual path: most arguments ajv accepts are accepted here without compiling.
    expect(quick).toBeGreaterThan(validByAjv * 0.7);
  });

  it('checks the arguments of every tool in tools/ and pipelines/ without ajv', () => {
    const left = library.filter(({ args }) => quickArgsCheck(args as object, argumentsFor(args)[0]) === undefined && reference(args as object)!(argumentsFor(args)[0]).valid);
    expect(left.map(({ where }) => where)).toEqual([]);
  });
});
