// The project's own schemas (schemas/*.schema.json) as validators: for checkSchema, all errors with
// data and parent schema; for the plan compiler, a plan step. They are generated at build time
// (npm run generate:validators), so no command compiles a schema at start.

import type { ValidateFunction } from 'ajv';
import * as generated from './project-validators.generated.ts';

type ProjectSchemaName = 'pipeline' | 'tool' | 'config';

/** Absolute URL of `schemas/<name>.schema.json` (same relative place from src/ and from dist/). */
export function projectSchemaUrl(name: ProjectSchemaName): URL {
  return new URL(`../../schemas/${name}.schema.json`, import.meta.url);
}

/** Validator of a whole file: a pipeline, a tool file (a list of tool declarations) or a config. */
export function projectSchemaValidator(name: ProjectSchemaName): ValidateFunction {
  return generated[name] as unknown as ValidateFunction;
}

/** One step of a plan (schemas/plan.schema.json#/definitions/step), with all errors, as the plan compiler checks it. */
export function planStepValidator(): ValidateFunction {
  return generated.planStep as unknown as ValidateFunction;
}
