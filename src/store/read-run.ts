// Read a run's events back. A torn last line (the process died mid-write) is dropped with a warning;
// nothing before it is lost. A damaged line elsewhere is an error with its line number, unless it is
// an event the fold can do without (then a warning), and every event is checked against the events
// schema before the fold reads its fields.

import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import type { RunEvent } from '../events/run-events.ts';
import { isRecord } from '../source/is-record.ts';
import { readRegularFileSync } from '../source/read-regular-file.ts';
import { eventShapeProblem, knownEventKinds } from './check-event.ts';

export interface RunEvents {
  readonly runId: string;
  readonly dir: string;
  readonly events: readonly RunEvent[];
  readonly warnings: readonly string[];
  /** Line in events.ndjson of the event naming each output file, for messages about it. */
  readonly outputFileLines: ReadonlyMap<string, number>;
}

/** The run store's problems: a missing run, a damaged log. Usage errors for the CLI (exit 2). */
export class RunStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunStoreError';
  }
}

/** Largest event log read back (a JavaScript string holds about 512 MiB). */
const maxEventsBytes = 500 * 1024 * 1024;
/** Largest stored output read back. */
const maxOutputBytes = 256 * 1024 * 1024;

/**
 * Events the fold can do without: losing one makes a count or a status less exact, never a step run
 * twice or a plan unknown. A damaged one is skipped with a warning; any other damaged event stops the
 * reading with its file and line.
 */
const skippableKinds: ReadonlySet<string> = new Set(['run-resumed', 'plan-requested', 'llm-called', 'plan-rejected', 'step-started', 'step-retrying', 'step-failed', 'step-cancelled', 'step-skipped', 'failure-tolerated']);

export function readRunEvents(root: string, runId: string): RunEvents {
  const dir = path.join(root, runId);
  const file = path.join(dir, 'events.ndjson');
  if (!/^[A-Za-z0-9_.-]+$/.test(runId) || !existsSync(file)) {
    throw new RunStoreError(`no run "${runId}" in ${path.relative(process.cwd(), root) || '.'} (planexec runs lists them)`);
  }
  const shown = path.relative(process.cwd(), file);
  const read = readRegularFileSync(file, maxEventsBytes);
  if (!read.ok) throw new RunStoreError(`${shown}: cannot read the run log: ${read.reason}`);
  const lines = read.bytes.toString('utf8').split('\n');
  const events: RunEvent[] = [];
  const warnings: string[] = [];
  const outputFileLines = new Map<string, number>();
  const known = new Set(knownEventKinds());
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const at = `${shown}:${index + 1}`;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      const isLast = lines.slice(index + 1).every((rest) => rest.trim() === '');
      if (!isLast) throw new RunStoreError(`${at}: damaged event line; the run log cannot be read past it`);
      warnings.push(`${at}: the last event was only partly written (the run stopped mid-write); it is ignored`);
      return;
    }
    if (!isRecord(event) || typeof event.kind !== 'string') {
      if (index === 0) throw new RunStoreError(`${at}: the first line is not an event (${describeLine(line)}); the run log cannot be read`);
      warnings.push(`${at}: not an event (${describeLine(line)}); it is skipped`);
      return;
    }
    // A kind from a later planexec: the fold passes over it.
    if (!known.has(event.kind)) {
      if (typeof event.time === 'string') events.push(event as unknown as RunEvent);
      return;
    }
    const problem = eventShapeProblem(event);
    if (problem !== undefined) {
      if (index === 0 || !skippableKinds.has(event.kind)) throw new RunStoreError(`${at}: the ${event.kind} event is damaged: ${problem}; the run log cannot be read past it`);
      warnings.push(`${at}: the ${event.kind} event is damaged (${problem}); it is skipped`);
      return;
    }
    if (event.kind === 'step-succeeded' && typeof event.outputFile === 'string') outputFileLines.set(event.outputFile, index + 1);
    events.push(event as unknown as RunEvent);
  });
  if (events[0]?.kind !== 'run-started') throw new RunStoreError(`${shown}: does not start with run-started`);
  return { runId, dir, events, warnings, outputFileLines };
}

