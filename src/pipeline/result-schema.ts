// The Ajv that reads a pipeline test's `expect.result.jsonSchema`: imported only by a pipeline whose
// tests have one (and by the test run that checks a result), so other pipelines load without ajv.

import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { usePrecompiledMetaSchema } from '../source/precompiled-meta-schema.ts';

/** An Ajv for result schemas, strict so a misspelt keyword is an error rather than a check that never fails. */
export function resultSchemaAjv(): Ajv {
  const ajv = usePrecompiledMetaSchema(new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true }));
  addFormats.default(ajv);
  return ajv;
}

/** Why ajv cannot use the schema, if it cannot. */
export function jsonSchemaProblem(schema: Readonly<Record<string, unknown>>): string | undefined {
  try {
    resultSchemaAjv().compile(schema);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^strict mode: /, '');
  }
}
