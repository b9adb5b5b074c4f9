// The run-time half of `format: path`: each such argument, with references filled in, must lead to a
// place inside the workspace (the directory planexec runs in) once symbolic links are followed the way
// the operating system will follow them: component by component, `..` after a link's target; never
// into `.git`; and one the tool writes (`writes: true`) only into a writable folder, through no link,
// to a file no other hard link shares.

import type { Stats } from 'node:fs';
import path from 'node:path';
import { lstat, readdir, readlink, realpath } from '../source/fs-callbacks.ts';
import { quoteName } from './argument-text.ts';
import { foldsCase } from './file-system-case.ts';
import { argumentPathOf, isInside, outsideWorkspaceMessage, pathArgumentsOf } from './path-arguments.ts';
import { ToolError } from './tool-call.ts';
import { toolKindOf } from './tool-kinds.ts';
import type { ToolSpec } from './tool-spec.ts';
import { unsafeTextReason } from './unsafe-text.ts';
import { DEFAULT_WRITABLE, gitMessage, gitPart, notWritableMessage, pathParts, protectedPart, stateFolderMessage, writableFolderOf } from './writable-folders.ts';

const maxLinkHops = 40;

/** Throws a ToolError naming the first `format: path` argument that leads outside the workspace, into .git, or (written) outside the writable folders. */
export async function confinePathArguments(tool: ToolSpec, args: Readonly<Record<string, unknown>>, workspace: string, writable: readonly string[] = DEFAULT_WRITABLE): Promise<void> {
  const { all: values, written } = pathArgumentsOf(tool, args);
  if (values.length === 0) return;
  const root = await realpath(workspace).catch(() => path.resolve(workspace));
  const pathBase = toolKindOf(tool).pathBase(tool);
  const base = path.resolve(workspace, pathBase.kind === 'directory' ? pathBase.path : '.');
  for (const value of values) {
    const where = argumentPathOf(args, value);
    const unsafe = unsafeTextReason(value);
    if (unsafe !== undefined) throw new ToolError(`refused: argument ${quoteName(where)} ${unsafe}`);
    const resolved = await resolveLikeTheSystem(base, value);
    if (!isInside(root, resolved.path)) {
      throw new ToolError(`refused: ${outsideWorkspaceMessage(where, value, resolved.path, path.resolve(workspace), resolved.via)}`);
    }
    const parts = pathParts(path.relative(root, resolved.path));
    const target = await lstat(resolved.path).catch(() => undefined);
    if (written.has(value)) await confineWrite(where, value, resolved, parts, target, root, writable);
    if (gitPart(parts) !== undefined || gitPart(pathParts(value)) !== undefined) throw new ToolError(`refused: ${gitMessage(where, value)}`);
    if (target?.isFile() && target.nlink > 1 && (await isGitFile(root, target))) {
      throw new ToolError(`refused: ${gitMessage(where, value)} (the file is a hard link to a file of .git)`);
    }
  }
}

/** A path the tool writes: through no link, into a writable folder, not into .git or .planexec, to a plain file with no other hard link. */
async function confineWrite(where: string, value: string, resolved: { readonly via?: string }, parts: readonly string[], target: Stats | undefined, root: string, writable: readonly string[]): Promise<void> {
  // A write goes through no link at all: one made by the workspace or by an earlier step could lead anywhere later.
  if (resolved.via !== undefined) {
    throw new ToolError(`refused: argument ${quoteName(where)} is the path ${JSON.stringify(value)}, which goes through the symbolic link ${path.relative(root, resolved.via) || resolved.via}; a plan may not write through a symbolic link`);
  }
  const state = protectedPart([...parts, ...pathParts(value)]);
  if (state !== undefined) throw new ToolError(`refused: ${stateFolderMessage(where, value, state)}`);
  if (writableFolderOf(parts, writable, await foldsCase(root)) === undefined) throw new ToolError(`refused: ${notWritableMessage(where, value, writable)}`);
  if (target !== undefined && !target.isFile() && !target.isDirectory()) {
    throw new ToolError(`refused: argument ${quoteName(where)} is the path ${JSON.stringify(value)}, which is not a regular file (a device, FIFO or socket); a plan may write only regular files`);
  }
  if (target?.isFile() && target.nlink > 1) {
    throw new ToolError(`refused: argument ${quoteName(where)} is the path ${JSON.stringify(value)}, a file with ${target.nlink} hard links: writing it would change the same file elsewhere too`);
  }
}

/** Whether a hard-linked file is one of the files directly in the workspace's .git (config holds actions/checkout's token). */
async function isGitFile(root: string, file: { readonly ino: number; readonly dev: number }): Promise<boolean> {
  const git = path.join(root, '.git');
  const names = await readdir(git).catch(() => [] as string[]);
  for (const name of names) {
    const entry = await lstat(path.join(git, name)).catch(() => undefined);
    if (entry !== undefined && entry.ino === file.ino && entry.dev === file.dev) return true;
  }
  return false;
}

/**
 * Where `value` (relative to `base`) leads: each component in turn, a symbolic link replaced by its
 * target, `..` taken from the real directory reached so far. Past a component that does not exist,
 * the rest is lexical (nothing below a missing directory can be a link).
 */
export async function resolveLikeTheSystem(base: string, value: string): Promise<{ readonly path: string; readonly via?: string }> {
  let current = path.isAbsolute(value) ? path.parse(path.resolve(value)).root : await realpath(base).catch(() => path.resolve(base));
  let via: string | undefined;
  const pending = splitPath(value);
  let hops = 0;
  let missing = false;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    if (missing) {
      current = next;
      continue;
    }
    let stats;
    try {
      stats = await lstat(next);
    } catch {
      missing = true;
      current = next;
      continue;
    }
    if (!stats.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (++hops > maxLinkHops) throw new ToolError(`refused: the path ${JSON.stringify(value)} goes through more than ${maxLinkHops} symbolic links`);
    via ??= next;
    const target = await readlink(next);
    // The link's target is read from the directory holding the link (or from / when absolute).
    if (path.isAbsolute(target)) current = path.parse(target).root;
    pending.unshift(...splitPath(target));
  }
  return via === undefined ? { path: current } : { path: current, via };
}

const separators = path.sep === '\\' ? /[\\/]+/ : /\/+/;

function splitPath(value: string): string[] {
  return value.split(separators).filter((part) => part !== '');
}
