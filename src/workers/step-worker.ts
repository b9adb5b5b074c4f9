// A worker's side of execution.backend bullmq: take step jobs from the queue and run them with the
// same tool runners and limits as the local executor, after checking each job against the worker's
// own copy of the pipeline (content hash, declared tool, argument schema). A job that fails those
// checks is refused, never run.

import { hostname } from 'node:os';
import { QueueEvents, UnrecoverableError, WaitingError, Worker, type Job, type QueueEventsListener } from 'bullmq';
import type { LlmClient } from '../llm/types.ts';
import { checkArguments } from '../plan/check-arguments.ts';
import { runTool } from '../tools/run-tool.ts';
import { ToolError, type ToolContext } from '../tools/tool-call.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { visibleText } from '../source/visible-text.ts';
import { describeRedisError } from './redis-readiness.ts';
import { checkQueueName, DEFAULT_QUEUE, redisTarget } from './redis-target.ts';
import { CANCEL_EVENT, STEP_JOB_FORMAT, type StepJobData, type StepJobResult } from './step-job.ts';
import { JobRefusal, workerPipelines } from './worker-pipelines.ts';

interface StepWorkerOptions {
  readonly redis: string;
  readonly queue?: string;
  /** Steps this worker runs at once; default 4. */
  readonly concurrency?: number;
  /** Where the pipelines named by jobs are (the coordinators' project directory); commands run here too. */
  readonly pipelineDir: string;
  /** Shown in events as the step's worker; default host-pid. */
  readonly name?: string;
  /** How long a step's lock lasts without renewal before another worker may take the step over (BullMQ lockDuration); default 30 s. */
  readonly lockDurationMs?: number;
  /** How often this worker looks for steps whose worker stopped (BullMQ stalledInterval); default 30 s. */
  readonly stalledIntervalMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** One line of the worker's log. */
  readonly log: (line: string) => void;
}

interface StepWorker {
  readonly name: string;
  /** Resolves once connected to Redis (it keeps retrying until then). */
  readonly ready: Promise<void>;
  /** Steps running now. */
  readonly running: () => number;
  /** Stop taking steps and wait for the running ones; after `graceMs` (or returnRunning) they are stopped and put back in the queue. */
  readonly shutdown: (graceMs: number) => Promise<void>;
  /** Stop the running steps now and put them back in the queue for another worker. */
  readonly returnRunning: () => void;
}

const noModel: LlmClient = {
  complete: () => Promise.reject(new ToolError('llm steps run on the coordinator, not on workers')),
};

interface CancelListener extends QueueEventsListener {
  [CANCEL_EVENT]: (args: { jobId?: string; reason?: string }, id: string) => void;
}

