// The run store: `<root>/<run-id>/` holds `events.ndjson` (every event, written as it happens and
// fsynced by group commit, see below), `pipeline.yaml` (a snapshot of the pipeline file as it was),
// `inputs.json`, and `outputs/` for step outputs too large to keep inline. The events are the truth;
// everything else about a run is a fold over them (fold-run.ts).

import { closeSync, fsyncSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { RunEvent } from '../events/run-events.ts';
import { findProjectRoot } from './find-project-root.ts';
import { RunStoreError } from './read-run.ts';

/** Outputs whose JSON is larger than this live in `outputs/` and the event names the file. */
const inlineOutputLimit = 64 * 1024;

/**
 * Events that make the log due for an fsync. Every event is written to the file at once (so a killed
 * process loses nothing it appended); a durable one also schedules the turn's group commit.
 */
const durableKinds = new Set<RunEvent['kind']>(['run-started', 'run-resumed', 'plan-accepted', 'step-succeeded', 'step-failed', 'replan-started', 'run-finished']);

export interface RunStoreWriter {
  readonly runId: string;
  readonly dir: string;
  /** An event sink: appends the event to events.ndjson. */
  readonly append: (event: RunEvent) => void;
  /** Fsyncs what is not yet synced, then closes the log. */
  close(): void;
}

export interface RunStoreOptions {
  /** Makes the log's written bytes durable: fsyncSync by default (tests count the calls). */
  readonly sync?: (fd: number) => void;
}

/**
 * planexec's own folder: `.planexec` at the project root (find-project-root.ts: the folder of
 * planexec.config.yaml, else the git root, else `cwd`), or $PLANEXEC_STATE_DIR (relative to `cwd`).
 * It need not exist yet; something that is there but is not a folder is a setup problem
 * (RunStoreError, exit 2).
 */
function stateDir(cwd: string): string {
  const fromEnv = process.env.PLANEXEC_STATE_DIR;
  const dir = fromEnv ? path.resolve(cwd, fromEnv) : path.join(findProjectRoot(cwd), '.planexec');
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

// Stores with bytes not yet synced: process.exit (a second Ctrl-C exits 130 at once) skips the
// scheduled commits, so the exit handler makes them instead.
const unsyncedStores = new Set<() => void>();
let exitHandlerInstalled = false;
function commitOnExit(commit: () => void): void {
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.on('exit', () => {
      for (const pending of [...unsyncedStores]) {
        try {
          pending();
        } catch {
          /* exiting: the bytes are written, only their fsync failed */
        }
      }
    });
  }
  unsyncedStores.add(commit);
}

/** Open (create or continue) a run's folder for appending events. */
export function openRunStore(root: string, runId: string, snapshot?: { readonly pipelineText: string; readonly inputs: unknown }, options: RunStoreOptions = {}): RunStoreWriter {
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
  const sync = options.sync ?? fsyncSync;
  const fd = openSync(path.join(dir, 'events.ndjson'), 'a');
  let closed = false;
  // Group commit: the first durable event of an event-loop turn schedules one fsync after the turn,
  // covering everything written until then; close (and process exit) commit whatever is left.
  let unsynced = false;
  let scheduled: NodeJS.Immediate | undefined;
  // A failed scheduled fsync has no caller to tell: the next append or close throws it.
  let failure: { readonly error: unknown } | undefined;
  const commit = () => {
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    unsyncedStores.delete(commit);
    if (!unsynced) return;
    unsynced = false;
    sync(fd);
  };
  const scheduledCommit = () => {
    scheduled = undefined;
    try {
      commit();
    } catch (error) {
      failure = { error };
    }
  };
  const throwFailure = () => {
    if (!failure) return;
    const { error } = failure;
    failure = undefined;
    throw error;
  };
  const append = (event: RunEvent) => {
    if (closed) return;
    throwFailure();
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
    if (!unsynced) {
      unsynced = true;
      commitOnExit(commit);
    }
    if (scheduled === undefined && durableKinds.has(event.kind)) scheduled = setImmediate(scheduledCommit);
  };
  return {
    runId,
    dir,
    append,
    close() {
      if (closed) return;
      closed = true;
      try {
        throwFailure();
        commit();
      } finally {
        unsyncedStores.delete(commit);
        closeSync(fd);
      }
    },
  };
}
