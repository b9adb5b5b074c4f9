// Whether Redis answers: a coordinator gives up quickly with a clear message (nothing has run yet),
// while a worker keeps retrying with backoff and says so once per kind of trouble.

/** Redis could not be reached or refused us; `planexec run` exits 3. */
export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/** A BullMQ Queue, QueueEvents, QueueEventsProducer or Worker: each owns connections. */
interface RedisPart {
  waitUntilReady(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Resolves when every part is connected; rejects with RedisUnavailableError when a part failed to
 * connect twice (ioredis retries about once a second) or `timeoutMs` passed.
 */
export async function connectWithDeadline(parts: readonly RedisPart[], display: string, timeoutMs: number): Promise<void> {
  const failures = new Map<RedisPart, number>();
  let lastError: Error | undefined;
  const listeners = new Map<RedisPart, (error: Error) => void>();
  try {
    await new Promise<void>((resolve, reject) => {
      const giveUp = () => reject(new RedisUnavailableError(`cannot reach Redis at ${display}: ${lastError ? describeRedisError(lastError) : `no answer within ${timeoutMs / 1000}s`}`));
      const timer = setTimeout(giveUp, timeoutMs);
      for (const part of parts) {
        const listener = (error: Error) => {
          lastError = error;
          const count = (failures.get(part) ?? 0) + 1;
          failures.set(part, count);
          if (count >= 2) giveUp();
        };
        listeners.set(part, listener);
        part.on('error', listener);
      }
      Promise.all(parts.map((part) => part.waitUntilReady())).then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          lastError = error instanceof Error ? error : new Error(String(error));
          giveUp();
        },
      );
    });
  } finally {
    for (const [part, listener] of listeners) part.off('error', listener);
  }
}

/** The error in words, with what to check. */
export function describeRedisError(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const message = error.message;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) return 'connection refused (is redis-server running and listening there?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(message)) return 'host not found';
  if (code === 'ETIMEDOUT' || /ETIMEDOUT/.test(message)) return 'connection timed out';
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(message)) return `authentication failed (${message}); check the password in the URL or PLANEXEC_REDIS_PASSWORD`;
  if (/could not load the optional 'ioredis'/.test(message)) return 'the ioredis package is not installed (npm install ioredis)';
  return message;
}
