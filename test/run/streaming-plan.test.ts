// planning.stream end to end: the real openai SDK reads a plan that the scripted server sends as
// server-sent events, a piece per step with a delay between pieces; steps start while it streams.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient, loadPipeline, type RunOptions, runPipeline } from '../../src/index.ts';
import type { EventOf, RunEvent } from '../../src/events/run-events.ts';
import { repoRoot, tempProject } from '../support/run-cli.ts';
import { chunkPlanBySteps, startScriptedServer, type PieceGate, type Rule, type ScriptedServer, type ScriptedServerOptions } from '../support/scripted-server.ts';

const noteModule = `import { appendFileSync } from 'node:fs';
const log = (line) => appendFileSync(new URL('./ran.log', import.meta.url), line + '\\n');
export async function note({ text }) { log('note ' + text.split(' ')[0]); return text.toUpperCase(); }
export async function publish({ text }) { log('publish ' + text.split(' ')[0]); return 'published ' + text; }
`;

function pipelineText(baseURL: string, extra = ''): string {
  return `version: 1
name: streaming
task: "Run the steps"
model: { name: stream-model, baseURL: ${baseURL} }
tools:
  - name: note
    description: Notes a text and returns it upper-cased
    module: note.mjs
    export: note
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
  - name: publish
    description: Publishes a text
    module: note.mjs
    export: publish
    sideEffects: true
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
${extra}`;
}

/** Ten steps, each taking the previous one's output. */
const chain = {
  steps: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, action: `Step ${i + 1}`, tool: 'note', args: { text: i === 0 ? 's1' : `s${i + 1} \${steps.${i}.output}` } })),
};

let servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

let validate: ValidateFunction;
beforeAll(async () => {
  // As in json-events.test.ts: the schema made strict, so an undocumented field fails.
  const schema = JSON.parse(await readFile(`${repoRoot}/schemas/events.schema.json`, 'utf8'));
  for (const kind of schema.properties.kind.enum as string[]) schema.definitions[kind].additionalProperties = false;
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv);
  validate = ajv.compile(schema);
});

