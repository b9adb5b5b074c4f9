// The static verdict on a tool's `args` schema against ajv's compile in strict mode: wherever the static
// check says a schema is usable, ajv compiles it, over every args schema of tools/, pipelines/ and the
// test fixtures, and hostile ones; the ordinary schemas (all of tools/ and pipelines/) need no compile.

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { isArgsSchemaUsable, KEYWORD_TYPES } from '../../src/pipeline/args-schema-verdict.ts';
import { compiledArgsSchemaProblem } from '../../src/pipeline/compile-args-schema.ts';
import { addArgumentVocabulary } from '../../src/tools/argument-vocabulary.ts';
import { fixtures, HOSTILE, library } from '../support/args-schemas.ts';

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
