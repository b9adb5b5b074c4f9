// A tool's args schema in strict form: the rewrites that keep its meaning, checked by validating the
// same arguments against both (the strict form as a strict-mode server holds a model to it, nulls for
// what is left out), and the keywords strict mode cannot say, each reported with where it is.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/index.ts';
import { withoutAbsentNulls } from '../../src/plan/absent-nulls.ts';
import { pipelinePlanSchema } from '../../src/plan/pipeline-plan-schema.ts';
import { strictArgsSchema } from '../../src/plan/strict-args-schema.ts';
import { strictViolations } from '../support/strict-schema-rules.ts';
import { repoRoot } from '../support/run-cli.ts';
import { commandTool, llmTool } from '../support/tools.ts';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const reference = { type: 'string', pattern: '^\\$\\{steps\\.[A-Za-z0-9_-]{1,64}\\.output(\\.[A-Za-z0-9_-]+|\\[[0-9]+\\])*\\}$' };

/** Whether `value` fits the strict form (its reference definition in place) and, its nulls read as absent, the original. */
function verdicts(args: Record<string, unknown>, value: Record<string, unknown>): { strict: boolean; original: boolean } {
  const { schema } = strictArgsSchema(args);
  const strict = ajv.compile({ ...schema, $defs: { reference } });
  return { strict: strict(value), original: ajv.validate(args, withoutAbsentNulls(args, value)) };
}

describe('strict form of an args schema', () => {
  it('has every property required, the optional ones nullable, and means the same', () => {
    const args = { type: 'object', properties: { q: { type: 'string' }, n: { type: 'integer', minimum: 1 } }, required: ['q'], additionalProperties: false };
    const { schema, inexpressible } = strictArgsSchema(args);
    expect(inexpressible).toEqual([]);
    expect(schema).toEqual({
      type: 'object',
      properties: { q: { type: 'string' }, n: { anyOf: [{ type: 'integer', minimum: 1 }, { $ref: '#/$defs/reference' }, { type: 'null' }] } },
      required: ['q', 'n'],
      additionalProperties: false,
    });
    expect(verdicts(args, { q: 'a', n: null })).toEqual({ strict: true, original: true });
    expect(verdicts(args, { q: 'a', n: 3 })).toEqual({ strict: true, original: true });
    expect(verdicts(args, { q: 'a', n: 0 })).toEqual({ strict: false, original: false });
    expect(verdicts(args, { q: null, n: null })).toEqual({ strict: false, original: false });
  });

  it('rewrites const, a type list, a length and oneOf of distinct types, inlines a $ref, and leaves descriptions to the prompt', () => {
    const args = {
      type: 'object',
      definitions: { level: { enum: ['low', 'high'] } },
      properties: {
        kind: { const: 'issue' },
        id: { type: ['string', 'integer'], minimum: 1 },
        title: { type: 'string', minLength: 3, maxLength: 5, examples: ['abc'] },
        size: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        level: { $ref: '#/definitions/level' },
      },
      required: ['kind', 'id', 'title', 'size', 'level'],
      additionalProperties: false,
    };
    const { schema, inexpressible } = strictArgsSchema(args);
    expect(inexpressible).toEqual([]);
    expect(strictViolations({ type: 'object', properties: { a: schema }, required: ['a'], additionalProperties: false, $defs: { reference } })).toEqual([]);
    const props = (schema as { properties: Record<string, unknown> }).properties;
    expect(props.kind).toEqual({ anyOf: [{ type: 'string', enum: ['issue'] }, { $ref: '#/$defs/reference' }] });
    expect(props.title).toEqual({ anyOf: [{ type: 'string', pattern: '^[\\s\\S]{3,5}$' }, { $ref: '#/$defs/reference' }] });
    const base = { kind: 'issue', id: 7, title: 'abcd', size: 'L', level: 'low' };
    for (const [change, fits] of [
      [{}, true],
      [{ kind: 'pr' }, false],
      [{ id: 'x' }, true],
      [{ id: 0 }, false],
      [{ id: true }, false],
      [{ title: 'ab' }, false],
      [{ title: 'abcdef' }, false],
      [{ title: 'ab\ncd' }, true],
      [{ size: 3.5 }, true],
      [{ size: false }, false],
      [{ level: 'mid' }, false],
      [{ level: '${steps.1.output}' }, true],
    ] as const) {
      const { strict, original } = verdicts(args, { ...base, ...change });
      expect({ change, strict }).toEqual({ change, strict: fits });
      // A whole reference is checked only once it is filled in; otherwise both agree.
      if (!JSON.stringify(change).includes('${')) expect({ change, original }).toEqual({ change, original: fits });
    }
  });

  it('reports each keyword strict mode cannot say, with where it is, and keeps it for servers that take it', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ type: 'array', items: { type: 'string' }, uniqueItems: true }, 'uniqueItems', '/properties/x'],
      [{ type: 'string', format: 'uri' }, 'format: uri', '/properties/x'],
      [{ type: 'array' }, 'a list with no "items"', '/properties/x'],
      [{ type: 'array', items: [{ type: 'string' }] }, 'items (a list of schemas)', '/properties/x'],
      [{ type: 'object', properties: { y: { type: 'string' } } }, 'an object without "additionalProperties: false"', '/properties/x'],
      [{ type: 'string', pattern: '^a', minLength: 2 }, 'minLength', '/properties/x'],
      [{ oneOf: [{ type: 'string' }, { type: 'string', minLength: 2 }] }, 'oneOf', '/properties/x'],
      [{ not: { type: 'string' } }, 'not', '/properties/x'],
      [{}, 'a value of any type', '/properties/x'],
      [{ type: 'object', additionalProperties: false, patternProperties: { '^a': { type: 'string' } } }, 'patternProperties', '/properties/x'],
    ];
    for (const [property, keyword, at] of cases) {
      const { schema, inexpressible } = strictArgsSchema({ type: 'object', properties: { x: property }, required: ['x'], additionalProperties: false });
      expect(inexpressible[0]).toEqual({ keyword, at });
      if (keyword === 'uniqueItems') expect(JSON.stringify(schema)).toContain('"uniqueItems":true');
      if (keyword === 'format: uri') expect(JSON.stringify(schema)).toContain('"format":"uri"');
    }
    const recursive = strictArgsSchema({ type: 'object', definitions: { node: { type: 'object', properties: { next: { $ref: '#/definitions/node' } }, additionalProperties: false } }, properties: { x: { $ref: '#/definitions/node' } }, additionalProperties: false });
    expect(recursive.inexpressible).toEqual([{ keyword: '$ref (recursive)', at: '/properties/x/properties/next' }]);
  });

  it('drops format: path, writes and allowOptionLike (the compiler checks them), and keeps a plain string plain', () => {
    const { schema, inexpressible } = strictArgsSchema({ type: 'object', properties: { p: { type: 'string', format: 'path', writes: true, allowOptionLike: true } }, required: ['p'], additionalProperties: false });
    expect(inexpressible).toEqual([]);
    expect(schema).toEqual({ type: 'object', properties: { p: { type: 'string' } }, required: ['p'], additionalProperties: false });
  });
});

