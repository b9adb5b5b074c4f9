// The folder a stored run started in (its workspace), from its log: the store is the project's, so
// `resume` from another of the project's folders still finds the pipeline and runs the tools there.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from './fold-run.ts';
import { RunStoreError } from './read-run.ts';

/** Absolute path of the run's workspace; undefined for runs of versions that did not record it. */
export function runWorkspace(record: Pick<RunRecord, 'runId' | 'workspace'>, root: string): string | undefined {
  if (record.workspace === undefined) return undefined;
  const dir = path.resolve(root, record.workspace);
  if (!existsSync(dir)) throw new RunStoreError(`run ${record.runId} started in ${path.relative(process.cwd(), dir) || dir}, which no longer exists`);
  return dir;
}
