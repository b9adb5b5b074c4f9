// The functions behind tools/fs.yaml: list, read and write files inside the workspace, which is the
// directory planexec runs in. Plain JavaScript (.mjs) so it also loads from node_modules, where Node
// does not strip TypeScript types. Every path is checked twice: by the tool's args schema (relative,
// no `..`; written paths only into the pipeline's writable folders), which the plan compiler and the
// runner enforce before anything runs, and here against the real file system at the moment of use, so
// a symbolic link cannot lead out of the workspace, and a write cannot go through a link, into .git,
// or outside the writable folders (src/tools/writable-folders.ts states the same rules in TypeScript).

import { constants } from 'node:fs';
import { lstat, mkdir, open, opendir, readdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

const MAX_ENTRIES = 2000;
const DEFAULT_MAX_BYTES = 100_000;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** Thrown for a path that would leave the workspace; the message is what the model reads. */
class OutsideWorkspaceError extends Error {}

/**
 * The workspace: `options.cwd` when the runner passes one, else the process's working directory.
 * @param {{ cwd?: string } | undefined} options
 */
async function workspaceOf(options) {
  return realpath(options?.cwd ?? process.cwd());
}

/**
 * The absolute path of `relative` inside the workspace, refusing absolute paths, `..` that climbs out,
 * and symbolic links (on the path or at its end) that point outside.
 * @param {string} workspace real path of the workspace
 * @param {string} relative
 */
async function resolveInside(workspace, relative) {
  if (typeof relative !== 'string' || relative === '') throw new OutsideWorkspaceError('the path is empty');
  if (path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)) {
    throw new OutsideWorkspaceError(`"${relative}" is absolute; give a path relative to the workspace`);
  }
  const target = path.resolve(workspace, relative);
  if (!isInside(workspace, target)) throw new OutsideWorkspaceError(`"${relative}" leads outside the workspace`);
  // The deepest part of the path that exists decides where the rest would be created.
  let existing = target;
  for (;;) {
    try {
      const real = await realpath(existing);
      if (!isInside(workspace, real)) throw new OutsideWorkspaceError(`"${relative}" leads outside the workspace through a symbolic link`);
      return target;
    } catch (error) {
      if (error instanceof OutsideWorkspaceError) throw error;
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
      const parent = path.dirname(existing);
      if (parent === existing) return target;
      existing = parent;
    }
  }
}

/** @param {string} root @param {string} candidate */
function isInside(root, candidate) {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** @param {string} relative */
function toPosix(relative) {
  return relative.split(path.sep).join('/');
}

/**
 * `list_files`: entries of a folder, sorted by name (byte order, the same on every machine), as paths
 * relative to the workspace. Not recursive: files and folders, folders with a trailing `/`.
 * Recursive: every file below.
 * @param {{ dir?: string, recursive?: boolean, extension?: string, all?: boolean }} args
 * @param {{ signal?: AbortSignal, cwd?: string }} [options]
 * @returns {Promise<string[]>}
 */
export async function listFiles(args, options) {
  const workspace = await workspaceOf(options);
  const dir = await resolveInside(workspace, args.dir ?? '.');
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new Error(`no such folder: ${args.dir ?? '.'}`);
  if (!info.isDirectory()) throw new Error(`${args.dir} is a file, not a folder; use read_file to read it`);
  /** @type {string[]} */
  const found = [];
  let truncated = false;
  /** @param {string} folder */
  const walk = async (folder) => {
    options?.signal?.throwIfAborted();
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found.length >= MAX_ENTRIES) {
        truncated = true;
        return;
      }
      if (!args.all && (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name))) continue;
      const full = path.join(folder, entry.name);
      // Relative to the workspace, like every path these tools take, so a listing can feed read_file.
      const shown = toPosix(path.relative(workspace, full));
      if (entry.isDirectory()) {
        // Nothing inside .git is listed, even with `all`: a plan reads nothing of it.
        if (args.recursive) {
          if (looseName(entry.name) !== '.git') await walk(full);
        } else if (args.extension === undefined) found.push(`${shown}/`);
      } else if (args.extension === undefined || entry.name.endsWith(args.extension)) {
        found.push(shown);
      }
    }
  };
  await walk(dir);
  if (truncated) found.push(`… more entries not shown (at most ${MAX_ENTRIES}); list a smaller folder`);
  return found;
}

/**
 * `read_file`: a text file's content, at most `maxBytes` bytes of it. Nothing inside `.git`: its config
 * holds the token actions/checkout leaves there. The cut is planexec's own (`options.truncate`), so a
 * secret it falls inside is masked rather than shown in part.
 * @param {{ path: string, maxBytes?: number }} args
 * @param {{ signal?: AbortSignal, cwd?: string, truncate?: (text: Uint8Array, maxBytes: number) => string }} [options]
 */
