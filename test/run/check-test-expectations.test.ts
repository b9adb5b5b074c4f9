// A pipeline test's expectations against a run's outcome: each broken one is one sentence, in the
// order status, result checks, model calls; a run that holds them all gives none.

import { describe, expect, it } from 'vitest';
import { checkTestExpectations } from '../../src/run/check-test-expectations.ts';

const usage = { llmCalls: 2, promptTokens: 10, completionTokens: 5, replans: 0, stepRuns: 2, reusedSteps: 0 };
const succeeded = (result: string) => ({ status: 'succeeded' as const, result, usage });

describe('checkTestExpectations', () => {
  it('passes a run that meets every check', () => {
    expect(
      checkTestExpectations(
        { status: 'succeeded', result: { equals: '{"a": 1}', contains: ['"a"'], matches: '^\\{', jsonSchema: { type: 'object', required: ['a'] } }, maxLlmCalls: 2 },
        succeeded('{"a": 1}\n'),
      ),
    ).toEqual([]);
  });

  it('names each broken check', () => {
    expect(
      checkTestExpectations(
        { status: 'succeeded', result: { equals: 'line 1\nline 2', matches: '^line 3', jsonSchema: { type: 'array' } }, maxLlmCalls: 1 },
        succeeded('line 1\nline two'),
      ),
    ).toEqual([
      'the result is not the expected text: they differ from line 2 on: expected "2", got "two"',
      'the result does not match /^line 3/',
      'the result is not JSON (Unexpected token \'l\', "line 1\nline two" is not valid JSON), so jsonSchema cannot accept it',
      'the run made 2 model calls, expected at most 1',
    ]);
    expect(checkTestExpectations({ status: 'succeeded', result: { jsonSchema: { type: 'object', required: ['labels'] } } }, succeeded('{}'))).toEqual([
      "the result breaks jsonSchema: the value must have required property 'labels'",
    ]);
  });

  it('a run that ended otherwise than expected says how, with the first line of its error', () => {
    expect(checkTestExpectations({ status: 'succeeded', result: { contains: ['x'] } }, { status: 'failed', error: 'step 2 failed: boom\nmore', usage })).toEqual([
      'the run ended failed, expected succeeded: step 2 failed: boom',
    ]);
    expect(checkTestExpectations({ status: 'failed' }, { status: 'failed', error: 'step 2 failed', usage })).toEqual([]);
  });
});
