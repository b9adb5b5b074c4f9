// The compiler checks what a tool's args schema says: formats with messages naming the expected form,
// nulls that stand for optional arguments left out (as strict structured output writes them), and
// every keyword the argument checker supports, each enforced.

import { describe, expect, it } from 'vitest';
import { compilePlan, type ToolSpec } from '../../src/index.ts';
import { CHECKED_KEYWORDS } from '../../src/pipeline/args-schema-keywords.ts';
import { commandTool, llmTool } from '../support/tools.ts';

function compileWith(args: Record<string, unknown>, stepArgs: Record<string, unknown>, extra: Partial<ToolSpec> = {}) {
  const tool = commandTool('t', ['echo'], { args, ...extra } as never);
  return compilePlan({ steps: [{ id: 1, action: 'a', tool: 't', args: stepArgs }] }, [tool, llmTool]);
}

function messages(args: Record<string, unknown>, stepArgs: Record<string, unknown>): string[] {
  const result = compileWith(args, stepArgs);
  return result.ok ? [] : result.problems.map((problem) => problem.message);
}

const one = (name: string, schema: Record<string, unknown>) => ({ type: 'object', properties: { [name]: schema }, additionalProperties: false });

describe('formats on arguments', () => {
  it('refuse what is not of the form, naming the form', () => {
    const cases: [string, string, string][] = [
      ['date', 'August 1st, 2023', '"date" must be a date like 2024-05-31 (got "August 1st, 2023")'],
      ['date', '2023-13-45', '"date" must be a date like 2024-05-31 (got "2023-13-45")'],
      ['date', 'example_date', '"date" must be a date like 2024-05-31 (got "example_date")'],
      ['time', '2pm', '"time" must be a time with its offset like 14:30:00Z (got "2pm")'],
      ['date-time', '2024-05-31', '"date-time" must be a date and time with its offset like 2024-05-31T14:30:00Z (got "2024-05-31")'],
      ['duration', '3 hours', '"duration" must be an ISO 8601 duration like P3DT4H (got "3 hours")'],
      ['email', 'bob at example.com', '"email" must be an email address like name@example.com (got "bob at example.com")'],
      ['hostname', 'exa mple.com', '"hostname" must be a host name like example.com (got "exa mple.com")'],
      ['ipv4', '256.1.1.1', '"ipv4" must be an IPv4 address like 192.0.2.1 (got "256.1.1.1")'],
      ['ipv6', '2001:db8:::1', '"ipv6" must be an IPv6 address like 2001:db8::1 (got "2001:db8:::1")'],
      ['uri', 'example.com/page', '"uri" must be an absolute URI like https://example.com/page (got "example.com/page")'],
      ['uuid', '1234', '"uuid" must be a UUID like 123e4567-e89b-12d3-a456-426614174000 (got "1234")'],
    ];
    for (const [format, value, message] of cases) {
      expect(messages(one(format, { type: 'string', format }), { [format]: value })).toEqual([`step 1 (t): argument ${message}`]);
    }
  });

  it('accept what is of the form, and leave text with a reference to be checked once it is filled in', () => {
    const valid: Record<string, string> = { date: '2024-05-31', time: '14:30:00Z', 'date-time': '2024-05-31T14:30:00+02:00', duration: 'PT15M', email: 'a@example.com', hostname: 'example.com', ipv4: '192.0.2.1', ipv6: '::1', uri: 'https://example.com/a?b=c', uuid: '123e4567-e89b-12d3-a456-426614174000' };
    for (const [format, value] of Object.entries(valid)) expect(messages(one('x', { type: 'string', format }), { x: value })).toEqual([]);
    const plan = { steps: [{ id: 1, action: 'a', tool: 'llm', args: { prompt: 'year' } }, { id: 2, action: 'b', tool: 't', args: { x: '${steps.1.output}-05-31' } }] };
    expect(compilePlan(plan, [commandTool('t', ['echo'], { args: one('x', { type: 'string', format: 'date' }) }), llmTool]).ok).toBe(true);
  });

  it('keep format: path meaning a path in the workspace', () => {
    const args = one('file', { type: 'string', format: 'path' });
    expect(messages(args, { file: 'notes/a.txt' })).toEqual([]);
    expect(messages(args, { file: '../../etc/passwd' })).toEqual(['step 1 (t): argument "file" is the path "../../etc/passwd", which climbs out of the workspace with ".."; only paths inside the workspace (the directory planexec runs in) are allowed']);
  });
});

describe('null for an argument', () => {
  const args = { type: 'object', properties: { q: { type: 'string' }, n: { type: 'integer' }, maybe: { type: ['string', 'null'] }, opts: { type: 'object', properties: { deep: { type: 'boolean' } }, additionalProperties: false } }, required: ['q'], additionalProperties: false };

  it('is absent when the argument is optional and takes no null, at any depth', () => {
    const result = compileWith(args, { q: 'x', n: null, maybe: null, opts: { deep: null } });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.graph.steps[0]!.args).toEqual({ q: 'x', maybe: null, opts: {} });
  });

  it('is a wrong type for a required argument, and dependsOn: null is no dependency', () => {
    expect(messages(args, { q: null })).toEqual(['step 1 (t): argument "q" must be string, got null']);
    const result = compilePlan({ steps: [{ id: 1, action: 'a', tool: 'llm', args: { prompt: 'p' }, dependsOn: null }] }, [llmTool]);
    expect(result.ok).toBe(true);
  });
});

