import { describe, expect, it } from 'vitest';
import { callWithRetries, retryDelayMs, type RetryNotice } from '../../src/execute/retry-call.ts';
import type { RetryPolicy } from '../../src/pipeline/types.ts';
import { ToolError, type ToolResult } from '../../src/tools/tool-call.ts';

const policy: RetryPolicy = { attempts: 3, backoffMs: 100, maxBackoffMs: 1000 };

/** A call that fails with the given errors in turn, then succeeds. */
function scripted(errors: Error[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    call: async (): Promise<ToolResult> => {
      calls++;
      const error = errors.shift();
      if (error) throw error;
      return { output: 'ok' };
    },
  };
}

function fakeTiming() {
  const slept: number[] = [];
  return { slept, sleep: async (ms: number) => void slept.push(ms), random: () => 0.5 };
}

describe('retryDelayMs', () => {
  it('doubles per retry, jitters within the upper half, and stays under the cap', () => {
    expect(retryDelayMs(policy, 1, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, () => 0.999999)).toBe(100);
    expect(retryDelayMs(policy, 2, () => 0.5)).toBe(150);
    expect(retryDelayMs(policy, 3, () => 0.5)).toBe(300);
    expect(retryDelayMs(policy, 10, () => 0.999999)).toBe(1000);
    for (let retry = 1; retry <= 12; retry++) {
      for (const r of [0, 0.3, 0.7, 0.999]) {
        const delay = retryDelayMs(policy, retry, () => r);
        const base = Math.min(1000, 100 * 2 ** (retry - 1));
        expect(delay).toBeGreaterThanOrEqual(base / 2);
        expect(delay).toBeLessThanOrEqual(base);
      }
    }
  });

  it('waits at least as long as Retry-After asks, but never beyond maxBackoff', () => {
    expect(retryDelayMs(policy, 1, () => 0, 700)).toBe(700);
    expect(retryDelayMs(policy, 1, () => 0, 3_600_000)).toBe(1000);
  });
});

describe('callWithRetries', () => {
  it('retries transient failures with backoff and reports each retry', async () => {
    const timing = fakeTiming();
    const notices: RetryNotice[] = [];
    const tool = scripted([new ToolError('503', { transient: true }), new ToolError('429', { transient: true, retryAfterMs: 400 })]);
    const result = await callWithRetries(tool.call, policy, { ...timing, signal: new AbortController().signal, onRetry: (n) => notices.push(n) });
    expect(result.output).toBe('ok');
    expect(tool.calls).toBe(3);
    expect(timing.slept).toEqual([75, 400]);
    expect(notices).toEqual([
      { attempt: 1, maxAttempts: 4, delayMs: 75, error: '503' },
      { attempt: 2, maxAttempts: 4, delayMs: 400, error: '429' },
    ]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const timing = fakeTiming();
    const tool = scripted([1, 2, 3, 4, 5].map((n) => new ToolError(`fail ${n}`, { transient: true })));
    await expect(callWithRetries(tool.call, policy, { ...timing, signal: new AbortController().signal })).rejects.toThrow('fail 4');
    expect(tool.calls).toBe(4);
    expect(timing.slept).toHaveLength(3);
  });

  it('does not retry permanent failures, plain errors, or tools without retries', async () => {
    const signal = new AbortController().signal;
    const permanent = scripted([new ToolError('404')]);
    await expect(callWithRetries(permanent.call, policy, { ...fakeTiming(), signal })).rejects.toThrow('404');
    expect(permanent.calls).toBe(1);
    const bug = scripted([new Error('bug')]);
    await expect(callWithRetries(bug.call, policy, { ...fakeTiming(), signal })).rejects.toThrow('bug');
    const noPolicy = scripted([new ToolError('503', { transient: true })]);
    await expect(callWithRetries(noPolicy.call, undefined, { ...fakeTiming(), signal })).rejects.toThrow('503');
    expect(noPolicy.calls).toBe(1);
  });

  it('stops waiting when the step is cancelled', async () => {
    const controller = new AbortController();
    const tool = scripted([new ToolError('503', { transient: true })]);
    const sleep = (_ms: number, signal: AbortSignal) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const pending = callWithRetries(tool.call, policy, { sleep, random: () => 0, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toThrow('cancelled while waiting to retry after: 503');
    expect(tool.calls).toBe(1);
  });
});
