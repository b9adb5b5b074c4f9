// An Ajv that compiles schemas users write (a tool's `args`) checks each against JSON Schema draft-07
// first; compiling the meta-schema for that is most of what a fresh Ajv costs on its first schema.
// This gives such an Ajv the draft-07 validator generated at build time instead; and an Ajv that does
// not even add the meta-schema, the larger part of what constructing one costs.

import type { Ajv, Options } from 'ajv';
import { loadAjv } from './load-ajv.ts';
import { isPlainDraft07Schema } from './plain-draft07-schema.ts';

/**
 * Makes `ajv` check schemas against the generated draft-07 validator. Only the verdict "valid" is
 * taken from it: a schema naming another `$schema`, and every invalid schema, go to ajv's own check,
 * so its errors and messages stay exactly ajv's.
 */
export function usePrecompiledMetaSchema(ajv: Ajv): Ajv {
  // The generated validator is ajv's default meta-schema; an Ajv set up for another does its own checks.
  if (ajv.opts.meta === false || ajv.opts.$data === true || ajv.opts.defaultMeta !== undefined) return ajv;
  checkSchemasWithGeneratedValidator(ajv, ajv.validateSchema.bind(ajv));
  return ajv;
}

/**
 * A new Ajv with `options` but without the draft-07 meta-schema: a schema the generated validator
 * accepts needs none, and any other is checked by an Ajv that has it (made then), so the verdict and
 * its message stay ajv's own. Not for a schema with a `$ref`, which might name the meta-schema itself:
 * use usePrecompiledMetaSchema(new Ajv(options)) for those.
 */
export function ajvWithoutMetaSchema(options: Options): Ajv {
  const ajv = new (loadAjv().Ajv)({ ...options, meta: false });
  let withMeta: Ajv | undefined;
  checkSchemasWithGeneratedValidator(ajv, (schema, throwOrLogError) => {
    withMeta ??= new (loadAjv().Ajv)(options);
    try {
      return withMeta.validateSchema(schema, throwOrLogError);
    } finally {
      ajv.errors = withMeta.errors;
    }
  });
  return ajv;
}

/** `ajv.validateSchema` takes "valid" from the generated validator, and leaves every other schema to `otherwise`. */
function checkSchemasWithGeneratedValidator(ajv: Ajv, otherwise: Ajv['validateSchema']): void {
  ajv.validateSchema = (schema, throwOrLogError) => {
    if (isPlainDraft07Schema(schema)) {
      ajv.errors = null;
      return true;
    }
    return otherwise(schema, throwOrLogError);
  };
}
