// How many attempts one model call may make in all: model.maxRetries + 1, shared by the SDK's retries
// (an HTTP 429/5xx or a failed connection, before the response headers) and planexec's own (a reply
// that breaks off, stalls or is not JSON, after them), with the same backoff the SDK uses.

export class AttemptBudget {
  #left: number;
  #made = 0;
  #retried = 0;

  constructor(maxRetries: number) {
    this.#left = Math.max(0, maxRetries) + 1;
  }

  /** Retries the SDK may make inside the next call. */
  get sdkRetries(): number {
    return Math.max(0, this.#left - 1);
  }

  /** Attempts made so far. */
  get made(): number {
    return this.#made;
  }

  /** A call made `attempts` requests (at least one). */
  spend(attempts: number): void {
    const spent = Math.max(1, attempts);
    this.#made += spent;
    this.#left -= spent;
  }

  /** Whether an attempt is left; if so, the wait before it (the server's retry-after, else backoff). */
  nextDelayMs(headers: Headers | undefined): number | undefined {
    if (this.#left <= 0) return undefined;
    this.#retried += 1;
    return retryAfterMs(headers) ?? backoffMs(this.#retried);
  }
}

/** `retry-after-ms` or `retry-after` (seconds or a date), when within a minute, as the SDK reads them. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  const after = headers?.get('retry-after');
  const value = !Number.isNaN(ms) ? ms : after ? (Number.isNaN(Number.parseFloat(after)) ? Date.parse(after) - Date.now() : Number.parseFloat(after) * 1000) : Number.NaN;
  return Number.isFinite(value) && value >= 0 && value <= 60_000 ? value : undefined;
}

/** 0.5 s, 1 s, 2 s … up to 8 s, less up to a quarter of jitter. */
function backoffMs(retry: number): number {
  return Math.min(500 * 2 ** (retry - 1), 8000) * (1 - Math.random() * 0.25);
}

/** Waits `ms`; an abort ends the wait with the signal's reason. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
