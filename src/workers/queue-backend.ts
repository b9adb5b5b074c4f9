// The coordinator's side of execution.backend bullmq: each tool call of a ready step becomes a BullMQ
// job, and its outcome comes back through the queue's event stream. Scheduling, references, argument
// checks, retries, events and the run store stay with the coordinator; `llm` steps run here too, on
// the run's metered, budgeted and redacted client.

import { Queue, QueueEvents, QueueEventsProducer, type Job, type QueueEventsListener } from 'bullmq';
import type { StepBackend } from '../execute/step-backend.ts';
import { type ToolRunner, ToolError, type ToolResult } from '../tools/tool-call.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { runTool } from '../tools/run-tool.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { connectWithDeadline, describeRedisError, RedisUnavailableError } from './redis-readiness.ts';
import { BackendSettingsError, checkQueueName, DEFAULT_QUEUE, redisTarget } from './redis-target.ts';
import { CANCEL_EVENT, jobPipelinePath, portablePipelineHash, STEP_JOB_FORMAT, stepJobId, type StepJobData, type StepJobResult } from './step-job.ts';

export { RedisUnavailableError } from './redis-readiness.ts';

const PROBE_EVENT = 'planexec-probe' as const;

/** Finished jobs are removed by the coordinator once it has the outcome; these bound what is left behind by a coordinator that died. */
const KEEP_FINISHED = { age: 24 * 60 * 60 };
/** How often waits are checked against the job itself, in case an event was missed (trimmed from a long stream). */
const RECHECK_MS = 5_000;

interface QueueBackendOptions {
  readonly redis: string;
  readonly queue?: string;
  readonly pipeline: Pipeline;
  /** The directory the job names the pipeline relative to; workers use the same one (--pipeline-dir, default their cwd). */
  readonly projectDir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** How long opening may wait for Redis; default 5 s. */
  readonly connectTimeoutMs?: number;
  readonly onWarning?: (message: string) => void;
}

export interface QueueBackend extends StepBackend {
  /** The queue's name and the Redis URL (password hidden), for messages. */
  readonly where: string;
}

interface Waiter {
  readonly since: number;
  /** The job is in Redis (added, or found when re-attaching). */
  queued: boolean;
  readonly resolve: (result: StepJobResult) => void;
  readonly reject: (error: ToolError) => void;
}

