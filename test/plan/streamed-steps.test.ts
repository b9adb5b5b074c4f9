import { describe, expect, it } from 'vitest';
import type { HttpTool } from '../../src/pipeline/types.ts';
import { compilePlan } from '../../src/plan/compile-plan.ts';
import { createStreamedStepReader } from '../../src/plan/read-streamed-steps.ts';
import { createStreamedPlanPrefix, mayStartEarly, streamedStepsDiverge } from '../../src/plan/streamed-plan-prefix.ts';
import { createStreamedPlanReply } from '../../src/plan/streamed-plan-reply.ts';
import { commandTool, llmTool } from '../support/tools.ts';

const echo = commandTool('echo_text', ['echo', '{{args.value}}']);
const tools = [echo, llmTool];

/** Feeds `text` one character at a time and notes after which character each step came out. */
function readByCharacter(text: string) {
  const reader = createStreamedStepReader();
  const steps: { at: number; step: unknown }[] = [];
  [...text].forEach((ch, i) => {
    if (reader.push(ch) > 0) for (const step of reader.take()) steps.push({ at: i, step });
  });
  return { steps, reading: reader.reading, whole: reader.whole };
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

  it('tells a reply that is nothing but one plan from one with anything around it', () => {
    const plan = '{"steps": [{"id": 1}, {"id": 2}]}';
    for (const reply of [plan, `  ${plan}\n`, JSON.stringify(JSON.parse(plan), null, 2)]) expect(readByCharacter(reply).whole, reply).toBe(true);
    for (const reply of [`\`\`\`json\n${plan}\n\`\`\``, `${plan} done`, `${plan}${plan}`, '{"steps": [{"id": 1}], "steps": []}', '{"steps": [{"id": 1}]', `Here: ${plan}`]) {
      expect(readByCharacter(reply).whole, reply).toBe(false);
    }
  });

  it('reads a long step split into many pieces, and steps with every kind of string in any pieces', () => {
    const long = { id: 1, tool: 'echo_text', args: { value: `${'a\\"{}[]'.repeat(5_000)}\u00e9😀` } };
    const text = JSON.stringify({ steps: [long, { id: 2, args: { nested: [{ deep: [[{ x: '}' }]] }] } }] });
    const reader = createStreamedStepReader();
    const steps: unknown[] = [];
    for (let i = 0; i < text.length; i += 3) {
      reader.push(text.slice(i, i + 3));
      if (i % 999 === 0) steps.push(...reader.take());
    }
    steps.push(...reader.take());
    expect(steps).toEqual(JSON.parse(text).steps);
    expect(reader.whole).toBe(true);
  });

  it('stops past the reply size limit, and says so', () => {
    const reader = createStreamedStepReader(20);
    expect(reader.push('{"steps": [{"id": 1}')).toBe(1);
    expect(reader.take()).toEqual([{ id: 1 }]);
    expect(reader.tooLarge).toBeUndefined();
    expect(reader.push(', {"id": 2}')).toBe(0);
    expect(reader.reading).toBe(false);
    expect(reader.tooLarge).toMatchObject({ code: 'plan-too-large', message: expect.stringContaining('the reply is more than 20 bytes') });
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

  it('refuses more steps than planning.maxSteps allows, naming the limit', () => {
    const prefix = createStreamedPlanPrefix(tools, { limits: { maxSteps: 2 } });
    prefix.add([{ id: 1, tool: 'echo_text', args: { value: 'a' } }, { id: 2, tool: 'echo_text', args: { value: 'b' } }]);
    expect(prefix.tooManySteps).toBeUndefined();
    prefix.add([{ id: 3, tool: 'echo_text', args: { value: 'c' } }]);
    expect(prefix.tooManySteps).toEqual({ code: 'too-many-steps', message: 'the plan has more than 2 steps; this pipeline allows at most 2 (planning.maxSteps)' });
    expect(prefix.advance().map((s) => s.id)).toEqual(['1', '2']);
  });

  it('once the reply has ended, finds exactly what compilePlan finds in it, problems word for word', () => {
    const step = (id: number | string, extra: Record<string, unknown> = {}) => ({ id, action: `a${id}`, tool: 'echo_text', args: { value: `v${id}` }, ...extra });
    const plans: unknown[][] = [
      [step(1), step(2, { args: { value: 'after ${steps.1.output}' } }), step(3, { dependsOn: [1, 2] })],
      // Valid as a whole, though step 1 waits for a later one: nothing joins early, the plan is still accepted.
      [step(1, { args: { value: '${steps.2.output}' } }), step(2)],
      [step(1), step(1), step(2, { tool: 'ech_text' })],
      [step(1, { dependsOn: [2] }), step(2, { dependsOn: [1] })],
      [step(1), step(2, { args: { value: '${steps.9.output}' }, dependsOn: ['echo_text'] }), step(3, { args: { value: 3 } })],
      [step(1, { args: { value: 'the output of step 2' } }), step(2), { id: 3, tool: 'llm', args: { prompt: '${steps.1.output.field}' } }],
      [step(1), 'not a step', step(3, { extra: true })],
      [step(1, { args: { value: 'x', ['__proto__']: 1 } })],
      [],
    ];
    for (const steps of plans) {
      const text = JSON.stringify({ steps });
      for (const pieceLength of [1, 7, text.length]) {
        const reply = createStreamedPlanReply(tools);
        for (let i = 0; i < text.length; i += pieceLength) {
          reply.push(text.slice(i, i + pieceLength));
          reply.advance();
        }
        expect(reply.end(text).compiled, text).toEqual(compilePlan(text, tools));
      }
    }
    // A reply text other than the pieces read is compiled as it is, and refused if steps ran that it does not hold.
    const reply = createStreamedPlanReply(tools);
    reply.push(JSON.stringify({ steps: [step(1)] }));
    expect(reply.advance().map((s) => s.id)).toEqual(['1']);
    const other = JSON.stringify({ steps: [step(5)] });
    expect(reply.end(other).compiled).toEqual(compilePlan(other, tools));
    expect(reply.divergence()?.message).toContain('more than one plan');
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
