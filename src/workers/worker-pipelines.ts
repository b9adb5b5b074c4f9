// The pipelines a worker runs steps of: its own copies, loaded from its pipeline directory by the
// path a job names, kept while their hash matches what jobs carry, loaded again when it does not (the
// file may have been updated), and refused when they still differ.

import path from 'node:path';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { createRedactor, secretValuesOf, type Redactor } from '../pipeline/secrets.ts';
import type { Pipeline } from '../pipeline/types.ts';
import { DiagnosticError, formatDiagnostic } from '../source/diagnostic.ts';
import { portablePipelineHash } from './step-job.ts';

interface WorkerPipeline {
  readonly pipeline: Pipeline;
  readonly hash: string;
  /** Every secret value the worker knows (and the Redis password): none of them goes back into Redis. */
  readonly redactor: Redactor;
}

/** The worker will not run this job; the message says why, for the coordinator's step-failed event. */
export class JobRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobRefusal';
  }
}

/** A loaded copy is not loaded again sooner than this when jobs keep naming another hash. */
const RELOAD_AFTER_MS = 2_000;

export function workerPipelines(projectDir: string, env: NodeJS.ProcessEnv, extraSecrets: readonly string[] = []) {
  const root = path.resolve(projectDir);
  const cache = new Map<string, { readonly loadedAt: number; readonly loading: Promise<WorkerPipeline> }>();

  const load = (file: string): Promise<WorkerPipeline> =>
    loadPipeline(file, { cwd: root }).then(
      (pipeline) => ({ pipeline, hash: portablePipelineHash(pipeline, root), redactor: createRedactor([...secretValuesOf(pipeline, env), ...extraSecrets]) }),
      (error: unknown) => {
        const detail = error instanceof DiagnosticError ? error.diagnostics.slice(0, 3).map(formatDiagnostic).join('; ') : error instanceof Error ? error.message : String(error);
        throw new JobRefusal(`cannot load its copy of the pipeline: ${detail}`);
      },
    );

  return {
    /** The worker's copy of the pipeline at `relative`, whose hash is `hash`; throws JobRefusal otherwise. */
    async get(relative: string, hash: string): Promise<WorkerPipeline> {
      const file = path.resolve(root, relative);
      if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..') || !file.startsWith(root + path.sep)) {
        throw new JobRefusal(`the job names the pipeline "${relative}", which is not inside the worker's pipeline directory ${root}`);
      }
      let entry = cache.get(file);
      let copy = entry ? await entry.loading.catch(() => undefined) : undefined;
      if (copy?.hash !== hash && (!entry || Date.now() - entry.loadedAt >= RELOAD_AFTER_MS)) {
        // New to this worker, or changed since (on disk or at the coordinator): read it again.
        entry = { loadedAt: Date.now(), loading: load(file) };
        cache.set(file, entry);
        copy = await entry.loading;
      }
      if (!copy) return entry!.loading;
      if (copy.hash !== hash) {
        throw new JobRefusal(
          `its copy of ${relative} differs from the coordinator's (pipeline hash ${copy.hash.slice(0, 12)} here, ${hash.slice(0, 12)} in the job): ` +
            'give every worker the same pipeline, tool files, prompts and planexec.config.yaml as the coordinator',
        );
      }
      return copy;
    },
  };
}
