// The run-time half of `format: path`: each such argument, with references filled in, must lead to a
// place inside the workspace (the directory planexec runs in) once symbolic links are followed the way
// the operating system will follow them: component by component, `..` after a link's target.

import { lstat, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { quoteName } from './argument-text.ts';
import { argumentPathOf, isInside, outsideWorkspaceMessage, pathArguments } from './path-arguments.ts';
import { ToolError } from './tool-call.ts';
import { toolKindOf } from './tool-kinds.ts';
import type { ToolSpec } from './tool-spec.ts';
import { unsafeTextReason } from './unsafe-text.ts';

const maxLinkHops = 40;

/** Throws a ToolError naming the first `format: path` argument that leads outside the workspace. */
export async function confinePathArguments(tool: ToolSpec, args: Readonly<Record<string, unknown>>, workspace: string): Promise<void> {
  const values = pathArguments(tool, args);
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
  }
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
