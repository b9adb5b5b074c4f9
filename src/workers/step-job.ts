// What travels through the queue for one tool call of a step: the job (which pipeline, by path and
// content hash, which step, which tool, its final arguments — never a secret or an environment) and
// its outcome. The coordinator and every worker agree on these shapes and on the job id.

import path from 'node:path';
import type { Pipeline } from '../pipeline/types.ts';
import { pipelineHash } from '../store/pipeline-identity.ts';
import { sha256Hex } from '../source/sha256.ts';

export const STEP_JOB_FORMAT = 1;

/** The custom queue event a coordinator publishes to stop a step that a worker is running. */
export const CANCEL_EVENT = 'planexec-cancel' as const;

export interface StepJobData {
  readonly format: typeof STEP_JOB_FORMAT;
  readonly runId: string;
  readonly planNumber: number;
  readonly stepId: string;
  /** The tool call's number within the step (retries of transient failures are new jobs). */
  readonly attempt: number;
  /** The pipeline file relative to the project directory (the coordinator's cwd, the worker's --pipeline-dir), with "/". */
  readonly pipeline: string;
  /** portablePipelineHash of the coordinator's pipeline: the worker runs the step only if its own copy hashes the same. */
  readonly pipelineHash: string;
  readonly tool: string;
  /** The final arguments, references filled in, as the tool would receive them locally. */
  readonly args: Readonly<Record<string, unknown>>;
}

export type StepJobResult =
  | { readonly ok: true; readonly worker: string; readonly output: unknown; readonly note?: string }
  | {
      readonly ok: false;
      readonly worker: string;
      readonly error: string;
      readonly transient?: boolean;
      readonly retryAfterMs?: number;
      readonly timedOut?: boolean;
      /** Stopped because the coordinator cancelled the step. */
      readonly cancelled?: boolean;
    };

/**
 * The same call of the same step of the same run always gets the same id, so a coordinator that
 * resumes a run finds the jobs it left in flight or finished instead of adding them again.
 */
export function stepJobId(job: Pick<StepJobData, 'runId' | 'planNumber' | 'stepId' | 'attempt' | 'tool' | 'args'>): string {
  const call = sha256Hex(JSON.stringify([job.tool, job.args])).slice(0, 12);
  return `${job.runId}.${job.planNumber}.${job.stepId}.${call}.${job.attempt}`;
}

/**
 * pipelineHash of the pipeline with absolute paths inside the project directory made relative, so a
 * worker whose checkout sits at another path agrees with the coordinator; `execution.backend` is left
 * out, since where steps run does not change what they do.
 */
export function portablePipelineHash(pipeline: Pipeline, projectDir: string): string {
  const root = path.resolve(projectDir);
  const relocate = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value === root) return '<project>';
      return value.startsWith(root + path.sep) ? `<project>/${path.relative(root, value).split(path.sep).join('/')}` : value;
    }
    if (Array.isArray(value)) return value.map(relocate);
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: relocate(item), enumerable: true, writable: true, configurable: true });
    return copy;
  };
  const { backend: _backend, ...execution } = pipeline.execution;
  return pipelineHash(relocate({ ...pipeline, execution }) as Pipeline, pipeline);
}

/** The pipeline's path as a job names it, or undefined when it lies outside the project directory. */
export function jobPipelinePath(pipelineFile: string, projectDir: string): string | undefined {
  const relative = path.relative(path.resolve(projectDir), pipelineFile);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
