import { describe, expect, it } from 'vitest';
import { compilePlan, type PlanProblem } from '../../src/index.ts';
import { testTools } from '../support/tools.ts';

function problemsOf(plan: unknown, options = {}): PlanProblem[] {
  const result = compilePlan(typeof plan === 'string' ? plan : JSON.stringify(plan), testTools, options);
  if (result.ok) throw new Error('expected the plan to be rejected');
  return [...result.problems];
}

function messagesOf(plan: unknown, options = {}): string[] {
  return problemsOf(plan, options).map((p) => p.message);
}

const commits = { id: 1, action: 'List commits', tool: 'list_commits', args: { since: 'v1.0.0' } };

describe('compilePlan accepts', () => {
  it('the seed shape (id, action, tool, args) with numeric ids and builds edges from references', () => {
    const result = compilePlan(
      JSON.stringify({ steps: [commits, { id: 2, action: 'Draft notes', tool: 'llm', args: { prompt: 'Group: ${steps.1.output}' } }] }),
      testTools,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph.order).toEqual(['1', '2']);
    expect(result.graph.byId.get('2')!.needs).toEqual(['1']);
    expect(result.graph.criticalPathLength).toBe(2);
    expect(result.graph.lastStepId).toBe('2');
    expect(Object.isFrozen(result.graph.steps)).toBe(true);
  });

  it('a plan wrapped in prose and a ```json fence, with string ids and dependsOn', () => {
    const reply = 'Sure! Here is the plan:\n```json\n{"steps":[{"id":"a","tool":"repo_stats","args":{}},{"id":"b","tool":"llm","args":{"prompt":"files: ${steps.a.output.files}"},"dependsOn":["a"]}]}\n```\nGood luck.';
    const result = compilePlan(reply, testTools);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.graph.byId.get('b')!.references[0]).toMatchObject({ stepId: 'a', path: ['files'] });
  });

  it('independent steps at level 0 and a join after them', () => {
    const result = compilePlan(
      { steps: [commits, { id: 2, tool: 'repo_stats', args: {} }, { id: 3, tool: 'llm', args: { prompt: '${steps.1.output} ${steps.2.output}' } }] },
      testTools,
    );
    expect(result.ok && result.graph.steps.map((s) => s.level)).toEqual([0, 0, 1]);
  });
});

