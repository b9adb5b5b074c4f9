// The project's own schemas (schemas/*.schema.json), compiled once into one Ajv so they can $ref
// each other. Validators are built for checkSchema: all errors, with data and parent schema.

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

type ProjectSchemaName = 'pipeline' | 'tool' | 'config';

const SCHEMA_BASE = 'https://planexec.dev/schemas/';
const SCHEMA_NAMES: readonly ProjectSchemaName[] = ['pipeline', 'tool', 'config'];

let ajv: Ajv | undefined;

/** Absolute URL of `schemas/<name>.schema.json` (same relative place from src/ and from dist/). */
export function projectSchemaUrl(name: ProjectSchemaName): URL {
  return new URL(`../../schemas/${name}.schema.json`, import.meta.url);
}

/** Validator of a whole file: a pipeline, a tool file (a list of tool declarations) or a config. */
export function projectSchemaValidator(name: ProjectSchemaName): ValidateFunction {
  const validate = projectAjv().getSchema(`${SCHEMA_BASE}${name}.schema.json`);
  if (validate === undefined) throw new Error(`schema ${name} is not registered`);
  return validate;
}

function projectAjv(): Ajv {
  if (ajv !== undefined) return ajv;
  const instance = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  // Non-standard, understood by VS Code and yaml-language-server; our messages use it too.
  instance.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  for (const name of SCHEMA_NAMES) instance.addSchema(JSON.parse(readFileSync(projectSchemaUrl(name), 'utf8')) as object);
  ajv = instance;
  return instance;
}
