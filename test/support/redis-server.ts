// A real redis-server for tests: started on a free port of 127.0.0.1 with a temp directory and no
// persistence, stopped afterwards. Needs the `redis-server` program (Debian: apt-get install redis-server);
// without it the tests that need Redis are skipped, unless PLANEXEC_REQUIRE_REDIS=1 (CI) makes them fail.

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** $REDIS_SERVER, else `redis-server`. */
const program = process.env.REDIS_SERVER ?? 'redis-server';

/** Where the redis-server program is (a path, or the first match on PATH), or undefined when there is none. */
export function findRedisServer(): string | undefined {
  const candidates = program.includes('/') ? [program] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, program));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** PLANEXEC_REQUIRE_REDIS=1: the tests that need Redis run even without redis-server, and so fail. */
export const redisRequired = process.env.PLANEXEC_REQUIRE_REDIS === '1';

/** Whether the tests that need Redis run (`describe.runIf(redisTestsRun)`); when not, they are reported as skipped. */
export const redisTestsRun = redisRequired || findRedisServer() !== undefined;

/** The one line a run prints when it skips them (test/support/announce-redis.ts). */
export const redisSkipNotice = `no ${program} on PATH: the tests that need Redis are skipped (to run them: apt-get install redis-server)`;

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Answers PING with PONG within the deadline, or rejects. */
export async function waitForRedis(port: number, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await ping(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${deadlineMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-redis-'));
  const child: ChildProcess = spawn(program, ['--port', String(chosen), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start ${program} (install Debian's redis-server package): ${error.message}`)));
    void exited.then(() => reject(new Error(`${program} exited at start (port ${chosen} taken?)`)));
  });
  try {
    await Promise.race([waitForRedis(chosen), failed]);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  failed.catch(() => {});
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