/** Opens the queue and its event stream; throws RedisUnavailableError when Redis cannot be reached in time. */
export async function openQueueBackend(options: QueueBackendOptions): Promise<QueueBackend> {
  const target = redisTarget(options.redis, options.env);
  const queueName = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const pipelinePath = jobPipelinePath(options.pipeline.file, options.projectDir);
  if (pipelinePath === undefined) {
    throw new BackendSettingsError(`${options.pipeline.displayPath} lies outside ${options.projectDir}; to run its steps on workers, start the run from a directory that contains it (workers find the pipeline by its path relative to their --pipeline-dir)`);
  }
  const pipelineHash = portablePipelineHash(options.pipeline, options.projectDir);
  const where = `queue "${queueName}" on ${target.display}`;

  // Connection trouble after opening is retried by ioredis with backoff; waiting calls go on when Redis is back.
  let lastTrouble = '';
  let opened = false;
  const onError = (error: Error) => {
    const message = describeRedisError(error);
    if (opened && message !== lastTrouble) options.onWarning?.(`Redis at ${target.display}: ${message}; retrying`);
    lastTrouble = message;
  };
  // The queue first: a connection that never came up is closed at once, which is not so for QueueEvents.
  const queue = new Queue<StepJobData, StepJobResult>(queueName, { connection: target.connection });
  queue.on('error', onError);
  try {
    await connectWithDeadline([queue], target.display, options.connectTimeoutMs ?? 5_000);
  } catch (error) {
    await queue.close().catch(() => {});
    throw error;
  }
  const events = new QueueEvents<StepJobResult>(queueName, { connection: target.connection });
  const producer = new QueueEventsProducer(queueName, { connection: target.connection });
  events.on('error', onError);
  producer.on('error', onError);
  const closeAll = async () => {
    await Promise.allSettled([queue.close(), events.close(), producer.close()]);
  };
  try {
    await connectWithDeadline([events, producer], target.display, options.connectTimeoutMs ?? 5_000);
    await eventsFlowing(events, producer);
  } catch (error) {
    await closeAll();
    throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(`cannot use Redis at ${target.display}: ${messageOf(error)}`);
  }
  opened = true;

  const waiters = new Map<string, Waiter>();
  const settle: Settle = (jobId, outcome) => {
    const waiter = waiters.get(jobId);
    if (!waiter) return;
    waiters.delete(jobId);
    if ('result' in outcome) waiter.resolve(outcome.result);
    else waiter.reject(outcome.error);
    // The outcome is the run's now (events, run store): the job has served its purpose.
    void queue.remove(jobId).catch(() => {});
  };
  events.on('completed', ({ jobId, returnvalue }) => settle(jobId, { result: returnvalue }));
  events.on('failed', ({ jobId, failedReason }) => settle(jobId, { error: failureOf(failedReason) }));
  const waiting: Waiting = { queue, producer, waiters, settle, cancels: new Set() };
  const recheck = setInterval(() => void recheckOldWaits(waiting), RECHECK_MS);
  recheck.unref();

  const noWorkers = await queue.getWorkersCount().then((count) => count === 0, () => false);
  if (noWorkers) options.onWarning?.(`no worker is connected to ${where}; steps wait in the queue until one starts (planexec worker --redis <url>${queueName === DEFAULT_QUEUE ? '' : ` --queue ${queueName}`})`);

  const attempts = new Map<string, number>();
  const runToolFor = (runId: string): ToolRunner => async (tool, args, context) => {
    // The model client is the run's own (metered, budgeted, redacted): llm steps stay here.
    if (!toolKindOf(tool).runsOnWorker) return runTool(tool, args, context);
    if (!context.step) throw new Error('internal: a tool call reached the queue backend without its step');
    const key = `${runId}.${context.step.planNumber}.${context.step.stepId}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const data: StepJobData = {
      format: STEP_JOB_FORMAT,
      runId,
      planNumber: context.step.planNumber,
      stepId: context.step.stepId,
      attempt,
      pipeline: pipelinePath,
      pipelineHash,
      tool: tool.name,
      args,
    };
    return resultOf(await callOnWorker(waiting, data, context.signal));
  };

  return {
    where,
    runToolFor,
    close: async () => {
      clearInterval(recheck);
      for (const [jobId] of waiters) settle(jobId, { error: new ToolError(`the connection to ${where} was closed before the step finished`) });
      // Cancelled steps are told to stop before the connections go (a Ctrl-C run exits right after).
      await Promise.race([Promise.allSettled(waiting.cancels), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await closeAll();
    },
  };
}

interface Waiting {
  readonly queue: Queue<StepJobData, StepJobResult>;
  readonly producer: QueueEventsProducer;
  readonly waiters: Map<string, Waiter>;
  readonly settle: Settle;
  /** Cancellations on their way to Redis; closing waits for them. */
  readonly cancels: Set<Promise<void>>;
}

type Settle = (jobId: string, outcome: { result: StepJobResult } | { error: ToolError }) => void;

/** Adds the job (or finds it, when a resumed run asks again) and waits for its outcome or the step's cancellation. */
function callOnWorker({ queue, producer, waiters, settle, cancels }: Waiting, data: StepJobData, signal: AbortSignal): Promise<StepJobResult> {
  const jobId = stepJobId(data);
  return new Promise<StepJobResult>((resolve, reject) => {
    if (signal.aborted) return reject(new ToolError('cancelled before the step was queued'));
    const onAbort = () => {
      waiters.delete(jobId);
      reject(new ToolError('cancelled'));
      // A job still waiting is removed; a running one is stopped by its worker (best effort).
      const reason = typeof signal.reason === 'string' ? signal.reason : 'cancelled';
      const cancel = (async () => {
        const removed = await queue.remove(jobId).catch(() => 0);
        if (removed !== 1) await producer.publishEvent({ eventName: CANCEL_EVENT, jobId, reason });
      })().catch(() => {});
      cancels.add(cancel);
      void cancel.finally(() => cancels.delete(cancel));
    };
    const done = () => signal.removeEventListener('abort', onAbort);
    // Listening before adding, so an outcome that comes back at once is not missed.
    waiters.set(jobId, {
      since: Date.now(),
      queued: false,
      resolve: (result) => (done(), resolve(result)),
      reject: (error) => (done(), reject(error)),
    });
    signal.addEventListener('abort', onAbort, { once: true });
    void enqueue().catch((error: unknown) => {
      if (!waiters.delete(jobId)) return;
      done();
      reject(new ToolError(`could not queue the step on ${queue.name}: ${messageOf(error)}`, { transient: true }));
    });
  });

  async function enqueue(): Promise<void> {
    const existing = await queue.getJob(jobId);
    const finished = existing ? finishedOutcome(existing) : undefined;
    // A resumed run asks for a call it made before: take an outcome it had, or wait for the call still in flight.
    if (finished && 'result' in finished && finished.result.ok) return settle(jobId, finished);
    if (!existing || finished) {
      // New, or an earlier try that failed or was cancelled: run it (again).
      if (existing) await existing.remove();
      await queue.add(data.tool, data, { jobId, attempts: 1, removeOnComplete: KEEP_FINISHED, removeOnFail: KEEP_FINISHED });
    }
    const waiter = waiters.get(jobId);
    if (waiter) waiter.queued = true;
  }
}

function finishedOutcome(job: Job<StepJobData, StepJobResult>): { result: StepJobResult } | { error: ToolError } | undefined {
  if (!job.finishedOn) return undefined;
  if (job.failedReason) return { error: failureOf(job.failedReason) };
  return { result: job.returnvalue };
}

async function recheckOldWaits({ queue, waiters, settle }: Waiting) {
  const old = [...waiters].filter(([, waiter]) => waiter.queued && Date.now() - waiter.since > RECHECK_MS).slice(0, 100);
  for (const [jobId] of old) {
    try {
      const state = await queue.getJobState(jobId);
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
      const job = await queue.getJob(jobId);
      const finished = job ? finishedOutcome(job) : { error: new ToolError('the step\'s job disappeared from the queue (removed, or Redis lost its data)') };
      if (finished && waiters.has(jobId)) settle(jobId, finished);
    } catch {
      return; // Redis is away; the next round tries again.
    }
  }
}

function resultOf(result: StepJobResult): ToolResult {
  if (result.ok) return { output: result.output, ...(result.note ? { note: result.note } : {}), worker: result.worker };
  throw new ToolError(result.error, {
    ...(result.transient ? { transient: true } : {}),
    ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
    ...(result.timedOut ? { timedOut: true } : {}),
    worker: result.worker,
  });
}

/** A job that failed as a job: refused by its worker, or given up after its workers kept stopping. */
function failureOf(reason: string): ToolError {
  if (/stalled more than allowable limit/.test(reason)) {
    return new ToolError('the worker running this step stopped (killed, lost or blocked) more often than allowed; the step is not run again');
  }
  return new ToolError(reason);
}

interface ProbeListener extends QueueEventsListener {
  [PROBE_EVENT]: (args: { token?: string }, id: string) => void;
}

/** Waits until the event stream is read continuously: a probe published now comes back. */
async function eventsFlowing(events: QueueEvents<StepJobResult>, producer: QueueEventsProducer): Promise<void> {
  const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  let seen = false;
  const onProbe = (args: { token?: string }) => {
    if (args.token === token) seen = true;
  };
  events.on<ProbeListener, typeof PROBE_EVENT>(PROBE_EVENT, onProbe);
  try {
    const deadline = Date.now() + 5_000;
    // The first read starts from "now", so probes sent before it are not seen: send until one is.
    while (!seen) {
      if (Date.now() > deadline) throw new Error('the queue\'s event stream could not be read');
      await producer.publishEvent({ eventName: PROBE_EVENT, token }, 100);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    events.off<ProbeListener, typeof PROBE_EVENT>(PROBE_EVENT, onProbe);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
