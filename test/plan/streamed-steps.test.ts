import { describe, expect, it } from 'vitest';
import type { HttpTool } from '../../src/index.ts';
import { createStreamedStepReader } from '../../src/plan/read-streamed-steps.ts';
import { createStreamedPlanPrefix, mayStartEarly, streamedStepsDiverge } from '../../src/plan/streamed-plan-prefix.ts';
import { commandTool, llmTool } from '../support/tools.ts';

const echo = commandTool('echo_text', ['echo', '{{args.value}}']);
const tools = [echo, llmTool];

/** Feeds `text` one character at a time and notes after which character each step came out. */
function readByCharacter(text: string) {
  const reader = createStreamedStepReader();
  const steps: { at: number; step: unknown }[] = [];
  [...text].forEach((ch, i) => {
    for (const step of reader.push(ch)) steps.push({ at: i, step });
  });
  return { steps, reading: reader.reading };
}

describe('reading a plan as it streams', () => {
  it('hands out each step the moment its object closes, whatever the pieces', () => {
    const plan = { steps: [{ id: 1, tool: 'echo_text', args: { value: 'a "quoted" } brace' } }, { id: 2, tool: 'llm', args: { prompt: 'x\\y ${steps.1.output}' } }] };
    const text = JSON.stringify(plan, null, 2);
    const { steps, reading } = readByCharacter(text);
    expect(steps.map((s) => s.step)).toEqual(plan.steps);
    // Step 1 came out at its closing brace, long before the reply ended.
    expect(steps[0]!.at).toBe(text.indexOf('}\n    },') + 6);
    expect(steps[1]!.at).toBeLessThan(text.length - 1);
    expect(reading).toBe(false);
  });

  it('reads a plan in a ```json fence, and stops at anything that is not plainly a plan', () => {
    expect(readByCharacter('```json\n{"steps": [{"id": 1}, {"id": 2}]}\n```').steps.map((s) => s.step)).toEqual([{ id: 1 }, { id: 2 }]);
    for (const reply of ['Here is the plan: {"steps": [{"id": 1}]}', '{"thought": "x", "steps": [{"id": 1}]}', '{"steps": [1, {"id": 2}]}', '{"steps": {"id": 1}}']) {
      const { steps, reading } = readByCharacter(reply);
      expect(steps, reply).toEqual([]);
      expect(reading, reply).toBe(false);
    }
    // A step that is not valid JSON ends the reading after the steps before it.
    expect(readByCharacter('{"steps": [{"id": 1}, {"id": 2,}, {"id": 3}]}').steps.map((s) => s.step)).toEqual([{ id: 1 }]);
  });

  it('stops past the reply size limit', () => {
    const reader = createStreamedStepReader(20);
    expect(reader.push('{"steps": [{"id": 1}')).toEqual([{ id: 1 }]);
    expect(reader.push(', {"id": 2}')).toEqual([]);
    expect(reader.reading).toBe(false);
  });
});

describe('the compiling prefix of a streamed plan', () => {
  it('accepts steps while each compiles with those before it; a reference to a later step holds it and everything after', () => {
    const prefix = createStreamedPlanPrefix(tools);
    prefix.add([{ id: 1, action: 'a', tool: 'echo_text', args: { value: 'one' } }]);
    expect(prefix.advance().map((s) => s.id)).toEqual(['1']);
    prefix.add([
      { id: 2, action: 'b', tool: 'llm', args: { prompt: 'after ${steps.1.output}' } },
      { id: 3, action: 'c', tool: 'llm', args: { prompt: 'needs ${steps.4.output}' } },
      { id: 4, action: 'd', tool: 'echo_text', args: { value: 'four' } },
    ]);
    const joined = prefix.advance();
    expect(joined.map((s) => [s.id, s.needs])).toEqual([['2', ['1']]]);
    prefix.add([{ id: 5, action: 'e', tool: 'echo_text', args: { value: 'five' } }]);
    expect(prefix.advance()).toEqual([]);
    expect(prefix.accepted).toHaveLength(2);
  });

  it('holds a step with an unknown tool or bad arguments, as the compiler would reject it', () => {
    for (const bad of [{ id: 2, tool: 'ech_text', args: {} }, { id: 2, tool: 'echo_text', args: { value: 3 } }, { id: 1, tool: 'echo_text', args: {} }]) {
      const prefix = createStreamedPlanPrefix(tools);
      prefix.add([{ id: 1, tool: 'echo_text', args: { value: 'x' } }, bad]);
      expect(prefix.advance().map((s) => s.id), JSON.stringify(bad)).toEqual(['1']);
    }
  });

  it('notices a reply whose plan is not the one that streamed', () => {
    const streamed = [{ id: 1, tool: 'echo_text', args: { value: 'x' } }];
    expect(streamedStepsDiverge(JSON.stringify({ steps: streamed }), streamed)).toBeUndefined();
    expect(streamedStepsDiverge('{"steps": [{"id": 1, "tool": "echo_text", "args": {"value": "x"}}], "steps": [{"id": 9, "tool": "llm", "args": {}}]}', streamed)?.message).toContain('more than one plan');
  });

  it('lets only tools without side effects start early', () => {
    const get: HttpTool = { kind: 'http', name: 'get', description: '', args: {}, output: 'json', method: 'GET', url: 'https://x', allowHosts: ['x'] };
    expect(mayStartEarly(echo)).toBe(true);
    expect(mayStartEarly(get)).toBe(true);
    expect(mayStartEarly({ ...get, method: 'POST' })).toBe(false);
    expect(mayStartEarly({ ...get, method: 'POST', sideEffects: false })).toBe(true);
    expect(mayStartEarly({ ...echo, sideEffects: true })).toBe(false);
    expect(mayStartEarly({ ...echo, confirm: true })).toBe(false);
  });
});
