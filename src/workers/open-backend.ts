// The backend a run uses: `--backend <url|local>` if given, else the pipeline's (or config's)
// execution.backend; in-process when neither names one.

import type { Pipeline } from '../pipeline/types.ts';
import type { QueueBackend } from './queue-backend.ts';

interface OpenBackendOptions {
  /** The --backend flag: a redis:// URL, or "local". */
  readonly flag?: string;
  /** Where the run starts: jobs name the pipeline relative to it. */
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly onWarning?: (message: string) => void;
}

/** The queue backend the run asks for, connected; undefined for in-process. Throws RedisUnavailableError or BackendSettingsError. */
export async function openRunBackend(pipeline: Pipeline, options: OpenBackendOptions): Promise<QueueBackend | undefined> {
  const configured = pipeline.execution.backend;
  if (options.flag === 'local') return undefined;
  const redis = options.flag ?? (configured?.kind === 'bullmq' ? configured.redis : undefined);
  if (redis === undefined) return undefined;
  const queue = configured?.kind === 'bullmq' ? configured.queue : undefined;
  // bullmq and ioredis are loaded only when a run uses them.
  const { openQueueBackend } = await import('./queue-backend.ts');
  return openQueueBackend({
    redis,
    ...(queue ? { queue } : {}),
    pipeline,
    projectDir: options.cwd,
    ...(options.env ? { env: options.env } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
}