describe('compilePlan rejects, with the message a user sees', () => {
  it('a reply that is not JSON', () => {
    expect(messagesOf('I cannot help with that.')).toEqual(['the reply contains no JSON object; expected {"steps": [...]}']);
  });

  it('truncated JSON, saying where it broke', () => {
    expect(messagesOf('{"steps":[{"id":1,"tool":"llm","args":{"prompt":"abc')).toEqual([
      "the reply's JSON is truncated: the object opened at line 1, column 1 never closes (the reply ends after 52 characters); send the whole plan",
    ]);
  });

  it('a plan that is not an object with steps', () => {
    expect(messagesOf([commits])).toEqual(['the plan must be a JSON object {"steps": [...]}, got a JSON array']);
  });

  it('an empty plan', () => {
    expect(messagesOf({ steps: [] })).toEqual(['the plan has no steps']);
  });

  it('a missing tool, a wrong type and an extra key', () => {
    expect(messagesOf({ steps: [{ id: 1, args: {} }, { id: 2, tool: 'llm', args: 'x' }, { id: 3, tool: 'llm', args: { prompt: 'x' }, thought: 'hmm' }] })).toEqual([
      'step 1: missing "tool"',
      'step 2: "args" must be object',
      'step 3: unknown field "thought" (a step has: id, action, tool, args, dependsOn)',
    ]);
  });

  it('duplicate ids, numbers and strings alike', () => {
    expect(messagesOf({ steps: [commits, { id: '1', tool: 'repo_stats', args: {} }] })).toEqual([
      'duplicate step id 1: steps #1 and #2 both use it; ids must be unique',
    ]);
  });

  it('an unknown tool, suggesting the closest declared name', () => {
    expect(messagesOf({ steps: [{ id: 1, tool: 'list_comits', args: { since: 'v1' } }] })).toEqual([
      'step 1: unknown tool "list_comits" (did you mean "list_commits"? declared tools: list_commits, repo_stats, llm)',
    ]);
  });

  it('arguments that break the tool schema, naming the argument', () => {
    expect(messagesOf({ steps: [{ id: 1, tool: 'list_commits', args: { sinc: 'v1', limit: 'ten' } }] })).toEqual([
      'step 1 (list_commits): missing required argument "since"',
      'step 1 (list_commits): unknown argument "sinc" (did you mean "since"? declared: since, limit)',
      'step 1 (list_commits): argument "limit" must be integer, got string',
    ]);
  });

  it('references to a missing step, to itself, and a path into non-json output', () => {
    expect(
      messagesOf({
        steps: [
          commits,
          { id: 2, tool: 'llm', args: { prompt: '${steps.9.output} ${steps.2.output} ${steps.1.output.subject}' } },
        ],
      }),
    ).toEqual([
      'step 2 (llm): ${steps.9.output} refers to step 9, but the plan has no step 9 (steps: 1, 2)',
      "step 2 (llm): ${steps.2.output} refers to this step's own output",
      'step 2: ${steps.1.output.subject} reads a field, but step 1\'s tool "list_commits" gives lines output, not json; use ${steps.1.output}',
    ]);
  });

  it('a malformed reference and a dangling dependsOn', () => {
    expect(messagesOf({ steps: [commits, { id: 2, tool: 'llm', args: { prompt: '${steps.1.result}' }, dependsOn: [7] }] })).toEqual([
      'step 2 (llm): "${steps.1.result}" is not a valid reference; write ${steps.<id>.output} or ${steps.<id>.output.<field>}',
      'step 2 (llm): dependsOn 7, but the plan has no step 7',
    ]);
  });

  it('a cycle, spelled out', () => {
    expect(
      messagesOf({
        steps: [
          { id: 3, tool: 'llm', args: { prompt: '${steps.5.output}' } },
          { id: 5, tool: 'llm', args: { prompt: '${steps.3.output}' } },
        ],
      }),
    ).toEqual(['cycle: 3 → 5 → 3 (each step needs the output of the one before it, so none can start)']);
  });

  it('a longer cycle through dependsOn, in data-flow order', () => {
    const problems = problemsOf({
      steps: [
        { id: 1, tool: 'llm', args: { prompt: 'a' }, dependsOn: [3] },
        { id: 2, tool: 'llm', args: { prompt: 'b' }, dependsOn: [1] },
        { id: 3, tool: 'llm', args: { prompt: 'c' }, dependsOn: [2] },
      ],
    });
    expect(problems.map((p) => p.message)).toEqual(['cycle: 1 → 2 → 3 → 1 (each step needs the output of the one before it, so none can start)']);
  });

  it('more steps than planning.maxSteps', () => {
    const steps = Array.from({ length: 4 }, (_, i) => ({ id: i + 1, tool: 'repo_stats', args: {} }));
    expect(messagesOf({ steps }, { limits: { maxSteps: 3 } })).toEqual(['the plan has 4 steps; this pipeline allows at most 3 (planning.maxSteps)']);
  });

  it('arguments that are too large or nested too deep', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    const tool = 'llm';
    expect(
      messagesOf(
        { steps: [{ id: 1, tool, args: { prompt: 'x'.repeat(2000) } }, { id: 2, tool, args: { prompt: 'x', deep } }] },
        { limits: { maxArgumentBytes: 1000 } },
      ),
    ).toEqual([
      'step 1 (llm): the arguments are 2013 bytes; at most 1000 are allowed',
      'step 2 (llm): the arguments nest 21 levels deep; at most 16 are allowed',
    ]);
  });

  it('reports every problem of a plan at once, in plan order', () => {
    const problems = problemsOf({
      steps: [
        { id: 1, tool: 'list_comits', args: { since: 'v1' } },
        { id: 2, tool: 'llm', args: { prompt: '${steps.3.output}' } },
        { id: 3, tool: 'llm', args: { prompt: '${steps.2.output}', extra: true } },
        { id: 4, tool: 'list_commits', args: {} },
      ],
    });
    expect(problems.map((p) => [p.stepId, p.code])).toEqual([
      ['1', 'unknown-tool'],
      ['2', 'cycle'],
      ['3', 'unknown-argument'],
      ['4', 'missing-argument'],
    ]);
  });

  it('accepts a whole-string reference where the schema wants another type (checked again at run time)', () => {
    const result = compilePlan({ steps: [{ id: 1, tool: 'repo_stats', args: {} }, { id: 2, tool: 'list_commits', args: { since: 'v1', limit: '${steps.1.output.files}' } }] }, testTools);
    expect(result.ok).toBe(true);
  });
});
