// An Ajv for user-written schemas checks them against the draft-07 validator generated at build time
// instead of compiling the meta-schema; what it accepts, refuses and says must be exactly ajv's own.

import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DRAFT_07_ID } from '../../scripts/generate-validators.ts';
import { ajvWithoutMetaSchema, usePrecompiledMetaSchema } from '../../src/source/precompiled-meta-schema.ts';
import { draft07 } from '../../src/source/project-validators.generated.ts';

// The option sets of Ajv instances that compile args schemas in src/ (the declaration check's, the
// argument validator's), and one more.
const OPTION_SETS: readonly Options[] = [
  { strict: true, strictRequired: false, allowUnionTypes: true },
  { allErrors: true, strict: false },
  { allErrors: true, strict: false, validateFormats: false },
  { allErrors: true, strict: false, logger: false },
];

const schemas: readonly unknown[] = [
  { type: 'object' },
  { type: 'object', properties: { a: { type: 'string', minLength: 1 }, b: { type: ['integer', 'null'] } }, required: ['a'], additionalProperties: false },
  { type: 'object', properties: { a: { type: 'array', items: [{ type: 'string' }], minItems: 1, additionalItems: false } } },
  { type: 'object', definitions: { n: { type: 'integer' } }, properties: { n: { $ref: '#/definitions/n' } } },
  { type: 'object', properties: { a: { enum: [1, 1] } } },
  { type: 'object', properties: { a: { type: 'strin' } } },
  { type: 'object', properties: { a: { items: 5 } } },
  { type: 'object', properties: 3 },
  { type: 'object', required: 'a' },
  { type: 'object', properties: { a: { minLength: -1 } } },
  { type: 'object', properties: { a: { pattern: 7 } } },
  { type: 'object', $schema: 'http://json-schema.org/draft-07/schema#' },
  { type: 'object', $schema: 'https://json-schema.org/draft/2020-12/schema' },
  { type: 'object', $schema: 5 },
  true,
];

/** What compiling `schema` does: "ok", or the message ajv throws. */
function outcome(ajv: Ajv, schema: unknown): string {
  try {
    ajv.compile(schema as object);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('usePrecompiledMetaSchema', () => {
  it('gives ajv’s own verdict on every schema: the generated validator is draft-07 as ajv checks it', () => {
    const reference = new Ajv({ strict: false });
    for (const schema of schemas) {
      if (typeof schema !== 'object' || schema === null || '$schema' in schema) continue;
      expect((draft07 as unknown as (value: unknown) => boolean)(schema)).toBe(reference.validateSchema(schema as object));
    }
  });

  it.each(OPTION_SETS.map((options) => [JSON.stringify(options), options] as const))('compiles, accepts and refuses exactly as a plain Ajv does (%s)', (_, options) => {
    for (const schema of schemas) {
      const plain = new Ajv(options);
      const precompiled = usePrecompiledMetaSchema(new Ajv(options));
      addFormats.default(plain);
      addFormats.default(precompiled);
      expect(outcome(precompiled, schema)).toBe(outcome(plain, schema));
      expect(precompiled.errors).toEqual(plain.errors);
    }
  });

  it.each(OPTION_SETS.map((options) => [JSON.stringify(options), options] as const))('without the meta-schema, compiles, accepts and refuses exactly as a plain Ajv does a schema with no $ref (%s)', (_, options) => {
    for (const schema of schemas) {
      if (JSON.stringify(schema).includes('"$ref"')) continue;
      const plain = new Ajv(options);
      const lean = ajvWithoutMetaSchema(options);
      addFormats.default(plain);
      addFormats.default(lean);
      expect(outcome(lean, schema)).toBe(outcome(plain, schema));
      expect(lean.errors).toEqual(plain.errors);
    }
  });

  it('makes an Ajv without the meta-schema, which one with it checks only a schema the generated validator refuses', () => {
    const ajv = ajvWithoutMetaSchema({ strict: true });
    const schemas = (ajv as unknown as { schemas: Record<string, unknown> }).schemas;
    expect(schemas[DRAFT_07_ID]).toBeUndefined();
    expect(ajv.compile({ type: 'object', properties: { a: { type: 'string' } } })({ a: 'x' })).toBe(true);
    expect(() => ajv.compile({ type: 'object', properties: { a: { type: 'strin' } } })).toThrow(/^schema is invalid: data\/properties\/a\/type must be equal to one of the allowed values/);
    expect(schemas[DRAFT_07_ID]).toBeUndefined();
  });

  it('does not compile the meta-schema for schemas it accepts', () => {
    const ajv = usePrecompiledMetaSchema(new Ajv({ strict: true }));
    ajv.compile({ type: 'object', properties: { a: { type: 'string' } } });
    const meta = (ajv as unknown as { schemas: Record<string, { validate?: unknown }> }).schemas[DRAFT_07_ID];
    expect(meta).toBeDefined();
    expect(meta!.validate).toBeUndefined();
    expect(() => ajv.compile({ type: 'object', properties: { a: { type: 'strin' } } })).toThrow(/^schema is invalid: data\/properties\/a\/type must be equal to one of the allowed values/);
    expect(meta!.validate).toBeTypeOf('function');
  });
});