/** The tools' calls so far, as note.mjs logs them in `dir`. */
async function ranIn(dir: string): Promise<string[]> {
  return (await readFile(path.join(dir, 'ran.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
}

/** A piece gate (see scripted-server.ts): piece i is sent once every call in `gates[i]` has started in `dir`. */
function after(dir: string, gates: Readonly<Record<number, readonly string[]>>): PieceGate {
  return async (index) => {
    const calls = gates[index] ?? [];
    for (;;) {
      const ran = await ranIn(dir);
      if (calls.every((call) => ran.includes(call))) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
}

/** Rules as such, or made for the project folder (to gate pieces on what has run there). */
type Rules = readonly Rule[] | ((dir: string) => readonly Rule[]);

async function run(rules: Rules, options: { extra?: string; server?: ScriptedServerOptions; client?: { record?: string; replay?: string }; run?: Partial<RunOptions> } = {}) {
  const dir = await tempProject({ 'note.mjs': noteModule });
  const server = await startScriptedServer(typeof rules === 'function' ? rules(dir) : rules, options.server);
  servers.push(server);
  await writeFile(path.join(dir, 'p.yaml'), pipelineText(server.url, options.extra));
  const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
  const llm = await createLlmClient(pipeline.model, { env: {}, cwd: dir, ...options.client });
  const events: RunEvent[] = [];
  const outcome = await runPipeline(pipeline, { llm, cwd: dir, onEvent: (event) => events.push(event), ...options.run });
  const ran = await ranIn(dir);
  for (const event of events) if (!validate(event)) throw new Error(`${JSON.stringify(event)}\n${JSON.stringify(validate.errors, null, 2)}`);
  return { outcome, events, ran, server, dir };
}

const indexOf = (events: readonly RunEvent[], kind: RunEvent['kind'], stepId?: string) =>
  events.findIndex((e) => e.kind === kind && (stepId === undefined || ('stepId' in e ? e.stepId === stepId : 'step' in e && e.step.id === stepId)));
const ofKind = <K extends RunEvent['kind']>(events: readonly RunEvent[], kind: K) => events.filter((e): e is EventOf<K> => e.kind === kind);

describe('planning.stream', () => {
  it('starts step 1 before the last step has arrived, runs every step once, and ends as a whole-plan run does', async () => {
    // Step 10 is sent once step 1 runs, the closing `]}` once step 10 does (so after step 9 succeeded).
    const streamedRule = (dir: string): Rule[] => [{ chunks: chunkPlanBySteps(chain), chunkDelayMs: 40, beforePiece: after(dir, { 9: ['note s1'], 10: ['note s10'] }) }];
    const streamed = await run(streamedRule);
    const whole = await run([{ chunks: chunkPlanBySteps(chain), chunkDelayMs: 40 }], { extra: 'planning: { stream: false }\n' });

    expect(streamed.server.calls[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(whole.server.calls[0]!.body!['stream']).toBeUndefined();
    const { events } = streamed;
    expect(ofKind(events, 'step-planned').map((e) => e.step.id)).toEqual(chain.steps.map((s) => String(s.id)));
    expect(indexOf(events, 'step-started', '1')).toBeLessThan(indexOf(events, 'step-planned', '10'));
    expect(indexOf(events, 'step-succeeded', '9')).toBeLessThan(indexOf(events, 'plan-accepted'));

    // Every step ran exactly once, in both runs.
    expect(streamed.ran).toEqual(chain.steps.map((s) => `note s${s.id}`));
    expect(whole.ran).toEqual(streamed.ran);
    expect(ofKind(events, 'step-started')).toHaveLength(10);

    // Same result, same accepted plan, same usage (the streamed call's tokens come from its last chunk).
    expect(streamed.outcome).toMatchObject({ status: 'succeeded', result: 'S10 S9 S8 S7 S6 S5 S4 S3 S2 S1' });
    expect(streamed.outcome.result).toBe(whole.outcome.result);
    expect(streamed.outcome.usage).toEqual(whole.outcome.usage);
    expect(streamed.outcome.usage.completionTokens).toBeGreaterThan(0);
    const accepted = ofKind(events, 'plan-accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.streamed).toBe(true);
    const { time: _t1, streamed: _s, ...streamedPlan } = accepted[0]!;
    const { time: _t2, ...wholePlan } = ofKind(whole.events, 'plan-accepted')[0]!;
    expect(streamedPlan).toEqual(wholePlan);
    // The same events apart from the announcements, only in another order.
    const kinds = (list: readonly RunEvent[]) => list.map((e) => e.kind).filter((kind) => kind !== 'step-planned').sort();
    expect(kinds(events)).toEqual(kinds(whole.events));
    // How much sooner a streamed run ends, `npm run bench` measures (bench/streaming.ts).
  });

  it('an invalid step at the end: the side-effect-free steps may have run, the side-effecting one did not, the repair runs', async () => {
    const good = [
      { id: 1, action: 'One', tool: 'note', args: { text: 's1' } },
      { id: 2, action: 'Two', tool: 'note', args: { text: 's2 ${steps.1.output}' } },
      { id: 3, action: 'Publish', tool: 'publish', args: { text: 's3 ${steps.2.output}' } },
      { id: 4, action: 'Four', tool: 'note', args: { text: 's4' } },
    ];
    const invalid = { steps: [...good, { id: 2, action: 'Again', tool: 'note', args: { text: 's5' } }] };
    const repaired = { steps: [...good, { id: 5, action: 'Again', tool: 'note', args: { text: 's5' } }] };
    // Step 4 is sent once step 2 runs, the invalid step once step 4 does.
    const { outcome, events, ran, server } = await run(
      (dir) => [
        { match: /duplicate step id 2/, json: repaired },
        { chunks: chunkPlanBySteps(invalid), chunkDelayMs: 40, beforePiece: after(dir, { 3: ['note s2'], 4: ['note s4'] }) },
      ],
      { extra: 'planning: { maxRepairs: 1 }\n' },
    );

    expect(ofKind(events, 'step-planned').map((e) => [e.step.id, e.held])).toEqual([
      ['1', undefined],
      ['2', undefined],
      ['3', 'tool "publish" has side effects'],
      ['4', undefined],
    ]);
    const rejected = ofKind(events, 'plan-rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ planNumber: 1, attempt: 1, streamed: true, ran: ['1', '2', '4'] });
    expect(rejected[0]!.problems.map((p) => p.code)).toEqual(['duplicate-id']);
    // Nothing of the publishing step before the whole plan was checked.
    expect(indexOf(events, 'step-started', '3')).toBeGreaterThan(indexOf(events, 'plan-accepted'));

    // The repair asked without streaming, with the streamed reply and its problem.
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.body!['stream']).toBeUndefined();
    expect(server.calls[1]!.text).toContain('"id":2,"action":"Again"');
    expect(events.filter((e) => e.kind === 'plan-requested').map((e) => (e as EventOf<'plan-requested'>).purpose)).toEqual(['plan', 'repair']);

    // The repaired plan reused what had already run; every tool ran once, publish after the check.
    expect(outcome).toMatchObject({ status: 'succeeded', result: 'S5', usage: { llmCalls: 2, stepRuns: 5, reusedSteps: 3 } });
    expect(ran.slice(0, 3)).toEqual(['note s1', 'note s2', 'note s4']);
    expect(ran.slice(3).sort()).toEqual(['note s5', 'publish s3']);
    const reused = ofKind(events, 'step-succeeded').filter((e) => e.reused).map((e) => e.stepId);
    expect(reused.sort()).toEqual(['1', '2', '4']);
  });

  it('falls back to the whole plan when the server does not stream, with a replay, and when approval is needed', async () => {
    const plan = { steps: chain.steps.slice(0, 3) };
    const rule = { chunks: chunkPlanBySteps(plan), chunkDelayMs: 20 };
    const expected = { status: 'succeeded', result: 'S3 S2 S1' };

    const ignoring = await run([rule], { server: { ignoreStream: true } });
    expect(ignoring.server.calls[0]!.body!['stream']).toBe(true);
    expect(ignoring.outcome).toMatchObject({ ...expected, usage: { llmCalls: 1 } });
    expect(ignoring.outcome.usage.promptTokens).toBeGreaterThan(0);
    expect(ofKind(ignoring.events, 'step-planned')).toEqual([]);
    expect(ignoring.events.map((e) => e.kind).slice(0, 5)).toEqual(['run-started', 'plan-requested', 'llm-called', 'plan-accepted', 'step-started']);

    // Recording a streamed run keeps the assembled reply; replaying it runs the whole plan.
    const recorded = await run([rule], { client: { record: 'rec.json' } });
    expect(ofKind(recorded.events, 'step-planned')).toHaveLength(3);
    const recording = JSON.parse(await readFile(path.join(recorded.dir, 'rec.json'), 'utf8'));
    expect(JSON.parse(recording.exchanges[0].response.text)).toEqual(plan);
    const replayed = await run([], { client: { replay: path.join(recorded.dir, 'rec.json') } });
    expect(replayed.server.calls).toEqual([]);
    expect(replayed.outcome).toMatchObject(expected);
    expect(ofKind(replayed.events, 'step-planned')).toEqual([]);

    const approved = await run([rule], { extra: 'approve: true\n', run: { approve: async () => true } });
    expect(approved.server.calls[0]!.body!['stream']).toBeUndefined();
    expect(approved.outcome).toMatchObject(expected);
  });

  it('Ctrl-C while the plan streams cancels what runs and ends the run as interrupted', async () => {
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const { outcome } = await run([{ chunks: chunkPlanBySteps(chain), chunkDelayMs: 40 }], {
      run: {
        signal: controller.signal,
        onEvent: (event) => {
          events.push(event);
          if (event.kind === 'step-succeeded' && event.stepId === '2') controller.abort();
        },
      },
    });
    expect(outcome.status).toBe('interrupted');
    expect(events.at(-1)).toMatchObject({ kind: 'run-finished', status: 'interrupted' });
    expect(ofKind(events, 'step-started').length).toBeLessThan(10);
    expect(ofKind(events, 'plan-accepted')).toEqual([]);
    expect(ofKind(events, 'plan-rejected')).toEqual([]);
  });
});

describe('planning limits while a plan streams', () => {
  it('stops reading past planning.maxSteps: the request is closed there, the plan is rejected for the limit, the repair runs', async () => {
    const many = { steps: Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, action: `Step ${i + 1}`, tool: 'note', args: { text: `s${i + 1}` } })) };
    const small = { steps: chain.steps.slice(0, 2) };
    const { outcome, events, server } = await run(
      [
        { match: /more than 5 steps/, json: small },
        { chunks: chunkPlanBySteps(many), chunkDelayMs: 2 },
      ],
      { extra: 'planning: { maxSteps: 5, maxRepairs: 1 }\n' },
    );

    const rejected = ofKind(events, 'plan-rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.problems).toEqual([{ code: 'too-many-steps', message: 'the plan has more than 5 steps; this pipeline allows at most 5 (planning.maxSteps)' }]);
    // The client left long before the server had written its 2,000 pieces.
    expect(server.calls[0]!.piecesSent).toBeLessThan(100);
    // No step past the limit was announced; the repair was asked without streaming.
    const planned = ofKind(events, 'step-planned').map((e) => e.step.id);
    expect(planned).toEqual(['1', '2', '3', '4', '5'].slice(0, planned.length));
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.body!['stream']).toBeUndefined();
    // The abandoned call counts like any other.
    expect(outcome).toMatchObject({ status: 'succeeded', result: 'S2 S1', usage: { llmCalls: 2 } });
    expect(ofKind(events, 'llm-called').map((e) => e.purpose)).toEqual(['plan', 'repair']);
  });

  it('stops reading past planning.maxPlanBytes, and the repair is not shown the reply', async () => {
    const text = `{"steps":[{"id":1,"action":"Long","tool":"note","args":{"text":"${'x'.repeat(100_000)}"}}]}`;
    const pieces = Array.from({ length: Math.ceil(text.length / 100) }, (_, i) => text.slice(i * 100, (i + 1) * 100));
    const { outcome, events, server } = await run(
      [
        { match: /more than 3000 bytes/, json: { steps: chain.steps.slice(0, 1) } },
        { chunks: pieces, chunkDelayMs: 1 },
      ],
      { extra: 'planning: { maxPlanBytes: 3000, maxRepairs: 1 }\n' },
    );

    const rejected = ofKind(events, 'plan-rejected');
    expect(rejected.map((e) => e.problems)).toEqual([
      [{ code: 'plan-too-large', message: 'the reply is more than 3000 bytes; a plan may be at most 3000 bytes (planning.maxPlanBytes), so it was not read; send a plan of fewer, shorter steps' }],
    ]);
    expect(server.calls[0]!.piecesSent).toBeLessThan(pieces.length / 2);
    expect(server.calls[1]!.text).toContain('(reply omitted: too large or too deeply nested to read)');
    expect(server.calls[1]!.text).not.toContain('xxxxxxxxxx');
    expect(outcome).toMatchObject({ status: 'succeeded', result: 'S1', usage: { llmCalls: 2 } });
  });
});