function describeLine(line: string): string {
  const text = line.trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
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
  // An id orders by its second (`20261126-130901-…`); runs that started in the same second are
  // ordered by their start time to the millisecond, read from their first event.
  for (let at = 0; at < names.length && ids.length < limit; ) {
    const second = secondOf(names[at]!);
    let end = at + 1;
    while (end < names.length && second !== undefined && secondOf(names[end]!) === second) end++;
    const group = names.slice(at, end).filter((name) => existsSync(path.join(root, name, 'events.ndjson')));
    ids.push(...(group.length > 1 ? newestStartFirst(root, group) : group));
    at = end;
  }
  return ids.slice(0, limit);
}

/** The second a run id was made in (its `YYYYMMDD-HHMMSS` part); undefined for a folder named otherwise. */
function secondOf(name: string): string | undefined {
  return /^\d{8}-\d{6}-/.test(name) ? name.slice(0, 15) : undefined;
}

/** `names`, newest start first; a run whose start time cannot be read keeps its place by name. */
function newestStartFirst(root: string, names: readonly string[]): string[] {
  const started = new Map(names.map((name) => [name, startTimeOf(path.join(root, name, 'events.ndjson'))]));
  return [...names].sort((a, b) => (started.get(b) ?? '').localeCompare(started.get(a) ?? '') || b.localeCompare(a));
}

/** The `time` of the first event (run-started), read from the first line only. */
function startTimeOf(file: string): string | undefined {
  const line = readFirstLine(file, 1024 * 1024);
  if (line === undefined) return undefined;
  try {
    const event: unknown = JSON.parse(line);
    return isRecord(event) && typeof event.time === 'string' ? event.time : undefined;
  } catch {
    return undefined;
  }
}

function readFirstLine(file: string, maxBytes: number): string | undefined {
  let fd: number | undefined;
  try {
    // Not blocking: a FIFO in place of the log must not hang `runs` (fstat refuses it).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < maxBytes) {
      const chunk = Buffer.alloc(Math.min(16 * 1024, maxBytes - total));
      const read = readSync(fd, chunk, 0, chunk.length, total);
      if (read === 0) break;
      const newline = chunk.subarray(0, read).indexOf(10);
      if (newline >= 0) {
        chunks.push(chunk.subarray(0, newline));
        return Buffer.concat(chunks).toString('utf8');
      }
      chunks.push(chunk.subarray(0, read));
      total += read;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A stored output: inline in the event, or in the file under `outputs/` the event names. A file that
 * is gone, damaged or named outside `outputs/` is a RunStoreError naming the event's line.
 */
export function readStoredOutput(log: Pick<RunEvents, 'dir' | 'outputFileLines'>, event: { readonly output?: unknown; readonly outputFile?: string }): unknown {
  if (event.outputFile === undefined) return event.output;
  const line = log.outputFileLines.get(event.outputFile);
  const at = `${path.relative(process.cwd(), path.join(log.dir, 'events.ndjson'))}${line === undefined ? '' : `:${line}`}`;
  if (!/^outputs\/[\w.-]+\.json$/.test(event.outputFile) || event.outputFile.includes('..')) throw new RunStoreError(`${at}: the stored output names ${JSON.stringify(event.outputFile)}, which is not a file under outputs/`);
  const read = readRegularFileSync(path.join(log.dir, event.outputFile), maxOutputBytes);
  if (!read.ok) throw new RunStoreError(`${at}: the step's stored output ${event.outputFile} cannot be read: ${read.code === 'ENOENT' ? 'the file is gone' : read.reason}`);
  try {
    return JSON.parse(read.bytes.toString('utf8'));
  } catch {
    throw new RunStoreError(`${at}: the step's stored output ${event.outputFile} is damaged (not JSON)`);
  }
}
