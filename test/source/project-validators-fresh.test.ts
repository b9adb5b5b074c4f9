// The project's schemas are checked by validators generated at build time (scripts/generate-validators.ts).
// The committed file must be what the generator makes of the schemas and the installed ajv today, and
// it must report exactly what ajv compiling the same schemas at run time reports: the same errors with
// the same data and parent schemas, which the diagnostics are worded from.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DRAFT_07_ID, PLAN_SCHEMA, PROJECT_SCHEMAS, projectSchemaAjv, projectValidatorsPath, renderProjectValidators, repoRoot } from '../../scripts/generate-validators.ts';
import { planStepValidator, projectSchemaValidator } from '../../src/source/project-schemas.ts';

describe('src/source/project-validators.generated.ts', () => {
  it('is what `npm run generate:validators` writes from the schemas', async () => {
    const committed = await readFile(path.join(repoRoot, projectValidatorsPath), 'utf8');
    // One line of explanation instead of 200 KB of diff.
    if (committed !== renderProjectValidators()) expect.fail(`${projectValidatorsPath} is stale: run \`npm run generate:validators\` and commit it`);
  });
});

/** The validators as ajv compiles them at run time, with the options the generator uses. */
function compiledAtRunTime(): Record<keyof typeof PROJECT_SCHEMAS, ValidateFunction> {
  const { ajv, ids } = projectSchemaAjv();
  return { pipeline: ajv.getSchema(ids.pipeline)!, tool: ajv.getSchema(ids.tool)!, config: ajv.getSchema(ids.config)! };
}

const tool = { name: 'grep_lines', description: 'd', command: ['grep', '{{args.p}}'], args: { type: 'object', properties: { p: { type: 'string' } } } };
const documents: Record<keyof typeof PROJECT_SCHEMAS, unknown[]> = {
  pipeline: [
    { version: 1, name: 'p', task: 't', tools: [tool] },
    {},
    null,
    // An empty name (string length), a tool named twice in `only` (deep equality), a pattern with its own wording.
    { version: 2, name: '', task: 't', tools: [tool, { use: 't.yaml', only: ['a', 'a'] }], secrets: ['not a name'], model: { apiKeyEnv: 'sk-123' } },
    // An anyOf cascade in an args schema (checked against draft-07) and an unknown field.
    { version: 1, name: 'p', task: 't', tools: [{ ...tool, args: { type: 'object', properties: { a: { type: 'strin' }, b: { items: 5 } } } }], plannig: {} },
    { version: 1, name: 'p', task: 't', tools: [{ use: '' }, { name: 'x', url: 'ftp://x', args: { type: 'object' } }], replan: { strategy: 'fast' } },
  ],
  tool: [[tool], [{}], [{ ...tool, retries: { attempts: 0, backoff: 'soon' } }], { tools: [] }],
  config: [{}, { model: { name: 5 } }, { execution: { concurrency: -1, backend: { redis: 'http://x' } } }],
};

describe('the generated validators', () => {
  it('report the same errors, data and parent schemas as ajv compiling the schemas at run time', async () => {
    const reference = compiledAtRunTime();
    for (const name of Object.keys(documents) as (keyof typeof PROJECT_SCHEMAS)[]) {
      for (const document of documents[name]) {
        const generated = projectSchemaValidator(name);
        const expected = reference[name](document);
        expect(generated(document)).toBe(expected);
        expect(generated.errors ?? null).toEqual(reference[name].errors ?? null);
      }
    }
    // The documents above do reach the helpers and custom wording the generated file imports or keeps.
    const validate = projectSchemaValidator('pipeline');
    validate(documents.pipeline[3]);
    expect(validate.errors?.map((error) => error.keyword)).toEqual(expect.arrayContaining(['minLength', 'uniqueItems', 'pattern', 'const']));
  });
});

describe('the generated plan step validator', () => {
  it('reports the same errors as the step schema compiled at run time the way the plan compiler did', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(JSON.parse(await readFile(path.join(repoRoot, PLAN_SCHEMA), 'utf8')) as object, 'plan');
    const reference = ajv.compile({ $ref: 'plan#/definitions/step' });
    const generated = planStepValidator();
    const steps: unknown[] = [
      { id: 1, tool: 't', args: {}, dependsOn: [2, 'b'] },
      { id: 'a b', tool: 5, args: [], dependsOn: 'x', extra: true },
      { id: 1.5, action: 3 },
      { tool: 't', dependsOn: [{}, null] },
      null,
      'step',
    ];
    for (const step of steps) {
      expect(generated(step)).toBe(reference(step));
      expect(generated.errors ?? null).toEqual(reference.errors ?? null);
    }
  });
});

describe('an args schema checked against schemas/draft-07.schema.json', () => {
  it('gets the errors ajv gives checking it against its own draft-07, formats off as there', () => {
    // The copy exists so editors need no network; what planexec says about an args schema must not change.
    const ours = projectSchemaAjv().ajv.getSchema('https://planexec.dev/schemas/draft-07.schema.json')!;
    const ajvs = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile({ $ref: DRAFT_07_ID });
    const argsSchemas: unknown[] = [
      { type: 'object', properties: { a: { type: 'strin' }, b: { items: 5 }, c: { pattern: '(' }, d: { format: 5 }, e: { $ref: 5 }, f: { $id: 'not a uri %%' } } },
      { type: 'object', properties: { g: { minLength: -1 }, h: { enum: [] }, i: { required: 'x' }, j: { type: ['string', 'string'] } } },
      { type: 'object', additionalProperties: 'no', dependencies: { a: 5 }, definitions: { x: 3 }, $schema: 7, patternProperties: { '(': {} } },
      { allOf: [], anyOf: [5], not: 'x', if: 3, examples: 4, title: 4, description: [], readOnly: 'y', contentMediaType: 3 },
      true,
      5,
      { type: 'object', properties: { ok: { type: 'string', format: 'path' } } },
    ];
    // The root's $id and $comment are the copy's own; everything else must be the same.
    const comparable = (errors: typeof ours.errors) =>
      (errors ?? []).map(({ parentSchema, ...error }) => ({ ...error, parentSchema: parentSchema === ours.schema || parentSchema?.$id === DRAFT_07_ID + '#' ? 'the meta-schema' : parentSchema }));
    for (const schema of argsSchemas) {
      expect(ours(schema)).toBe(ajvs(schema));
      expect(comparable(ours.errors)).toEqual(comparable(ajvs.errors));
    }
  });
});
