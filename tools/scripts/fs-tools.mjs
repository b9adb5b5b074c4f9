// The functions behind tools/fs.yaml: list, read and write files inside the workspace, which is the
// directory planexec runs in. Plain JavaScript (.mjs) so it also loads from node_modules, where Node
// does not strip TypeScript types. Every path is checked twice: by the tool's args schema (relative,
// no `..`), which the plan compiler enforces before anything runs, and here against the real file
// system, so a symbolic link cannot lead out of the workspace either.

import { lstat, mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
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
        if (args.recursive) await walk(full);
        else if (args.extension === undefined) found.push(`${shown}/`);
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
 * `read_file`: a text file's content, at most `maxBytes` bytes of it. The cut is planexec's own
 * (`options.truncate`), so a secret it falls inside is masked rather than shown in part.
 * @param {{ path: string, maxBytes?: number }} args
 * @param {{ signal?: AbortSignal, cwd?: string, truncate?: (text: Uint8Array, maxBytes: number) => string }} [options]
 */
export async function readTextFile(args, options) {
  const workspace = await workspaceOf(options);
  const file = await resolveInside(workspace, args.path);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) throw new Error(`no such file: ${args.path}`);
  if (info.isDirectory()) throw new Error(`${args.path} is a folder; use list_files to see what it holds`);
  const limit = args.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = await readFile(file, { signal: options?.signal });
  if (bytes.includes(0)) throw new Error(`${args.path} is a binary file, not text`);
  if (bytes.length <= limit) return bytes.toString('utf8');
  const kept = options?.truncate ? options.truncate(bytes, limit) : bytes.subarray(0, limit).toString('utf8');
  return `${kept}\n… [${bytes.length - limit} more bytes not shown]`;
}

/**
 * `write_file`: create or replace a text file (and its folders); never inside `.git`.
 * @param {{ path: string, content: string }} args
 * @param {{ signal?: AbortSignal, cwd?: string }} [options]
 */
const protectedFolders = new Set(['.git', '.planexec', '.github', 'node_modules']);
const protectedNames = new Set(['package.json', 'package-lock.json', '.npmrc', 'Makefile']);
const protectedExtensions = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.yaml', '.yml', '.hbs', '.sh']);

export async function writeTextFile(args, options) {
  const workspace = await workspaceOf(options);
  const file = await resolveInside(workspace, args.path);
  const relative = toPosix(path.relative(workspace, file));
  const parts = relative.split('/');
  const protectedDir = parts.find((part) => protectedFolders.has(part));
  if (protectedDir) throw new Error(`refusing to write inside ${protectedDir}: ${args.path}`);
  // What planexec or npm would load or run later is off limits: a plan must not be able to write
  // code, pipelines, tool files or settings that a later step or run executes.
  const name = parts.at(-1) ?? '';
  if (protectedNames.has(name) || /^planexec\.config\./.test(name) || protectedExtensions.has(path.extname(name).toLowerCase())) {
    throw new Error(`refusing to write ${args.path}: code, pipeline, tool and settings files (${[...protectedExtensions].join(' ')}, package.json, planexec.config.*) cannot be written by a plan`);
  }
  const existing = await lstat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error(`${args.path} is a folder`);
  // A link could point anywhere, also where it does not exist yet; write only to plain files.
  if (existing?.isSymbolicLink()) throw new Error(`refusing to write through the symbolic link ${args.path}`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, args.content, { signal: options?.signal });
  return `wrote ${args.path} (${Buffer.byteLength(args.content)} bytes)`;
}