describe('every keyword the argument checker supports is enforced', () => {
  // keyword → a schema using it, a value it accepts, a value it refuses.
  const table: Record<string, [Record<string, unknown>, unknown, unknown]> = {
    type: [{ type: 'integer' }, 1, 'one'],
    enum: [{ enum: ['a', 'b'] }, 'a', 'c'],
    const: [{ const: 'a' }, 'a', 'b'],
    properties: [{ type: 'object', properties: { y: { type: 'integer' } } }, { y: 1 }, { y: 'one' }],
    required: [{ type: 'object', required: ['y'] }, { y: 1 }, {}],
    additionalProperties: [{ type: 'object', additionalProperties: false }, {}, { y: 1 }],
    patternProperties: [{ type: 'object', patternProperties: { '^n': { type: 'integer' } } }, { n1: 1 }, { n1: 'x' }],
    propertyNames: [{ type: 'object', propertyNames: { pattern: '^[a-z]+$' } }, { ab: 1 }, { A: 1 }],
    minProperties: [{ type: 'object', minProperties: 1 }, { a: 1 }, {}],
    maxProperties: [{ type: 'object', maxProperties: 1 }, { a: 1 }, { a: 1, b: 2 }],
    dependencies: [{ type: 'object', dependencies: { a: ['b'] } }, { a: 1, b: 2 }, { a: 1 }],
    items: [{ type: 'array', items: { type: 'integer' } }, [1], ['x']],
    additionalItems: [{ type: 'array', items: [{ type: 'integer' }], additionalItems: false }, [1], [1, 2]],
    minItems: [{ type: 'array', minItems: 1 }, [1], []],
    maxItems: [{ type: 'array', maxItems: 1 }, [1], [1, 2]],
    uniqueItems: [{ type: 'array', uniqueItems: true }, [1, 2], [1, 1]],
    contains: [{ type: 'array', contains: { const: 1 } }, [1, 2], [2]],
    minLength: [{ type: 'string', minLength: 2 }, 'ab', 'a'],
    maxLength: [{ type: 'string', maxLength: 1 }, 'a', 'ab'],
    pattern: [{ type: 'string', pattern: '^a' }, 'ab', 'ba'],
    format: [{ type: 'string', format: 'date' }, '2024-05-31', '31.05.2024'],
    minimum: [{ type: 'number', minimum: 1 }, 1, 0],
    maximum: [{ type: 'number', maximum: 1 }, 1, 2],
    exclusiveMinimum: [{ type: 'number', exclusiveMinimum: 1 }, 2, 1],
    exclusiveMaximum: [{ type: 'number', exclusiveMaximum: 1 }, 0, 1],
    multipleOf: [{ type: 'number', multipleOf: 2 }, 4, 3],
    allOf: [{ allOf: [{ type: 'integer' }, { minimum: 1 }] }, 1, 0],
    anyOf: [{ anyOf: [{ type: 'integer' }, { type: 'boolean' }] }, true, 'x'],
    oneOf: [{ oneOf: [{ type: 'integer' }, { minimum: 5 }] }, 1, 6],
    not: [{ not: { type: 'string' } }, 1, 'x'],
    if: [{ if: { type: 'integer' }, then: { minimum: 1 } }, 1, 0],
    then: [{ if: { type: 'integer' }, then: { minimum: 1 } }, 'x', 0],
    else: [{ if: { type: 'integer' }, else: { type: 'boolean' } }, true, 'x'],
    $ref: [{ $ref: '#/definitions/n' }, 1, 'x'],
    definitions: [{ $ref: '#/definitions/n' }, 1, 'x'],
    $defs: [{ $ref: '#/$defs/n' }, 1, 'x'],
    $schema: [{ $schema: 'http://json-schema.org/draft-07/schema#', type: 'integer' }, 1, 'x'],
    $id: [{ $id: 'https://example.com/x', type: 'integer' }, 1, 'x'],
  };

  it('has a row here for each (the list is the one validate checks against)', () => {
    expect(Object.keys(table).sort()).toEqual([...CHECKED_KEYWORDS].sort());
  });

  it.each(Object.entries(table))('%s', (keyword, [schema, accepted, refused]) => {
    const { $schema, $id, ...rest } = schema;
    const args = {
      type: 'object',
      properties: { x: rest },
      required: ['x'],
      additionalProperties: false,
      definitions: { n: { type: 'integer' } },
      $defs: { n: { type: 'integer' } },
      ...($schema !== undefined ? { $schema } : {}),
      ...($id !== undefined ? { $id } : {}),
    };
    void keyword;
    expect(messages(args, { x: accepted })).toEqual([]);
    expect(messages(args, { x: refused })).not.toEqual([]);
  });
});
