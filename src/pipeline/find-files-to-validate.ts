// What `validate` checks for each argument: a file as named; every YAML file in a folder (recursively);
// the files a quoted glob matches (planexec expands it, so `'pipelines/**/*.yaml'` works in any shell).

import { globSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The files one argument stands for. */
export interface ArgumentFiles {
  readonly arg: string;
  /**
   * False: the argument named a file (or nothing, which reading it reports). True: a folder or a
   * glob, whose files are checked only when they are planexec files, and which must match one.
   */
  readonly found: boolean;
  /** As the argument named them, or joined onto the folder it named; sorted. */
  readonly files: readonly string[];
}

/** Folders never searched: what they hold is not the project's own pipelines. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.planexec']);
const YAML_FILE = /\.ya?ml$/i;
export const GLOB_CHARACTERS = /[*?[\]{}]/;

export function findFilesToValidate(args: readonly string[], cwd: string): ArgumentFiles[] {
  return args.map((arg) => {
    const kind = kindOf(path.resolve(cwd, arg));
    // A missing file is reported as one, where the reading of it fails.
    if (kind === 'file' || (kind === 'missing' && !GLOB_CHARACTERS.test(arg))) return { arg, found: false, files: [arg] };
    return { arg, found: true, files: kind === 'folder' ? yamlFilesIn(arg, cwd) : globbed(arg, cwd) };
  });
}

function kindOf(file: string): 'file' | 'folder' | 'missing' {
  try {
    return statSync(file).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** The YAML files under `folder`, sorted, depth first, without hidden and dependency folders. */
function yamlFilesIn(folder: string, cwd: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.resolve(cwd, folder), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const inside = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) found.push(...yamlFilesIn(inside, cwd));
    } else if (YAML_FILE.test(entry.name) && kindOf(path.resolve(cwd, inside)) === 'file') found.push(inside);
  }
  return found;
}

/** The YAML files a glob matches (a folder it matches: the YAML files inside), sorted. */
function globbed(pattern: string, cwd: string): string[] {
  const matches = globSync(pattern, { cwd, exclude: (name) => SKIPPED_FOLDERS.has(path.basename(String(name))) }).sort();
  return matches.flatMap((match) => {
    const kind = kindOf(path.resolve(cwd, match));
    if (kind === 'folder') return yamlFilesIn(match, cwd);
    return kind === 'file' && YAML_FILE.test(match) ? [match] : [];
  });
}
