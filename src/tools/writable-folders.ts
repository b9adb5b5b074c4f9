// Where a plan may write: only under the folders its pipeline declares `writable` (default out/),
// never inside `.git` (hooks and config run code, and actions/checkout keeps a token there) or
// planexec's own `.planexec`, and a plan may read nothing inside `.git`. Pure: the disk is looked at
// in workspace-paths.ts (and, at write time, by tools/scripts/fs-tools.mjs, which repeats these rules
// in plain JavaScript).

import { quoteName } from './argument-text.ts';

/** A writable folder, normalized: relative to the workspace, `/`-separated, without `.` parts or a trailing `/`. */
export type WritableFolder = string;

/** The folders a plan may write under when its pipeline does not say (`writable:`). */
export const DEFAULT_WRITABLE: readonly WritableFolder[] = ['out'];

/** The folder as the pipeline lists it, normalized, or why it cannot be writable. */
export function normalizeWritableFolder(entry: string): { readonly folder: WritableFolder } | { readonly problem: string } {
  if (entry.includes('\\')) return { problem: 'has a \\; separate folders with /' };
  if (entry.startsWith('/') || /^[A-Za-z]:/.test(entry)) return { problem: 'is absolute; give a folder relative to the workspace (the directory planexec runs in), e.g. out/' };
  const parts = entry.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) return { problem: 'climbs out with ..; give a folder inside the workspace, e.g. out/' };
  if (parts.length === 0) return { problem: 'is the workspace itself, which holds what later steps and runs execute (package.json, Makefile, scripts); name a folder inside it, e.g. out/' };
  const state = parts.find((part) => protectedFolderName(part) !== undefined);
  if (state !== undefined) return { problem: `is inside ${protectedFolderName(state)}, which a plan may never write` };
  return { folder: parts.join('/') };
}

/** How a message lists the folders: `out/, docs/generated/`, or that there are none. */
export function describeWritable(folders: readonly WritableFolder[]): string {
  return folders.length === 0 ? 'nowhere (writable: [])' : `only under ${folders.map((folder) => `${folder}/`).join(', ')}`;
}

/**
 * A file name as file systems may read it when they compare names: `.GIT`, `.git.` and `.git ` (Windows
 * drops trailing dots and spaces) all name `.git` somewhere, so protected names are always compared so.
 */
function looseName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[. ]+$/, '');
}

const protectedFolders: Readonly<Record<string, string>> = { '.git': '.git', '.planexec': '.planexec' };

/** `.git` or `.planexec` when the name is one of them as some file system reads it. */
function protectedFolderName(name: string): string | undefined {
  return protectedFolders[looseName(name)];
}

/** The first part of a path (split at / or \) that names `.git`, however spelled; undefined when none does. */
export function gitPart(parts: readonly string[]): string | undefined {
  return parts.find((part) => protectedFolderName(part) === '.git');
}

/** The first part that names `.git` or `.planexec`. */
export function protectedPart(parts: readonly string[]): string | undefined {
  return parts.find((part) => protectedFolderName(part) !== undefined);
}

/** The parts of a path, at `/` and (on Windows) `\`, without empty and `.` parts. */
export function pathParts(value: string, windows: boolean = process.platform === 'win32'): string[] {
  return value.split(windows ? /[\\/]+/ : /\/+/).filter((part) => part !== '' && part !== '.');
}

/**
 * The writable folder that holds `parts` (a path relative to the workspace, already free of `..`), or
 * undefined. `foldCase`: the file system compares names case-insensitively (file-system-case.ts).
 */
export function writableFolderOf(parts: readonly string[], folders: readonly WritableFolder[], foldCase: boolean): WritableFolder | undefined {
  const same = foldCase ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  return folders.find((folder) => {
    const inner = folder.split('/');
    return inner.length <= parts.length && inner.every((part, index) => same(part, parts[index]!));
  });
}

export function gitMessage(where: string, value: string): string {
  return `argument ${quoteName(where)} is the path ${JSON.stringify(value)}, inside .git, which holds the repository's configuration, hooks and credentials; a plan may neither read nor write there`;
}

export function notWritableMessage(where: string, value: string, folders: readonly WritableFolder[]): string {
  return `argument ${quoteName(where)} is the path ${JSON.stringify(value)}, which is not inside a folder this pipeline lets plans write: a plan may write ${describeWritable(folders)} (the pipeline's writable)`;
}

export function stateFolderMessage(where: string, value: string, part: string): string {
  return `argument ${quoteName(where)} is the path ${JSON.stringify(value)}, inside ${protectedFolderName(part)}, which a plan may never write`;
}
