// The pipeline's own plan schema on the wire: what the real openai SDK sends to the scripted server on
// every planning, repair, replan and tail request (streamed or not), checked against strict mode's
// documented rules, against ajv, and converted by xgrammar (vLLM's guided-decoding backend).

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient, loadPipeline, runPipeline, type RunOptions } from '../../src/index.ts';
import { tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type RecordedCall, type Rule, type ScriptedServer, type ScriptedServerOptions } from '../support/scripted-server.ts';
import { strictViolations } from '../support/strict-schema-rules.ts';
import { loadXgrammar } from '../support/xgrammar.ts';

const toolsModule = `export async function book(args) { return JSON.stringify(args); }
export async function list() { return ['Oslo', 'Bergen']; }
export async function fail() { throw new Error('the booking service is down'); }
`;

const bookArgs = `
      type: object
      properties:
        date: { type: string, format: date, description: Day of travel }
        to: { type: string, minLength: 1, examples: [Oslo] }
        seats: { type: integer, minimum: 1, maximum: 9 }
        class: { enum: [economy, business] }
        stops: { type: array, items: { type: string }, maxItems: 3 }
        note: { type: [string, integer] }
      required: [date, to]
      additionalProperties: false`;

function pipelineText(baseURL: string, extra = ''): string {
  return `version: 1
name: trips
task: "Book a trip to Oslo"
model: { name: trip-model, baseURL: ${baseURL} }
tools:
  - name: list_trips
    description: The cities with trips
    module: tools.mjs
    export: list
    output: json
    args: { type: object, properties: { from: { type: string, format: date } }, additionalProperties: false }
  - name: book_trip
    description: Books a trip
    module: tools.mjs
    export: book
    args:${bookArgs}
  - name: book_flaky
    description: Books a trip through the other service
    module: tools.mjs
    export: fail
    args:${bookArgs}
${extra}`;
}

/** A plan as a server holding the model to the strict schema writes it: every field present, null for none. */
const strictPlan = {
  steps: [
    { id: 1, action: 'List the cities', tool: 'list_trips', args: { from: null }, dependsOn: null },
    { id: 2, action: 'Book', tool: 'book_trip', args: { date: '2024-05-31', to: 'Oslo', seats: null, class: 'economy', stops: '${steps.1.output}', note: null }, dependsOn: [1] },
  ],
};
const failingPlan = { steps: [strictPlan.steps[0], { ...strictPlan.steps[1], tool: 'book_flaky' }] };
const booked = JSON.stringify({ date: '2024-05-31', to: 'Oslo', class: 'economy', stops: ['Oslo', 'Bergen'] });

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function run(rules: readonly Rule[], options: { extra?: string; server?: ScriptedServerOptions; run?: Partial<RunOptions> } = {}) {
  const dir = await tempProject({ 'tools.mjs': toolsModule });
  const server = await startScriptedServer(rules, options.server);
  servers.push(server);
  await writeFile(path.join(dir, 'p.yaml'), pipelineText(server.url, options.extra));
  const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
  const llm = await createLlmClient(pipeline.model, { env: {}, cwd: dir });
  const warnings: string[] = [];
  const outcome = await runPipeline(pipeline, { llm, cwd: dir, onWarning: (message) => warnings.push(message), ...options.run });
  return { outcome, server, warnings };
}

type ResponseFormat = { type: string; json_schema: { name: string; schema: Record<string, unknown>; strict: boolean } };
const formatOf = (call: RecordedCall) => call.body?.['response_format'] as ResponseFormat;
const stepBranches = (schema: Record<string, unknown>) => ((schema.properties as any).steps.items.anyOf as any[]);

