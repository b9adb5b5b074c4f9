// An Ajv that compiles schemas users write (a tool's `args`) checks each against JSON Schema draft-07
// first; compiling the meta-schema for that is most of what a fresh Ajv costs on its first schema.
// This gives such an Ajv the draft-07 validator generated at build time instead.

import type { Ajv } from 'ajv';
import { draft07 } from './project-validators.generated.ts';

const isDraft07Valid = draft07 as unknown as (schema: unknown) => boolean;
/** `$schema` values ajv resolves to its default meta-schema, draft-07. */
const DRAFT_07 = new Set([undefined, 'http://json-schema.org/draft-07/schema', 'http://json-schema.org/draft-07/schema#']);

/**
 * Makes `ajv` check schemas against the generated draft-07 validator. Only the verdict "valid" is
 * taken from it: a schema naming another `$schema`, and every invalid schema, go to ajv's own check,
 * so its errors and messages stay exactly ajv's.
 */
export function usePrecompiledMetaSchema(ajv: Ajv): Ajv {
  // The generated validator is ajv's default meta-schema; an Ajv set up for another does its own checks.
  if (ajv.opts.meta === false || ajv.opts.$data === true || ajv.opts.defaultMeta !== undefined) return ajv;
  const validateSchema = ajv.validateSchema.bind(ajv);
  ajv.validateSchema = (schema, throwOrLogError) => {
    if (typeof schema === 'object' && schema !== null && DRAFT_07.has(schema.$schema) && isDraft07Valid(schema)) {
      ajv.errors = null;
      return true;
    }
    return validateSchema(schema, throwOrLogError);
  };
  return ajv;
}
