// `--json` prints the run's events as NDJSON; schemas/events.schema.json documents them. The real
// CLI's output is validated against the schema (made strict: no field it does not declare).

import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { executePlan } from '../../src/execute/execute-plan.ts';
import { compilePlan } from '../../src/index.ts';
import { createEventEmitter, type RunEvent, type RunEventKind } from '../../src/events/run-events.ts';
import { ToolError } from '../../src/tools/tool-call.ts';
import { repoRoot, runCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { commandTool } from '../support/tools.ts';
import { testToolContext } from '../tools/tool-context.ts';

// `satisfies` fails to compile if a kind is missing here or is not a kind at all.
const KINDS = {
  'run-started': true,
  'run-resumed': true,
  'plan-requested': true,
  'llm-called': true,
  'plan-rejected': true,
  'plan-accepted': true,
  'step-planned': true,
  'step-started': true,
  'step-retrying': true,
  'step-succeeded': true,
  'step-failed': true,
  'step-cancelled': true,
  'step-skipped': true,
  'replan-started': true,
  'failure-tolerated': true,
  'run-finished': true,
} satisfies Record<RunEventKind, true>;

let validate: ValidateFunction;
beforeAll(async () => {
  const schema = JSON.parse(await readFile(`${repoRoot}/schemas/events.schema.json`, 'utf8'));
  for (const kind of Object.keys(KINDS)) schema.definitions[kind].additionalProperties = false;
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  validate = ajv.compile(schema);
});

function expectValid(event: unknown): void {
  if (!validate(event)) throw new Error(`${JSON.stringify(event)}\n${JSON.stringify(validate.errors, null, 2)}`);
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const node = JSON.stringify(process.execPath);
const pipeline = `version: 1
name: json-events
task: "Produce every event"
model: { name: test-model }
tools:
  - name: warming_up
    description: Exits 75 (try again later) on its first run
    command: [${node}, -e, "const fs = require('fs'); if (!fs.existsSync('ran')) { fs.writeFileSync('ran', ''); process.exit(75); } console.log('warm')"]
    cwd: .
    retryOn: [75]
    retries: { attempts: 2, backoff: 10ms }
    args: { type: object, properties: {}, additionalProperties: false }
  - name: broken
    description: Always fails
    command: [${node}, -e, "process.exit(3)"]
    args: { type: object, properties: {}, additionalProperties: false }
`;

describe('schemas/events.schema.json', () => {
  it('lists exactly the event kinds the code emits', async () => {
    const schema = JSON.parse(await readFile(`${repoRoot}/schemas/events.schema.json`, 'utf8'));
    expect(schema.properties.kind.enum).toEqual(Object.keys(KINDS));
    expect(Object.keys(schema.definitions).filter((name) => name in KINDS)).toEqual(Object.keys(KINDS));
  });

  it('describes every line of a real `planexec run --json`', async () => {
    server = await startScriptedServer([
      { match: /A step of your plan failed/, json: { steps: [{ id: 1, action: 'Again', tool: 'warming_up', args: {} }] } },
      { times: 1, json: { steps: [{ id: 1, tool: 'no_such_tool', args: {} }] } },
      {
        times: 1,
        json: {
          steps: [
            { id: 1, action: 'Warm up', tool: 'warming_up', args: {} },
            { id: 2, action: 'Break', tool: 'broken', args: {}, dependsOn: [1] },
            { id: 3, action: 'Sum up', tool: 'llm', args: { prompt: 'Sum up ${steps.2.output}' } },
          ],
        },
      },
    ]);
    const dir = await tempProject({ 'p.yaml': pipeline });
    const result = await runCli(['run', 'p.yaml', '--json'], { cwd: dir, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test' } });
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as RunEvent);
    for (const event of events) expectValid(event);
    expect(events.map((e) => e.kind)).toEqual([
      'run-started',
      'plan-requested',
      'llm-called',
      'plan-rejected',
      'plan-requested',
      'llm-called',
      'plan-accepted',
      'step-started',
      'step-retrying',
      'step-succeeded',
      'step-started',
      'step-failed',
      'step-skipped',
      'replan-started',
      'plan-requested',
      'llm-called',
      'plan-accepted',
      'step-started',
      'step-succeeded',
      'run-finished',
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'run-finished', status: 'succeeded', result: 'warm', usage: { llmCalls: 3, replans: 1 } });
  });

  it('describes step-cancelled', async () => {
    const tool = commandTool('work', ['true'], { args: { type: 'object', properties: { n: { type: 'integer' } } } });
    const compiled = compilePlan({ steps: [{ id: 1, tool: 'work', args: { n: 1 } }, { id: 2, tool: 'work', args: { n: 2 } }] }, [tool]);
    if (!compiled.ok) throw new Error('plan rejected');
    const events: RunEvent[] = [];
    await executePlan(compiled.graph, {
      planNumber: 1,
      concurrency: 2,
      onFailure: 'cancel',
      emit: createEventEmitter([(e) => events.push(e)]),
      toolContext: testToolContext(),
      runTool: (_tool, args, context) =>
        args.n === 1 ? new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new ToolError('stopped')))) : Promise.reject(new ToolError('no')),
    });
    expect(events.map((e) => e.kind)).toContain('step-cancelled');
    for (const event of events) expectValid(event);
  });
});