export async function readTextFile(args, options) {
  const workspace = await workspaceOf(options);
  const file = await resolveInside(workspace, args.path);
  if (gitPart(partsOf(args.path)) !== undefined) throw new Error(gitRefusal(args.path));
  const real = await realpath(file).catch(() => undefined);
  if (real !== undefined && gitPart(partsOf(path.relative(workspace, real))) !== undefined) throw new Error(gitRefusal(args.path));
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) throw new Error(`no such file: ${args.path}`);
  if (info.isDirectory()) throw new Error(`${args.path} is a folder; use list_files to see what it holds`);
  if (!info.isFile()) throw new Error(`${args.path} is not a regular file`);
  if (info.nlink > 1 && (await isGitFile(workspace, info))) throw new Error(`${gitRefusal(args.path)} (it is a hard link to a file of .git)`);
  const limit = args.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = await readFile(file, { signal: options?.signal });
  if (bytes.includes(0)) throw new Error(`${args.path} is a binary file, not text`);
  if (bytes.length <= limit) return bytes.toString('utf8');
  const kept = options?.truncate ? options.truncate(bytes, limit) : bytes.subarray(0, limit).toString('utf8');
  return `${kept}\n… [${bytes.length - limit} more bytes not shown]`;
}

// ---- where a plan may write ---------------------------------------------------------------------

const DEFAULT_WRITABLE = ['out'];

/** @param {string} name a name as file systems may compare it: any case, Windows' trailing dots and spaces dropped */
function looseName(name) {
  return name.normalize('NFC').toLowerCase().replace(/[. ]+$/, '');
}

/** @param {string[]} parts */
function gitPart(parts) {
  return parts.find((part) => looseName(part) === '.git');
}

/** @param {string[]} parts */
function protectedPart(parts) {
  return parts.find((part) => looseName(part) === '.git' || looseName(part) === '.planexec');
}

/** @param {string} value */
function partsOf(value) {
  return value.split(path.sep === '\\' ? /[\\/]+/ : /\/+/).filter((part) => part !== '' && part !== '.');
}

/** @param {string} shown */
function gitRefusal(shown) {
  return `refusing ${shown}: it is inside .git, which holds the repository's configuration, hooks and credentials`;
}

/**
 * The writable folders, normalized like the pipeline loader does; an entry that could not be writable
 * (absolute, `..`, the workspace itself, .git) is dropped, so it allows nothing.
 * @param {unknown} list
 * @returns {string[][]}
 */
function writableFolders(list) {
  const entries = Array.isArray(list) ? list : DEFAULT_WRITABLE;
  return entries.flatMap((entry) => {
    if (typeof entry !== 'string' || entry.includes('\\') || entry.startsWith('/') || /^[A-Za-z]:/.test(entry)) return [];
    const parts = entry.split('/').filter((part) => part !== '' && part !== '.');
    return parts.length === 0 || parts.includes('..') || protectedPart(parts) !== undefined ? [] : [parts];
  });
}

/** @type {Map<string, Promise<boolean>>} */
const caseAnswers = new Map();

/**
 * Whether the file system holding `dir` compares names case-insensitively: an entry looked up with its
 * case swapped names the same file. False when nothing tells (the stricter reading for writable folders).
 * @param {string} dir
 */
function foldsCase(dir) {
  let answer = caseAnswers.get(dir);
  if (answer === undefined) {
    answer = probeCase(dir).catch(() => false);
    caseAnswers.set(dir, answer);
  }
  return answer;
}

/** @param {string} name */
function swapCase(name) {
  return [...name].map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase())).join('');
}

/** @param {string} dir */
async function probeCase(dir) {
  /** @type {string[]} */
  const candidates = [];
  const names = new Set();
  let seen = 0;
  for await (const entry of await opendir(dir)) {
    names.add(entry.name);
    if (swapCase(entry.name) !== entry.name) candidates.push(path.join(dir, entry.name));
    if (++seen >= 64) break;
  }
  if (swapCase(path.basename(dir)) !== path.basename(dir)) candidates.push(dir);
  for (const candidate of candidates) {
    const swapped = path.join(path.dirname(candidate), swapCase(path.basename(candidate)));
    if (path.dirname(candidate) === dir && names.has(path.basename(swapped))) return false;
    const [original, other] = await Promise.all([lstat(candidate, { bigint: true }), lstat(swapped, { bigint: true }).catch(() => undefined)]);
    return other !== undefined && other.ino === original.ino && other.dev === original.dev;
  }
  return false;
}

/**
 * Whether a hard-linked file is one of the files directly in the workspace's .git.
 * @param {string} workspace @param {{ ino: number, dev: number }} file
 */
async function isGitFile(workspace, file) {
  const git = path.join(workspace, '.git');
  const names = await readdir(git).catch(() => /** @type {string[]} */ ([]));
  for (const name of names) {
    const entry = await lstat(path.join(git, name)).catch(() => undefined);
    if (entry !== undefined && entry.ino === file.ino && entry.dev === file.dev) return true;
  }
  return false;
}