export function startStepWorker(options: StepWorkerOptions): StepWorker {
  const env = options.env ?? process.env;
  const target = redisTarget(options.redis, env);
  const queueName = checkQueueName(options.queue ?? DEFAULT_QUEUE);
  const name = options.name ?? `${hostname()}-${process.pid}`;
  const pipelines = workerPipelines(options.pipelineDir, env, target.password ? [target.password] : []);
  const running = new Set<string>();
  let returning = false;
  // Job fields and tool errors are not trusted: no control character reaches the log.
  const log = (line: string) => options.log(`${new Date().toISOString().slice(11, 23)} ${visibleText(line)}`);

  const processStep = async (job: Job<StepJobData, StepJobResult>, token?: string, signal?: AbortSignal): Promise<StepJobResult> => {
    const data = jobData(job.data);
    const label = `run ${data.runId} step ${data.stepId} (${data.tool})`;
    const startedAt = Date.now();
    running.add(job.id!);
    try {
      const { pipeline, redactor } = await pipelines.get(data.pipeline, data.pipelineHash);
      const tool = pipeline.tools.find((candidate) => candidate.name === data.tool);
      if (!tool) throw new JobRefusal(`its copy of ${data.pipeline} declares no tool "${data.tool}"`);
      if (!toolKindOf(tool).runsOnWorker) throw new JobRefusal(`${tool.kind} steps run on the coordinator`);
      const problems = checkArguments(`step ${data.stepId} (${data.tool})`, data.stepId, tool, data.args);
      if (problems.length > 0) throw new JobRefusal(`the arguments do not match the tool's schema: ${problems.map((p) => p.message).join('; ')}`);
      if ('idempotent' in tool && tool.idempotent === false && job.attemptsStarted > 1) {
        log(`${label} not run again: it was interrupted on another worker and its tool is marked idempotent: false`);
        return {
          ok: false,
          worker: name,
          error: `the step was interrupted when the worker running it stopped, and tool "${tool.name}" is marked idempotent: false, so it is not run again`,
        };
      }
      const context: ToolContext = {
        signal: signal ?? new AbortController().signal,
        cwd: options.pipelineDir,
        llm: noModel,
        model: pipeline.model,
        maxOutputBytes: pipeline.execution.maxOutputBytes,
        timeoutMs: pipeline.execution.stepTimeoutMs,
        writable: pipeline.writable,
        env,
        ...(redactor.active ? { redactor } : {}),
      };
      try {
        const result = await runTool(tool, data.args, context);
        log(`${label} succeeded in ${seconds(Date.now() - startedAt)}`);
        return redactor.redactValue({ ok: true, worker: name, output: result.output, ...(result.note ? { note: result.note } : {}) });
      } catch (error) {
        if (returning && token) {
          // Shutting down: the step goes back to the queue for another worker.
          await job.moveToWait(token);
          log(`${label} stopped and put back in the queue`);
          throw new WaitingError();
        }
        if (signal?.aborted) {
          log(`${label} cancelled by the coordinator`);
          return { ok: false, worker: name, error: 'cancelled by the coordinator', cancelled: true };
        }
        const message = redactor.redactText(error instanceof Error ? error.message : String(error));
        log(`${label} failed after ${seconds(Date.now() - startedAt)}: ${message.split('\n')[0]}`);
        const details = error instanceof ToolError ? error : undefined;
        return {
          ok: false,
          worker: name,
          error: message,
          ...(details?.transient ? { transient: true } : {}),
          ...(details?.retryAfterMs !== undefined ? { retryAfterMs: details.retryAfterMs } : {}),
          ...(details?.timedOut ? { timedOut: true } : {}),
        };
      }
    } catch (error) {
      if (error instanceof JobRefusal) {
        log(`${label} refused: ${error.message}`);
        throw new UnrecoverableError(`worker ${name} refused the step: ${error.message}`);
      }
      throw error;
    } finally {
      running.delete(job.id!);
    }
  };

  const worker = new Worker<StepJobData, StepJobResult>(queueName, processStep, {
    connection: target.connection,
    name,
    concurrency: options.concurrency ?? 4,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  });
  // Stop requests for running steps come through the queue's event stream.
  const events = new QueueEvents(queueName, { connection: target.connection });
  events.on<CancelListener, typeof CANCEL_EVENT>(CANCEL_EVENT, ({ jobId, reason }) => {
    if (jobId && running.has(jobId)) worker.cancelJob(jobId, reason ?? 'cancelled');
  });

  // ioredis reconnects with backoff (1 s, growing to 20 s); say so once per kind of trouble.
  let trouble = '';
  const onError = (error: Error) => {
    const message = describeRedisError(error);
    if (message !== trouble) log(`Redis at ${target.display}: ${message}; retrying`);
    trouble = message;
  };
  worker.on('error', onError);
  events.on('error', onError);
  worker.on('ready', () => {
    if (trouble) log(`connected to Redis at ${target.display} again`);
    trouble = '';
  });

  let connected = false;
  const ready = Promise.all([worker.waitUntilReady(), events.waitUntilReady()]).then(() => {
    connected = true;
    trouble = '';
    log(`worker ${name} ready: ${where()}, concurrency ${worker.concurrency}, pipelines from ${options.pipelineDir}`);
  });
  const where = () => `queue "${queueName}" on ${target.display}`;

  const returnRunning = () => {
    returning = true;
    worker.cancelAllJobs('the worker is shutting down');
  };

  return {
    name,
    ready,
    running: () => running.size,
    returnRunning,
    shutdown: async (graceMs) => {
      if (!connected) {
        // Never connected, so nothing runs; closing would wait for a connection that may never come.
        void worker.close(true).catch(() => {});
        void events.close().catch(() => {});
        return;
      }
      const timer = setTimeout(returnRunning, graceMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(timer);
        await events.close();
      }
    },
  };
}

/** The job's data, as the coordinator wrote it; anything else is refused. */
function jobData(data: unknown): StepJobData {
  const job = data as Partial<StepJobData> | null;
  const fine =
    job !== null &&
    typeof job === 'object' &&
    job.format === STEP_JOB_FORMAT &&
    typeof job.runId === 'string' &&
    typeof job.planNumber === 'number' &&
    typeof job.stepId === 'string' &&
    typeof job.attempt === 'number' &&
    typeof job.pipeline === 'string' &&
    typeof job.pipelineHash === 'string' &&
    typeof job.tool === 'string' &&
    job.args !== null &&
    typeof job.args === 'object' &&
    !Array.isArray(job.args);
  if (!fine) throw new UnrecoverableError('not a planexec step job (or one from an incompatible planexec version)');
  return job as StepJobData;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
