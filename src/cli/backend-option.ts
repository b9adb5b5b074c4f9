// `--backend <redis-url|local>` of run and resume: open the backend the run asks for (flag, else
// execution.backend), or say why it cannot be used: a bad URL is invalid input (exit 2), an
// unreachable Redis ends the command before anything is planned (exit 3).

import type { Pipeline } from '../pipeline/types.ts';
import { openRunBackend } from '../workers/open-backend.ts';
import type { QueueBackend } from '../workers/queue-backend.ts';
import { RedisUnavailableError } from '../workers/redis-readiness.ts';
import { BackendSettingsError } from '../workers/redis-target.ts';
import { exitCode, printError, UsageError } from './cli-io.ts';
import { visibleText } from '../source/visible-text.ts';

/** The connected backend (undefined: in-process), or the exit code when Redis cannot be used. */
export async function openBackendOption(pipeline: Pipeline, flag: string | undefined, cwd: string): Promise<QueueBackend | undefined | number> {
  try {
    return await openRunBackend(pipeline, { cwd, ...(flag !== undefined ? { flag } : {}), onWarning: (message) => process.stderr.write(`warning: ${visibleText(message)}\n`) });
  } catch (error) {
    if (error instanceof BackendSettingsError) throw new UsageError(`--backend / execution.backend: ${error.message}`);
    if (error instanceof RedisUnavailableError) {
      printError(error.message);
      return exitCode.planFailed;
    }
    throw error;
  }
}