/** @param {string} file */
async function lstatOrNothing(file) {
  try {
    return await lstat(file);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
    throw error;
  }
}

// Never follow a link at the last step, never block on a FIFO (where the system has the flags).
const OPEN_FOR_WRITE = constants.O_WRONLY | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * `write_file`: create or replace a text file, only under the pipeline's writable folders
 * (`options.writable`, default out/): never inside .git or .planexec, through no symbolic link on any
 * part of the path (each is looked at with lstat as the folders are walked and created, and the file is
 * opened without following a link), never a file that has other hard links. Names are compared the
 * way the workspace's file system compares them (case-insensitively on macOS and Windows).
 * @param {{ path: string, content: string }} args
 * @param {{ signal?: AbortSignal, cwd?: string, writable?: string[] }} [options]
 */
export async function writeTextFile(args, options) {
  const workspace = await workspaceOf(options);
  const shown = args.path;
  if (typeof shown !== 'string' || shown === '') throw new OutsideWorkspaceError('the path is empty');
  if (path.isAbsolute(shown) || /^[A-Za-z]:/.test(shown)) throw new OutsideWorkspaceError(`"${shown}" is absolute; give a path relative to the workspace`);
  const target = path.resolve(workspace, shown);
  if (!isInside(workspace, target) || target === workspace) throw new OutsideWorkspaceError(`"${shown}" leads outside the workspace`);
  const parts = partsOf(path.relative(workspace, target));
  const state = protectedPart(parts);
  if (state !== undefined) throw new Error(`refusing to write inside ${looseName(state)}: ${shown}`);
  const folders = writableFolders(options?.writable);
  const fold = await foldsCase(workspace);
  const same = fold ? (/** @type {string} */ a, /** @type {string} */ b) => a.toLowerCase() === b.toLowerCase() : (/** @type {string} */ a, /** @type {string} */ b) => a === b;
  if (!folders.some((folder) => folder.length <= parts.length && folder.every((part, index) => same(part, parts[index])))) {
    const allowed = folders.length === 0 ? 'nowhere (writable: [])' : `only under ${folders.map((folder) => `${folder.join('/')}/`).join(', ')}`;
    throw new Error(`refusing to write ${shown}: a plan may write ${allowed} (the pipeline's writable)`);
  }

  // Every folder on the way is a real folder, not a link: made by the workspace or an earlier step, a link could lead anywhere.
  let dir = workspace;
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part);
    let info = await lstatOrNothing(dir);
    if (info === undefined) {
      await mkdir(dir).catch((error) => {
        if (error.code !== 'EEXIST') throw error;
      });
      info = await lstat(dir);
    }
    if (info.isSymbolicLink()) throw new Error(`refusing to write through the symbolic link ${toPosix(path.relative(workspace, dir))}: ${shown}`);
    if (!info.isDirectory()) throw new Error(`${toPosix(path.relative(workspace, dir))} is a file, not a folder: ${shown}`);
  }
  const file = path.join(dir, parts.at(-1) ?? '');
  const before = await lstatOrNothing(file);
  if (before?.isSymbolicLink()) throw new Error(`refusing to write through the symbolic link ${shown}`);
  if (before?.isDirectory()) throw new Error(`${shown} is a folder`);
  if (before !== undefined && !before.isFile()) throw new Error(`refusing to write ${shown}: it is not a regular file`);
  if (before !== undefined && before.nlink > 1) throw new Error(`refusing to write ${shown}: it has ${before.nlink} hard links, so writing it would change the same file elsewhere`);

  let handle;
  try {
    handle = await open(file, OPEN_FOR_WRITE, 0o644);
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (code === 'ELOOP') throw new Error(`refusing to write through the symbolic link ${shown}`);
    if (code === 'ENXIO') throw new Error(`refusing to write ${shown}: it is not a regular file`);
    throw error;
  }
  let written = false;
  try {
    // What was opened is what was checked: the same plain file, in the folder the path names (no link appeared meanwhile).
    const opened = await handle.stat();
    const realDir = await realpath(dir);
    const sameDir = fold ? realDir.toLowerCase() === dir.toLowerCase() : realDir === dir;
    const sameFile = before === undefined || (opened.ino === before.ino && opened.dev === before.dev);
    if (!opened.isFile() || opened.nlink > 1 || !sameFile || !sameDir) throw new Error(`refusing to write ${shown}: its path changed while it was being written (a link or another file appeared)`);
    await handle.truncate(0);
    await handle.writeFile(args.content, { signal: options?.signal });
    written = true;
  } finally {
    await handle.close();
    // A file this call created where it must not be is taken away again.
    if (!written && before === undefined) await unlink(file).catch(() => undefined);
  }
  return `wrote ${shown} (${Buffer.byteLength(args.content)} bytes)`;
}
