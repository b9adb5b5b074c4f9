import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../src/source/did-you-mean.ts';

describe('closestMatch', () => {
  it('suggests a near miss, counting a swap of two letters as one typo', () => {
    expect(closestMatch('taks', ['version', 'name', 'task', 'tools'])).toBe('task');
    expect(closestMatch('maxstep', ['maxSteps', 'maxRepairs'])).toBe('maxSteps');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closestMatch('tail', ['full', 'tail-only', 'retry-step', 'none'])).toBeUndefined();
    expect(closestMatch('xy', ['name'])).toBeUndefined();
  });
});
