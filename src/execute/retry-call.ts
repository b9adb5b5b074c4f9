// Retries of one step's tool call after transient failures (HTTP 429/5xx, network errors, exit codes
// a command declares in retryOn), with exponential backoff and jitter, before replanning is involved.
// The wait and the randomness are injected, so tests need no sleeps.

import { setTimeout as delay } from 'node:timers/promises';
import type { RetryPolicy } from '../pipeline/types.ts';
import { ToolError, type ToolResult } from '../tools/tool-call.ts';

export interface RetryTiming {
  /** Waits `ms`; rejects when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for jitter. */
  readonly random: () => number;
}

export const realTiming: RetryTiming = {
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  random: Math.random,
};

export interface RetryNotice {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** Most attempts the call gets (the first plus the retries). */
  readonly maxAttempts: number;
  readonly delayMs: number;
  readonly error: string;
}

/**
 * Delay before retry number `retry` (from 1): the backoff doubled per earlier retry, capped, then
 * "equal jitter" (somewhere in its upper half), and never shorter than a server's Retry-After
 * (which is capped too, so a server cannot park a step for an hour).
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random: () => number, retryAfterMs?: number): number {
  const base = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (retry - 1));
  const jittered = base / 2 + (random() * base) / 2;
  return Math.round(Math.min(policy.maxBackoffMs, Math.max(jittered, retryAfterMs ?? 0)));
}

export async function callWithRetries(
  call: () => Promise<ToolResult>,
  policy: RetryPolicy | undefined,
  options: RetryTiming & { readonly signal: AbortSignal; readonly onRetry?: (notice: RetryNotice) => void },
): Promise<ToolResult> {
  const maxAttempts = 1 + (policy?.attempts ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retryable = error instanceof ToolError && error.transient && policy !== undefined && attempt < maxAttempts && !options.signal.aborted;
      if (!retryable) throw error;
      const delayMs = retryDelayMs(policy, attempt, options.random, error.retryAfterMs);
      options.onRetry?.({ attempt, maxAttempts, delayMs, error: error.message });
      try {
        await options.sleep(delayMs, options.signal);
      } catch {
        throw new ToolError(`cancelled while waiting to retry after: ${error.message}`);
      }
    }
  }
}
