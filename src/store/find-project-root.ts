// The project a command runs in, so the run store is one folder however deep the working directory:
// the folder of the planexec.config.yaml that applies, else the git root, else the working directory.

import { statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/config-file-names.ts';

/**
 * The config is searched as the config loader searches it (from `cwd` up to the nearest folder with
 * a package.json), so the store sits next to the config a run uses. The git root is the nearest
 * folder with a `.git` entry (a folder, or the file of a worktree or submodule); no git process.
 */
export function findProjectRoot(cwd: string): string {
  const start = path.resolve(cwd);
  return configFolder(start) ?? gitRoot(start) ?? start;
}

function configFolder(start: string): string | undefined {
  for (const dir of ancestors(start)) {
    if (CONFIG_FILE_NAMES.some((name) => isPresent(path.join(dir, name), 'not-folder'))) return dir;
    if (isPresent(path.join(dir, 'package.json'), 'any') || isPresent(path.join(dir, 'package.yaml'), 'any')) return undefined;
  }
  return undefined;
}

function gitRoot(start: string): string | undefined {
  return ancestors(start).find((dir) => isPresent(path.join(dir, '.git'), 'any'));
}

/** `start`, then each parent folder up to the file system's root. */
function ancestors(start: string): string[] {
  const dirs = [start];
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) dirs.push(path.dirname(dir));
  return dirs;
}

function isPresent(file: string, kind: 'any' | 'not-folder'): boolean {
  try {
    const found = statSync(file, { throwIfNoEntry: false });
    return found !== undefined && (kind === 'any' || !found.isDirectory());
  } catch {
    // A parent that cannot be read (no permission) holds no project marker we could use.
    return false;
  }
}
