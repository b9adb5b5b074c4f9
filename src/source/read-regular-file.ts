// Reading a file a user named — a pipeline, tool file, config, prompt, recording, cached plan, a module
// to hash: a regular file only, and never more than a limit of bytes *actually read*. The size `stat`
// reports means nothing for /dev/zero (0 bytes, endless), and opening a FIFO waits for a writer forever,
// so special files are refused before they are read, and the open itself does not wait.

import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync, stat, statSync, type Stats } from 'node:fs';
import { fsCall } from './fs-callbacks.ts';

export type FileRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: string; readonly code?: string };

/** O_NONBLOCK: a FIFO swapped in after the check opens without waiting (and is refused by fstat). */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
/** Reads are the file's size (from fstat) and at least this, so a file growing while read still ends at the limit. */
const chunkBytes = 64 * 1024;

/** What a special file is, for a message: "a directory", "a named pipe (FIFO)"… */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(stats: Stats): FileRead {
  const kind = kindOf(stats);
  return { ok: false, reason: kind === 'not a regular file' ? 'it is not a regular file' : `it is ${kind}, not a regular file`, code: 'ENOTREG' };
}

function tooLarge(maxBytes: number, size?: number): FileRead {
  const what = size === undefined ? `more than ${maxBytes} bytes` : `${size} bytes`;
  return { ok: false, reason: `the file is ${what}; planexec reads files of at most ${maxBytes} bytes${maxBytes % (1024 * 1024) === 0 ? ` (${maxBytes / (1024 * 1024)} MiB)` : ''}`, code: 'EFBIG' };
}

function failed(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException).code;
  // `ENOENT: no such file or directory`, without the path the caller shows anyway.
  const message = (error instanceof Error ? error.message : String(error)).replace(/, \w+(?: '.*')?$/s, '');
  return { ok: false, reason: message, ...(typeof code === 'string' ? { code } : {}) };
}

/** The bytes of `file` when it is a regular file of at most `maxBytes` bytes. */
export async function readRegularFile(file: string, maxBytes: number): Promise<FileRead> {
  try {
    const before = await fsCall<Stats>((done) => stat(file, done));
    if (!before.isFile()) return notRegular(before);
    if (before.size > maxBytes) return tooLarge(maxBytes, before.size);
    const fd = await fsCall<number>((done) => open(file, openFlags, done));
    try {
      const opened = await fsCall<Stats>((done) => fstat(fd, done));
      if (!opened.isFile()) return notRegular(opened);
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const buffer = Buffer.allocUnsafe(Math.min(Math.max(chunkBytes, opened.size + 1 - total), maxBytes + 1 - total));
        const bytesRead = await fsCall<number>((done) => read(fd, buffer, 0, buffer.length, null, done));
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) return tooLarge(maxBytes);
        chunks.push(buffer.subarray(0, bytesRead));
      }
      return { ok: true, bytes: Buffer.concat(chunks, total) };
    } finally {
      // Read-only: a failing close loses nothing, and must not turn a whole read into a failure.
      close(fd, () => {});
    }
  } catch (error) {
    return failed(error);
  }
}

/** readRegularFile for code that cannot wait (hashing a module, reading the run store). */
export function readRegularFileSync(file: string, maxBytes: number): FileRead {
  try {
    const before = statSync(file);
    if (!before.isFile()) return notRegular(before);
    if (before.size > maxBytes) return tooLarge(maxBytes, before.size);
    const fd = openSync(file, openFlags);
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) return notRegular(opened);
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const buffer = Buffer.allocUnsafe(Math.min(Math.max(chunkBytes, opened.size + 1 - total), maxBytes + 1 - total));
        const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) return tooLarge(maxBytes);
        chunks.push(buffer.subarray(0, bytesRead));
      }
      return { ok: true, bytes: Buffer.concat(chunks, total) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return failed(error);
  }
}

/** Why `file` is not a regular file that can be opened (undefined when it is): "it is a named pipe (FIFO), not a regular file", "ENOENT: …". */
export function regularFileProblem(file: string): { readonly reason: string; readonly code?: string } | undefined {
  try {
    const stats = statSync(file);
    if (stats.isFile()) return undefined;
    const refused = notRegular(stats);
    return refused.ok ? undefined : refused;
  } catch (error) {
    const refused = failed(error);
    return refused.ok ? undefined : refused;
  }
}
