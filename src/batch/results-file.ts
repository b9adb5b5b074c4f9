// The batch's results file: one JSON line per row. Read back to continue a batch (which rows already
// succeeded), repaired when its last line was torn by a crash, appended to row by row, and compacted at
// the end of a rerun so it again holds one line per row, in row order. Never loses a finished line.

import { appendFileSync, closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isRecord } from '../source/is-record.ts';
import { DataFileError } from './read-data-rows.ts';

export interface PreviousResults {
  /** Rows whose latest line says succeeded: not run again. */
  readonly succeeded: ReadonlySet<number>;
  /** Lines the file holds (after any repair): when non-zero, the file is compacted at the end. */
  readonly lines: number;
  /** Said to the user: a torn last line was moved aside. */
  readonly warnings: readonly string[];
}

const chunkBytes = 64 * 1024;

/** Read what an earlier run of the batch left; a torn last line is moved to `<out>.torn` first. */
export function readPreviousResults(file: string, shown: string): PreviousResults {
  if (!existsSync(file)) return { succeeded: new Set(), lines: 0, warnings: [] };
  const warnings: string[] = [];
  const torn = repairTornTail(file);
  if (torn !== undefined) warnings.push(`${shown}: its last line was cut off mid-write (${torn} bytes, a crash?); moved it to ${shown}.torn, and that row runs again`);
  const status = new Map<number, string>();
  let lines = 0;
  scanLines(file, (text, line) => {
    lines++;
    const parsed = parseResultLine(text);
    if (parsed === undefined) throw new DataFileError(`${shown}:${line}:1: not a result line of a batch ({"row": n, "status": …}); this --out file belongs to something else, or was edited: fix or remove the line, or choose another --out`);
    status.set(parsed.row, parsed.status);
  });
  const succeeded = new Set<number>();
  for (const [row, last] of status) if (last === 'succeeded') succeeded.add(row);
  return { succeeded, lines, warnings };
}

/** Appends result lines; each line is written whole with one write, so a crash tears at most the last. */
export function openResultsFile(file: string): { write(line: string): void; close(): void } {
  const fd = openSync(file, 'a');
  return {
    write(line) {
      writeSync(fd, `${line}\n`);
    },
    close() {
      closeSync(fd);
    },
  };
}

/**
 * Rewrite the file with one line per row (the latest), in row order: through a temporary file renamed
 * over it, so a crash here leaves the file as it was. Holds each row's place in the file, not its line.
 */
export function compactResults(file: string): void {
  const latest = new Map<number, { offset: number; length: number }>();
  scanLines(file, (text, _line, offset, length) => {
    const parsed = parseResultLine(text);
    if (parsed) latest.set(parsed.row, { offset, length });
  });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.compact`);
  const source = openSync(file, 'r');
  const target = openSync(temp, 'w');
  try {
    for (const row of [...latest.keys()].sort((a, b) => a - b)) {
      const { offset, length } = latest.get(row)!;
      const bytes = Buffer.alloc(length + 1);
      readSync(source, bytes, 0, length, offset);
      bytes[length] = 0x0a;
      writeSync(target, bytes);
    }
    fsyncSync(target);
  } catch (error) {
    closeSync(target);
    rmSync(temp, { force: true });
    throw error;
  } finally {
    closeSync(source);
  }
  closeSync(target);
  renameSync(temp, file);
}

function parseResultLine(text: string): { row: number; status: string } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value) && Number.isInteger(value.row) && typeof value.status === 'string') return { row: value.row as number, status: value.status };
  } catch {
    // Not JSON: the caller says what to do.
  }
  return undefined;
}

/** When the file does not end with a line break, its last line is torn: keep it in `<file>.torn`, cut it off. Returns its length. */
function repairTornTail(file: string): number | undefined {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return undefined;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return undefined;
    // Find the last line break, reading backwards.
    let end = size;
    let cut = 0;
    while (end > 0) {
      const start = Math.max(0, end - chunkBytes);
      const bytes = Buffer.alloc(end - start);
      readSync(fd, bytes, 0, bytes.length, start);
      const index = bytes.lastIndexOf(0x0a);
      if (index >= 0) {
        cut = start + index + 1;
        break;
      }
      end = start;
    }
    const fragment = Buffer.alloc(size - cut);
    readSync(fd, fragment, 0, fragment.length, cut);
    appendFileSync(`${file}.torn`, Buffer.concat([fragment, Buffer.from('\n')]));
    ftruncateSync(fd, cut);
    fsyncSync(fd);
    return fragment.length;
  } finally {
    closeSync(fd);
  }
}

/** Every non-blank line of the file with its 1-based number, byte offset and byte length; a chunk at a time. */
function scanLines(file: string, onLine: (text: string, line: number, offset: number, length: number) => void): void {
  const fd = openSync(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let line = 0;
    const chunk = Buffer.alloc(chunkBytes);
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkBytes, position);
      if (read === 0) break;
      position += read;
      let bytes = Buffer.concat([carry, chunk.subarray(0, read)]);
      let start = 0;
      for (let index = bytes.indexOf(0x0a); index >= 0; index = bytes.indexOf(0x0a, start)) {
        line++;
        const text = bytes.subarray(start, index).toString('utf8');
        if (text.trim() !== '') onLine(text, line, carryOffset + start, index - start);
        start = index + 1;
      }
      carryOffset += start;
      bytes = bytes.subarray(start);
      carry = Buffer.from(bytes);
    }
    if (carry.length > 0) {
      line++;
      const text = carry.toString('utf8');
      if (text.trim() !== '') onLine(text, line, carryOffset, carry.length);
    }
  } finally {
    closeSync(fd);
  }
}
