// Where the step queue lives: a redis:// or rediss:// (TLS) URL, checked once where it enters, with
// the password kept out of every message. ioredis reads host, port, user, password, database and
// query options (e.g. ?family=6) from the URL; a password may come from PLANEXEC_REDIS_PASSWORD instead.

import type { ConnectionOptions } from 'bullmq';

/** Read when the URL carries no password, so the password need not be on a command line or in YAML. */
const REDIS_PASSWORD_ENV = 'PLANEXEC_REDIS_PASSWORD';

export const DEFAULT_QUEUE = 'planexec';

interface RedisTarget {
  /** The URL as shown to people: any password replaced by ***. */
  readonly display: string;
  /** BullMQ connection options (ioredis, from the URL). */
  readonly connection: ConnectionOptions;
  /** The password in use, if any, so that it can be redacted wherever text leaves a process. */
  readonly password?: string;
}

/** The URL or queue name is not usable: a problem with what the user asked for (exit 2). */
export class BackendSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendSettingsError';
  }
}

export function redisTarget(url: string, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BackendSettingsError(`"${hidePassword(url)}" is not a URL; expected redis://[user:password@]host[:port][/db] or rediss://… for TLS`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new BackendSettingsError(`expected a redis:// or rediss:// (TLS) URL, got ${parsed.protocol}//…`);
  }
  if (parsed.hostname === '') throw new BackendSettingsError(`the Redis URL ${hidePassword(url)} names no host`);
  const fromUrl = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  const fromEnv = fromUrl === undefined && env[REDIS_PASSWORD_ENV] ? env[REDIS_PASSWORD_ENV] : undefined;
  const password = fromUrl ?? fromEnv;
  return {
    display: hidePassword(url),
    connection: { url, ...(fromEnv ? { password: fromEnv } : {}) },
    ...(password ? { password } : {}),
  };
}

/** A queue name as BullMQ needs it: no ":" (it separates Redis key parts). */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) throw new BackendSettingsError(`queue name "${name}" must be 1–100 letters, digits, "_", "." or "-"`);
  return name;
}

function hidePassword(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}
