// Generates the validators of the project's own schemas (schemas/{pipeline,tool,config}.schema.json and
// a plan step of schemas/plan.schema.json), and of JSON Schema draft-07 for the args schemas users
// write, as standalone code (ajv's
// `ajv/dist/standalone`) into src/source/project-validators.generated.ts, so no command compiles a
// schema or the meta-schema at start. `npm run generate:validators` writes the file;
// test/source/project-validators-fresh.test.ts regenerates it in memory and fails when it differs
// (a schema changed, or ajv did).
//
// The project schemas' options are the ones the diagnostics are written for (src/source/schema-check.ts):
// every error (`allErrors`) with its data and parent schema (`verbose`), strict, and the editor keywords
// (scripts/editor-keywords.ts: `patternErrorMessage`, whose text our messages read from the parent schema,
// and the others VS Code reads), which only annotate. An args schema is checked against
// schemas/draft-07.schema.json, the draft-07 meta-schema with our $id (so editors load it offline), with
// formats off as ajv checks a schema against its own copy (our schemas use no `format`). The draft-07
// validator only gives a verdict (src/source/precompiled-meta-schema.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { addEditorKeywords } from './editor-keywords.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const projectValidatorsPath = 'src/source/project-validators.generated.ts';

/** Export name in the generated file → schema file. */
export const PROJECT_SCHEMAS = { pipeline: 'schemas/pipeline.schema.json', tool: 'schemas/tool.schema.json', config: 'schemas/config.schema.json' } as const;

/** The draft-07 meta-schema under our own $id, which tool.schema.json refers to for an args schema. */
export const DRAFT_07_COPY = 'schemas/draft-07.schema.json';

const SCHEMA_BASE = 'https://planexec.dev/schemas/';
/** ajv's own copy of the draft-07 meta-schema, the one every Ajv checks a schema against. */
export const DRAFT_07_ID = 'http://json-schema.org/draft-07/schema';
export const PLAN_SCHEMA = 'schemas/plan.schema.json';

/** The options the project schemas are compiled with, here and by the test comparing with run time. */
export const PROJECT_SCHEMA_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true, validateFormats: false } as const;

/** An Ajv holding the project schemas (and the draft-07 copy they refer to), each under its $id. */
export function projectSchemaAjv(ajv = new Ajv(PROJECT_SCHEMA_OPTIONS)): { ajv: Ajv; ids: Record<keyof typeof PROJECT_SCHEMAS, string> } {
  addEditorKeywords(ajv);
  const add = (file: string): string => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { $id?: string };
    if (schema.$id !== `${SCHEMA_BASE}${path.basename(file)}`) throw new Error(`${file}: its $id must be ${SCHEMA_BASE}${path.basename(file)}`);
    ajv.addSchema(schema);
    return schema.$id;
  };
  add(DRAFT_07_COPY);
  const ids = Object.fromEntries(Object.entries(PROJECT_SCHEMAS).map(([name, file]) => [name, add(file)]));
  return { ajv, ids: ids as Record<keyof typeof PROJECT_SCHEMAS, string> };
}

/** The text of project-validators.generated.ts for the schemas as they are on disk. */
export function renderProjectValidators(): string {
  const { ajv, ids } = projectSchemaAjv(new Ajv({ ...PROJECT_SCHEMA_OPTIONS, code: { source: true, esm: true, lines: true } }));
  return withImports(`${standaloneCode.default(ajv, ids)}${draft07Validator()}${planStepValidator()}`);
}

/**
 * One validator generated from its own Ajv, as an exported constant. ajv writes CommonJS for a lone
 * function (`module.exports = validate…`); the function scope keeps its names apart from the others'.
 */
function exported(name: string, description: string, code: string): string {
  const body = code.replace(/^"use strict";\n?/, '');
  return ['', `/** ${description} */`, `export const ${name} = (() => {`, 'const module = { exports: {} };', body, 'return module.exports;', '})();', ''].join('\n');
}

/** ajv's own draft-07 meta-schema, which every Ajv checks a schema against (with formats off, as ajv does). */
function draft07Validator(): string {
  const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true, lines: true } });
  const validate = ajv.getSchema(DRAFT_07_ID);
  if (validate === undefined) throw new Error(`ajv has no ${DRAFT_07_ID}`);
  return exported('draft07', 'JSON Schema draft-07, as ajv checks a schema against it: for the verdict only.', standaloneCode.default(ajv, validate));
}

/** One step of a plan, as src/plan/compile-plan.ts checks it (all errors, not strict). */
function planStepValidator(): string {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, lines: true } });
  ajv.addSchema(JSON.parse(readFileSync(path.join(repoRoot, PLAN_SCHEMA), 'utf8')) as object, 'plan');
  const validate = ajv.compile({ $ref: 'plan#/definitions/step' });
  return exported('planStep', `A plan step (${PLAN_SCHEMA}#/definitions/step), as the plan compiler checks it.`, standaloneCode.default(ajv, validate));
}

/**
 * ajv's ESM output still calls require() for its runtime helpers (deep equality, string length):
 * make those imports, so the file loads the same from src/ (type stripping), from dist/ and bundled.
 */
function withImports(code: string): string {
  const imports = new Map<string, string>();
  const body = code
    .replace(/^"use strict";\n?/, '')
    .replace(/require\("ajv\/dist\/runtime\/([a-z0-9_]+)"\)\.default/g, (_, helper: string) => {
      imports.set(helper, `runtime_${helper}`);
      return `runtime_${helper}`;
    });
  if (/\brequire\(/.test(body)) throw new Error('the standalone code requires a module this generator does not import');
  const sources = [...Object.values(PROJECT_SCHEMAS), DRAFT_07_COPY, PLAN_SCHEMA, 'draft-07'].join(', ');
  return [
    '// @ts-nocheck',
    `// Generated from ${sources}`,
    '// by `npm run generate:validators` (scripts/generate-validators.ts). Do not edit: change a schema and',
    '// regenerate. test/source/project-validators-fresh.test.ts fails while this file is stale.',
    ...[...imports].map(([helper, name]) => `import ${name}_module from 'ajv/dist/runtime/${helper}.js';`),
    '// A CommonJS `exports.default`: Node gives the exports object, a bundler or test runner may give the function.',
    ...[...imports.values()].map((name) => `const ${name} = typeof ${name}_module === 'function' ? ${name}_module : ${name}_module.default;`),
    body.trimStart(),
  ].join('\n');
}

if (import.meta.main) {
  writeFileSync(path.join(repoRoot, projectValidatorsPath), renderProjectValidators());
  console.log(`${projectValidatorsPath}: generated from ${[...Object.values(PROJECT_SCHEMAS), DRAFT_07_COPY, PLAN_SCHEMA].join(', ')} and draft-07`);
}
