import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient, DiagnosticError, loadPipeline, planPipeline, type RunEvent, runPipeline } from '../../src/index.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { tempProject } from '../support/run-cli.ts';

const pipelineText = `version: 1
name: lib
task: "Say {{inputs.word}}"
inputs: { word: { type: string } }
model: { name: lib-model, baseURL: BASE }
tools:
  - name: shout
    description: Upper-cases a word
    command: [node, -e, "console.log(process.argv[1].toUpperCase())", "{{args.word}}"]
    args: { type: object, properties: { word: { type: string } }, required: [word], additionalProperties: false }
`;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp() {
  server = await startScriptedServer([{ json: { steps: [{ id: 1, action: 'Shout', tool: 'shout', args: { word: 'hello' } }] } }]);
  const dir = await tempProject({ 'p.yaml': pipelineText.replace('BASE', server.url) });
  const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
  const llm = await createLlmClient(pipeline.model, { env: {} });
  return { dir, pipeline, llm };
}

describe('the library API', () => {
  it('runs a pipeline and streams typed events', async () => {
    const { dir, pipeline, llm } = await setUp();
    const events: RunEvent[] = [];
    const outcome = await runPipeline(pipeline, { llm, inputs: { word: 'hello' }, cwd: dir, onEvent: (e) => events.push(e), env: process.env });
    expect(outcome).toMatchObject({ status: 'succeeded', exitCode: 0, result: 'HELLO', usage: { llmCalls: 1, stepRuns: 1, replans: 0 } });
    expect(events.map((e) => e.kind)).toEqual(['run-started', 'plan-requested', 'llm-called', 'plan-accepted', 'step-started', 'step-succeeded', 'run-finished']);
    expect(events.every((e) => !Number.isNaN(Date.parse(e.time)))).toBe(true);
  });

  it('returns invalid-input (exit 2) for a missing required input, before calling the model', async () => {
    const { pipeline, llm } = await setUp();
    const outcome = await runPipeline(pipeline, { llm });
    expect(outcome).toMatchObject({ status: 'invalid-input', exitCode: 2 });
    expect(outcome.error).toContain('missing input "word": pass --input word=<string>');
    expect(server!.calls).toHaveLength(0);
  });

  it('plans without running', async () => {
    const { pipeline, llm } = await setUp();
    const planned = await planPipeline(pipeline, { llm, inputs: { word: 'x' } });
    expect(planned.status).toBe('planned');
    if (planned.status === 'planned') expect(planned.graph.steps.map((s) => s.tool)).toEqual(['shout']);
  });

  it('loadPipeline throws a DiagnosticError listing every problem', async () => {
    const dir = await tempProject({ 'bad.yaml': 'version: 1\nname: 5\ntools: nope\n' });
    const error = await loadPipeline(path.join(dir, 'bad.yaml'), { cwd: dir, config: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect((error as DiagnosticError).diagnostics.length).toBeGreaterThanOrEqual(3);
  });
});

describe('input values', () => {
  it('reads numbers in decimal notation only', async () => {
    const { resolveInputs } = await import('../../src/run/resolve-inputs.ts');
    const pipeline = { inputs: { n: { type: 'number', required: true } } } as unknown as Parameters<typeof resolveInputs>[0];
    expect(resolveInputs(pipeline, { n: '2.5' })).toEqual({ n: 2.5 });
    expect(resolveInputs(pipeline, { n: '-3e2' })).toEqual({ n: -300 });
    for (const bad of [' ', '0x10', '1,5', 'ten']) expect(() => resolveInputs(pipeline, { n: bad })).toThrow(`input "n" must be a number, got "${bad}"`);
  });
});