describe('the pipeline plan schema', () => {
  it('has one step branch per tool, ids and dependsOn typed, and stays strict within the documented limits', () => {
    const tools = [...Array.from({ length: 100 }, (_, i) => commandTool(`tool_${i}`, ['echo'])), llmTool];
    const built = pipelinePlanSchema(tools);
    expect(built.strict).toBe(true);
    expect(strictViolations(built.schema as Record<string, unknown>)).toEqual([]);
    const steps = (built.schema as any).properties.steps.items.anyOf;
    expect(steps).toHaveLength(101);
    expect(steps[0].properties.dependsOn).toEqual({ $ref: '#/$defs/dependsOn' });
    expect((built.schema as any).$defs.dependsOn.anyOf).toEqual([{ type: 'array', items: { $ref: '#/$defs/stepId' } }, { type: 'null' }]);
    expect((built.schema as any).$defs.stepId.anyOf).toEqual([{ type: 'integer' }, { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' }]);
    // Built once per tool list.
    expect(pipelinePlanSchema(tools)).toBe(built);
  });

  it('holds only the tools in use after only:, and every tool of the library fits strict mode', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-plan-schema-'));
    const library = ['fs', 'git', 'http', 'npm', 'text'].map((name) => path.join(repoRoot, 'tools', `${name}.yaml`));
    await writeFile(path.join(dir, 'some.yaml'), `version: 1\nname: some\ntask: t\ntools:\n  - use: ${JSON.stringify(library[1])}\n    only: [git_log, git_show]\n`);
    await writeFile(path.join(dir, 'all.yaml'), `version: 1\nname: all\ntask: t\ntools:\n${library.map((file) => `  - use: ${JSON.stringify(file)}`).join('\n')}\n`);
    const some = pipelinePlanSchema((await loadPipeline(path.join(dir, 'some.yaml'), { cwd: dir, config: null })).tools);
    expect((some.schema as any).properties.steps.items.anyOf.map((step: any) => step.properties.tool.enum[0])).toEqual(['git_log', 'git_show', 'llm']);
    const all = pipelinePlanSchema((await loadPipeline(path.join(dir, 'all.yaml'), { cwd: dir, config: null })).tools);
    expect(all.reasons).toEqual([]);
    expect(strictViolations(all.schema as Record<string, unknown>)).toEqual([]);
  });

  it('is not strict past the nesting limit, and says so', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 9; level++) deep = { type: 'object', properties: { x: deep }, required: ['x'], additionalProperties: false };
    const built = pipelinePlanSchema([commandTool('deep', ['echo'], { args: deep }), llmTool]);
    expect(built.strict).toBe(false);
    expect(built.reasons).toEqual(['the plan schema nests 12 levels deep (strict mode allows 10)']);
    expect(strictViolations(built.schema as Record<string, unknown>)).toEqual(['nests 12 levels (at most 10)']);
  });
});
