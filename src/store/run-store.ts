// The run store: `<root>/<run-id>/` holds `events.ndjson` (every event, appended as it happens and
// fsynced at step boundaries), `pipeline.yaml` (a snapshot of the pipeline file as it was),
// `inputs.json`, and `outputs/` for step outputs too large to keep inline. The events are the truth;
// everything else about a run is a fold over them (fold-run.ts).

import { closeSync, fsyncSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { RunEvent } from '../events/run-events.ts';
import { RunStoreError } from './read-run.ts';

/** Outputs whose JSON is larger than this live in `outputs/` and the event names the file. */
const inlineOutputLimit = 64 * 1024;

/** Events after which the log is fsynced: a crash loses at most the step that was running. */
const durableKinds = new Set<RunEvent['kind']>(['run-started', 'run-resumed', 'plan-accepted', 'step-succeeded', 'step-failed', 'replan-started', 'run-finished']);

export interface RunStoreWriter {
  readonly runId: string;
  readonly dir: string;
  /** An event sink: appends the event to events.ndjson. */
  readonly append: (event: RunEvent) => void;
  close(): void;
}

/**
 * planexec's own folder: `.planexec` in the working directory, or $PLANEXEC_STATE_DIR. It need not
 * exist yet; something that is there but is not a folder is a setup problem (RunStoreError, exit 2).
 */
function stateDir(cwd: string): string {
  const fromEnv = process.env.PLANEXEC_STATE_DIR;
  const dir = fromEnv ? path.resolve(cwd, fromEnv) : path.join(cwd, '.planexec');
  const problem = notAFolder(dir);
  if (problem !== undefined) {
    const named = fromEnv ? `PLANEXEC_STATE_DIR (${fromEnv})` : `the state folder ${path.relative(cwd, dir) || dir}`;
    const fix = fromEnv ? 'unset PLANEXEC_STATE_DIR, or point it at a folder' : 'move that file away, or set PLANEXEC_STATE_DIR to a folder';
    throw new RunStoreError(`${named} ${problem}; planexec keeps its runs and plan cache in a folder there (${fix})`);
  }
  return dir;
}

/** Why `dir` cannot be (or become) a folder: "is a file, not a folder"; undefined when it is one or does not exist yet. */
function notAFolder(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'is a file, not a folder';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTDIR' ? 'is inside a file, not a folder' : undefined;
  }
}

export function defaultRunsRoot(cwd: string): string {
  return path.join(stateDir(cwd), 'runs');
}

export function defaultPlanCacheDir(cwd: string): string {
  return path.join(stateDir(cwd), 'cache', 'plans');
}

/** Open (create or continue) a run's folder for appending events. */
export function openRunStore(root: string, runId: string, snapshot?: { readonly pipelineText: string; readonly inputs: unknown }): RunStoreWriter {
  const dir = path.join(root, runId);
  try {
    mkdirSync(path.join(dir, 'outputs'), { recursive: true });
  } catch (error) {
    // Part of the path is a file (`.planexec/runs` made by hand, say): the user's to fix, not a crash.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new RunStoreError(`cannot keep the run in ${path.relative(process.cwd(), dir) || dir}: part of that path is a file, not a folder`);
    throw error;
  }
  if (snapshot) {
    writeFileSync(path.join(dir, 'pipeline.yaml'), snapshot.pipelineText);
    writeFileSync(path.join(dir, 'inputs.json'), `${JSON.stringify(snapshot.inputs, null, 2)}\n`);
  }
  const fd = openSync(path.join(dir, 'events.ndjson'), 'a');
  let closed = false;
  const append = (event: RunEvent) => {
    if (closed) return;
    let stored: RunEvent = event;
    if (event.kind === 'step-succeeded' && event.output !== undefined) {
      const json = JSON.stringify(event.output);
      if (json.length > inlineOutputLimit) {
        const file = `outputs/${event.planNumber}-${event.stepId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
        writeFileSync(path.join(dir, file), json);
        const { output: _inline, ...rest } = event;
        stored = { ...rest, outputFile: file };
      }
    }
    writeSync(fd, `${JSON.stringify(stored)}\n`);
    if (durableKinds.has(event.kind)) fsyncSync(fd);
  };
  return {
    runId,
    dir,
    append,
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
