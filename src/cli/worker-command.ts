// `planexec worker --redis <url>`: run steps that `planexec run` coordinators put on a BullMQ queue,
// until SIGTERM or Ctrl-C. The first signal stops taking steps and lets running ones finish (up to
// --shutdown-grace); the second stops them and puts them back in the queue; the third exits at once.

import { statSync } from 'node:fs';
import path from 'node:path';
import { concurrencyWithinOpenFileLimit } from '../execute/open-file-limit.ts';
import { parseDuration } from '../source/duration.ts';
import { signalAllProcessGroups } from '../tools/process-groups.ts';
import { BackendSettingsError } from '../workers/redis-target.ts';
import { startStepWorker } from '../workers/step-worker.ts';
import { CommandLineError, exitCode, parsePositiveInteger, UsageError } from './cli-io.ts';

interface WorkerFlags {
  readonly redis?: string;
  readonly concurrency?: string;
  readonly queue?: string;
  readonly pipelineDir?: string;
  readonly name?: string;
  readonly lockDuration?: string;
  readonly stalledInterval?: string;
  readonly shutdownGrace?: string;
}

export async function workerCommand(flags: WorkerFlags): Promise<number> {
  const redis = flags.redis ?? process.env.PLANEXEC_REDIS_URL;
  if (!redis) throw new CommandLineError('worker needs --redis <url> (or PLANEXEC_REDIS_URL), e.g. --redis redis://localhost:6379');
  const requested = flags.concurrency === undefined ? 4 : parsePositiveInteger('--concurrency', flags.concurrency);
  const { concurrency, warning } = concurrencyWithinOpenFileLimit(requested);
  if (warning !== undefined) process.stderr.write(`warning: ${warning}\n`);
  const pipelineDir = path.resolve(flags.pipelineDir ?? process.cwd());
  if (!statSync(pipelineDir, { throwIfNoEntry: false })?.isDirectory()) throw new CommandLineError(`--pipeline-dir ${pipelineDir} is not a directory`);
  const lockDurationMs = durationFlag('--lock-duration', flags.lockDuration);
  const stalledIntervalMs = durationFlag('--stalled-interval', flags.stalledInterval);
  const graceMs = durationFlag('--shutdown-grace', flags.shutdownGrace) ?? 30_000;
  const write = (line: string) => process.stderr.write(`${line}\n`);
  const log = (line: string) => write(`${new Date().toISOString().slice(11, 23)} ${line}`);

  let worker: ReturnType<typeof startStepWorker>;
  try {
    worker = startStepWorker({
      redis,
      ...(flags.queue ? { queue: flags.queue } : {}),
      concurrency,
      pipelineDir,
      ...(flags.name ? { name: flags.name } : {}),
      ...(lockDurationMs ? { lockDurationMs } : {}),
      ...(stalledIntervalMs ? { stalledIntervalMs } : {}),
      log: write,
    });
  } catch (error) {
    if (error instanceof BackendSettingsError) throw new UsageError(error.message);
    throw error;
  }
  void worker.ready.catch(() => {});

  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals === 1) {
        const running = worker.running();
        log(`${signal}: taking no more steps${running ? `; letting ${running} running step${running === 1 ? '' : 's'} finish (up to ${graceMs / 1000}s; ${signal} again puts ${running === 1 ? 'it' : 'them'} back in the queue now)` : ''}`);
        worker.shutdown(graceMs).then(resolve, (error: unknown) => {
          log(`error while stopping: ${error instanceof Error ? error.message : String(error)}`);
          resolve();
        });
      } else if (signals === 2) {
        log(`${signal}: stopping running steps and putting them back in the queue`);
        worker.returnRunning();
      } else {
        signalAllProcessGroups('SIGKILL');
        process.exit(exitCode.interrupted);
      }
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  log(`worker ${worker.name} stopped`);
  // Nothing runs any more; a Redis client still trying to reconnect must not keep the process alive.
  setTimeout(() => process.exit(exitCode.ok), 1000).unref();
  return exitCode.ok;
}

function durationFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    const ms = parseDuration(value);
    if (ms <= 0) throw new RangeError('must be more than 0');
    return ms;
  } catch (error) {
    throw new CommandLineError(`${flag} ${error instanceof Error ? error.message.replace(/^invalid duration /, '') : ''}`.trim());
  }
}
