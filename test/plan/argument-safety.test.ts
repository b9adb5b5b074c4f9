import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../src/index.ts';
import { checkPlanStructure, checkReplySize } from '../../src/plan/check-plan-input.ts';
import { findOptionLike, optionPositions } from '../../src/tools/kinds/command/option-injection.ts';
import { commandTool, llmTool } from '../support/tools.ts';

const git = commandTool('git_log', ['git', 'log', '--format=%s', '{{args.ref}}', '-n', '{{args.count}}', '--', '{{args.path}}'], {
  args: { type: 'object', properties: { ref: { type: 'string' }, count: { type: 'integer' }, path: { type: 'string' } } },
});

describe('option injection', () => {
  it('is looked for where a value starts an argument, before the first literal --', () => {
    expect(optionPositions(git)).toEqual([1, 3, 5]);
    expect(findOptionLike(git, { ref: 'main', count: -5 })).toEqual({ name: 'count', value: '-5' });
    expect(findOptionLike(git, { ref: 'main', path: '-weird-file' })).toBeUndefined();
  });

  it('is reported by the compiler for the model to fix', () => {
    const result = compilePlan({ steps: [{ id: 1, tool: 'git_log', args: { ref: '--output=/tmp/x' } }] }, [git, llmTool]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.code)).toEqual(['option-like-argument']);
  });
});

describe('plan input limits', () => {
  it('size the reply in UTF-8 bytes', () => {
    expect(checkReplySize('é'.repeat(10), 20)).toBeUndefined();
    expect(checkReplySize('é'.repeat(11), 20)?.message).toContain('the reply is 22 bytes; a plan may be at most 20 bytes (planning.maxPlanBytes)');
  });

  it('stop walking at the depth limit, and name forbidden keys with their step', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkPlanStructure({ steps: [{ id: 1, args: { deep } }] }, 64).map((p) => p.code)).toEqual(['plan-too-deep']);
    const plan = JSON.parse('{"steps":[{"id":"a","args":{"x":{"prototype":1}}}]}');
    expect(checkPlanStructure(plan, 64)).toEqual([{ code: 'forbidden-key', stepId: 'a', message: 'step a: "prototype" is not allowed as a key (at steps[0].args.x.prototype): it could reach an object\'s prototype; use another name' }]);
  });
});
