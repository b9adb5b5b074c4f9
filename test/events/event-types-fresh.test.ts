// The event types are generated from schemas/events.schema.json (scripts/generate-types.ts). The
// committed file must be what the generator makes of the schema today, and the generator must refuse
// a schema it would translate wrongly rather than drop what it does not understand.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventTypesPath, generateEventTypes, renderEventTypes, repoRoot, type Schema } from '../../scripts/generate-types.ts';

/** A schema of the events schema's shape with one kind, `ping`, whose definition is `ping`. */
function oneKind(ping: Schema, definitions: Record<string, Schema> = {}): Schema {
  return {
    type: 'object',
    required: ['kind', 'time'],
    properties: { kind: { enum: ['ping'] }, time: { type: 'string', description: 'When.' } },
    allOf: [{ if: { properties: { kind: { const: 'ping' } } }, then: { $ref: '#/definitions/ping' } }],
    definitions: { ping, ...definitions },
  };
}

describe('src/events/event-types.generated.ts', () => {
  it('is what `npm run generate:types` writes from schemas/events.schema.json', async () => {
    const committed = await readFile(path.join(repoRoot, eventTypesPath), 'utf8');
    if (committed !== renderEventTypes()) expect.fail(`${eventTypesPath} is stale: run \`npm run generate:types\` and commit it`);
  });
});

describe('the event type generator', () => {
  it('makes a body per kind with its required fields, optional ones marked, and time on the event', () => {
    const text = generateEventTypes(
      oneKind({
        description: 'A ping.',
        type: 'object',
        required: ['count'],
        properties: { kind: { const: 'ping' }, time: { $ref: '#/definitions/time' }, count: { $ref: '#/definitions/count' }, note: { type: 'string' } },
      }, { time: { type: 'string' }, count: { type: 'integer', minimum: 0, description: 'How many.' } }),
    );
    expect(text).toContain("/** A ping. */\nexport interface PingBody {\n  readonly kind: 'ping';\n  /** How many. */\n  readonly count: number;\n  readonly note?: string;\n}");
    expect(text).toContain('export type RunEvent = EventBody & {\n  /** When. */\n  readonly time: string;\n};');
    expect(text).toContain('export type EventBody =\n  | PingBody;');
  });

  it('refuses a keyword that would change the type', () => {
    const ping: Schema = { type: 'object', properties: { value: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } };
    expect(() => generateEventTypes(oneKind(ping))).toThrow('value: the type generator does not translate `anyOf`');
  });

  it('refuses an object shape that is not a definition of its own', () => {
    const ping: Schema = { type: 'object', properties: { usage: { type: 'object', properties: { calls: { type: 'integer' } } } } };
    expect(() => generateEventTypes(oneKind(ping))).toThrow('usage: an object with properties must be a definition of its own');
  });

  it('refuses a kind the if/then branches do not cover', () => {
    const schema = oneKind({ type: 'object', properties: {} });
    expect(() => generateEventTypes({ ...schema, properties: { ...schema.properties, kind: { enum: ['ping', 'pong'] } } })).toThrow('kind pong has no allOf branch');
  });
});