describe("the pipeline's own plan schema, as sent", () => {
  it('is each declared tool with its own args, strict, and fits every documented strict-mode rule', async () => {
    const { outcome, server, warnings } = await run([{ json: strictPlan }], { extra: 'planning: { stream: false }' });

    expect(outcome).toMatchObject({ status: 'succeeded', result: booked });
    expect(warnings).toEqual([]);
    const format = formatOf(server.calls[0]!);
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('plan');
    expect(format.json_schema.strict).toBe(true);
    const { schema } = format.json_schema;
    expect(strictViolations(schema)).toEqual([]);
    // One branch per tool in use, its `tool` fixed to the name.
    expect(stepBranches(schema).map((step) => step.properties.tool)).toEqual(['list_trips', 'book_trip', 'book_flaky', 'llm'].map((name) => ({ type: 'string', enum: [name] })));
    const book = stepBranches(schema)[1].properties.args;
    expect(book.required).toEqual(['date', 'to', 'seats', 'class', 'stops', 'note']);
    expect(book.properties.date).toEqual({ anyOf: [{ type: 'string', format: 'date' }, { $ref: '#/$defs/reference' }] });
    // Optional: null allowed; not a plain string: a whole output reference allowed.
    expect(book.properties.seats.anyOf).toEqual([{ type: 'integer', minimum: 1, maximum: 9 }, { $ref: '#/$defs/reference' }, { type: 'null' }]);
    // Descriptions and examples are the prompt's: the schema only constrains.
    expect(JSON.stringify(book)).not.toContain('Day of travel');
  });

  it('accepts the plans the compiler accepts and refuses unknown tools, unknown arguments and malformed values (ajv and xgrammar)', async () => {
    const { server } = await run([{ json: strictPlan }], { extra: 'planning: { stream: false }' });
    const { schema } = formatOf(server.calls[0]!).json_schema;
    const ajv = new Ajv({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const withStep = (change: Record<string, unknown>, args: Record<string, unknown> = {}) => ({ steps: [strictPlan.steps[0], { ...strictPlan.steps[1], ...change, args: { ...strictPlan.steps[1]!.args, ...args } }] });
    const unknownTool = withStep({ tool: 'book_trips' });
    const unknownArgument = withStep({}, { passengers: 2 });
    const badDate = withStep({}, { date: 'August 1st, 2023' });
    const badStepId = withStep({ id: 'two words' });

    expect(validate(strictPlan)).toBe(true);
    for (const plan of [unknownTool, unknownArgument, badDate, badStepId]) expect(validate(plan)).toBe(false);

    const xgrammar = loadXgrammar();
    const grammar = await xgrammar.Grammar.fromJSONSchema(JSON.stringify(schema));
    expect(await xgrammar.Testings.isGrammarAcceptString(grammar, JSON.stringify(strictPlan))).toBe(true);
    for (const plan of [unknownTool, unknownArgument, badDate, badStepId]) expect(await xgrammar.Testings.isGrammarAcceptString(grammar, JSON.stringify(plan))).toBe(false);
  });

  it('goes with the repair and the full replan as well, the same schema each time', async () => {
    const unknownTool = { steps: [{ ...strictPlan.steps[0], tool: 'list_trip' }] };
    const { outcome, server } = await run(
      [
        { match: 'the booking service is down', json: strictPlan },
        { json: unknownTool, times: 1 },
        { json: failingPlan },
      ],
      { extra: 'planning: { stream: false }\nreplan: { strategy: full }' },
    );
    expect(outcome).toMatchObject({ status: 'succeeded', result: booked });
    expect(server.calls).toHaveLength(3);
    const first = formatOf(server.calls[0]!);
    expect(first.json_schema.strict).toBe(true);
    for (const call of server.calls) expect(formatOf(call)).toEqual(first);
  });

  it('goes with a tail-only replan, and the tail is compiled with nulls for the arguments left out', async () => {
    const tail = { steps: [{ id: 3, action: 'Book again', tool: 'book_trip', args: { ...strictPlan.steps[1]!.args }, dependsOn: null }] };
    const { outcome, server } = await run([{ match: 'the booking service is down', json: tail }, { json: failingPlan }], { extra: 'planning: { stream: false }\nreplan: { strategy: tail-only }' });
    expect(outcome).toMatchObject({ status: 'succeeded', result: booked });
    expect(server.calls).toHaveLength(2);
    expect(formatOf(server.calls[1]!)).toEqual(formatOf(server.calls[0]!));
  });

  it('goes with the first plan read as a stream', async () => {
    const { outcome, server } = await run([{ chunks: [JSON.stringify(strictPlan).slice(0, 90), JSON.stringify(strictPlan).slice(90)] }]);
    expect(outcome).toMatchObject({ status: 'succeeded', result: booked });
    expect(server.calls[0]!.body).toMatchObject({ stream: true });
    expect(formatOf(server.calls[0]!).json_schema.strict).toBe(true);
  });

  it('falls back to JSON mode, then to plain text, when the server refuses them', async () => {
    const jsonMode = await run([{ json: strictPlan }], { extra: 'planning: { stream: false }', server: { rejectJsonSchema: true } });
    expect(jsonMode.outcome.status).toBe('succeeded');
    expect(jsonMode.server.calls.map((call) => call.responseFormat)).toEqual(['json_schema', 'json_object']);
    const plain = await run([{ json: strictPlan }], { extra: 'planning: { stream: false }', server: { rejectJsonSchema: true, rejectJsonMode: true } });
    expect(plain.outcome.status).toBe('succeeded');
    expect(plain.server.calls.map((call) => call.responseFormat)).toEqual(['json_schema', 'json_object', undefined]);
  });

  it('is sent strict: false, with one warning naming the tool and the keyword, when a tool uses what strict mode cannot say', async () => {
    const tagTool = `  - name: tag_all
    description: Tags
    module: tools.mjs
    export: book
    args: { type: object, properties: { tags: { type: array, items: { type: string }, uniqueItems: true } }, required: [tags], additionalProperties: false }
planning: { stream: false }`;
    const unknownTool = { steps: [{ ...strictPlan.steps[0], tool: 'list_trip' }] };
    const { outcome, server, warnings } = await run([{ json: unknownTool, times: 1 }, { json: strictPlan }], { extra: tagTool });
    expect(outcome.status).toBe('succeeded');
    expect(server.calls).toHaveLength(2);
    expect(warnings).toEqual([
      'the plan schema is sent with strict: false, so a server with strict structured outputs will not hold the model to it: tool "tag_all" uses uniqueItems (at args.tags)',
    ]);
    const format = formatOf(server.calls[0]!);
    expect(format.json_schema.strict).toBe(false);
    // Still the pipeline's schema, the keyword kept for servers that enforce it anyway.
    const tags = stepBranches(format.json_schema.schema)[3].properties.args.properties.tags;
    expect(tags.anyOf[0]).toMatchObject({ type: 'array', uniqueItems: true });
    expect(strictViolations(format.json_schema.schema)).toEqual([expect.stringContaining('keyword "uniqueItems" is not supported')]);
  });
});
