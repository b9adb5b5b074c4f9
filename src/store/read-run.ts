// Read a run's events back. A torn last line (the process died mid-write) is dropped with a warning;
// nothing before it is lost. A damaged line elsewhere is an error with its line number.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunEvent } from '../events/run-events.ts';

export interface RunEvents {
  readonly runId: string;
  readonly dir: string;
  readonly events: readonly RunEvent[];
  readonly warnings: readonly string[];
}

/** The run store's problems: a missing run, a damaged log. Usage errors for the CLI (exit 2). */
export class RunStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunStoreError';
  }
}

export function readRunEvents(root: string, runId: string): RunEvents {
  const dir = path.join(root, runId);
  const file = path.join(dir, 'events.ndjson');
  if (!/^[A-Za-z0-9_.-]+$/.test(runId) || !existsSync(file)) {
    throw new RunStoreError(`no run "${runId}" in ${path.relative(process.cwd(), root) || '.'} (planexec runs lists them)`);
  }
  const lines = readFileSync(file, 'utf8').split('\n');
  const events: RunEvent[] = [];
  const warnings: string[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      events.push(JSON.parse(line) as RunEvent);
    } catch {
      const isLast = lines.slice(index + 1).every((rest) => rest.trim() === '');
      if (!isLast) throw new RunStoreError(`${path.relative(process.cwd(), file)}:${index + 1}: damaged event line; the run log cannot be read past it`);
      warnings.push(`${path.relative(process.cwd(), file)}:${index + 1}: the last event was only partly written (the run stopped mid-write); it is ignored`);
    }
  });
  if (events[0]?.kind !== 'run-started') throw new RunStoreError(`${path.relative(process.cwd(), file)}: does not start with run-started`);
  return { runId, dir, events, warnings };
}

/** Ids of the runs under `root`, newest first; with `limit`, only that many (the others are not looked at). */
export function listRunIds(root: string, limit = Infinity): string[] {
  if (!existsSync(root)) return [];
  const names = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .reverse();
  const ids: string[] = [];
  for (const name of names) {
    if (ids.length >= limit) break;
    if (existsSync(path.join(root, name, 'events.ndjson'))) ids.push(name);
  }
  return ids;
}

/** A stored output: inline in the event, or in the file the event names. */
export function readStoredOutput(dir: string, event: { readonly output?: unknown; readonly outputFile?: string }): unknown {
  if (event.outputFile === undefined) return event.output;
  return JSON.parse(readFileSync(path.join(dir, event.outputFile), 'utf8'));
}
