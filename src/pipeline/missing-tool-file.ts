// What to say when a `use:` names no file: where the path was taken from (the declaring file's
// folder, which people often mistake for the project root) and the file they probably meant.

import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { closestMatch } from '../source/did-you-mean.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { positionInScalar } from '../source/scalar-positions.ts';
import { diagnosticAt, displayPathFor } from '../source/yaml-source.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';

/** Folders searched above the pipeline's at most; the project root (below) usually ends the search first. */
const MAX_LEVELS_UP = 8;
/** What marks the root of a project: the search goes no higher. */
const PROJECT_ROOT_MARKERS = ['planexec.config.yaml', 'planexec.config.yml', 'package.json', '.git'];

/** The diagnostic for `use:` at `at` naming `missing` (absolute), which does not exist. */
export async function missingToolFile(pipeline: YamlSource, at: InstancePath, use: string, missing: string, cwd: string): Promise<Diagnostic> {
  const from = path.dirname(pipeline.file);
  const where = `a use: path is relative to the file that declares it, ${pipeline.displayPath}, so this one names ${displayPathFor(missing, cwd)}`;
  const found = (await misspeltSibling(missing)) ?? sameFileElsewhere(use, from, cwd);
  const message = `tool file ${JSON.stringify(use)} not found: ${where}`;
  if (found === undefined) return diagnosticAt(pipeline, at, message);
  const suggestion = toPosix(path.relative(from, found));
  const hint = `write use: ${suggestion}`;
  const end = positionInScalar(pipeline, at, use.length);
  return { ...diagnosticAt(pipeline, at, `${message}; ${hint}`), hint, fix: { text: suggestion, end: { line: end.line, col: end.col } } };
}

/** A YAML file beside the missing one with a close name (`gti.yaml` for `git.yaml`). */
async function misspeltSibling(missing: string): Promise<string | undefined> {
  const names = await readdir(path.dirname(missing)).catch(() => [] as string[]);
  const match = closestMatch(path.basename(missing), names.filter((name) => /\.ya?ml$/.test(name)));
  return match === undefined ? undefined : path.join(path.dirname(missing), match);
}

/**
 * The nearest file the path probably meant, looking from the pipeline's folder up to the project
 * root (and from the working directory): the same path taken from there, or a file of the same name
 * in a `tools/` folder or in the installed tool library.
 */
function sameFileElsewhere(use: string, from: string, cwd: string): string | undefined {
  const name = path.basename(use);
  const candidates: string[] = [];
  let folder = from;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    candidates.push(path.join(folder, use), path.join(folder, 'tools', name), path.join(folder, 'node_modules', 'planexec', 'tools', name));
    const parent = path.dirname(folder);
    if (parent === folder || PROJECT_ROOT_MARKERS.some((marker) => existsSync(path.join(folder, marker)))) break;
    folder = parent;
  }
  candidates.push(path.resolve(cwd, use));
  return candidates.find((candidate) => candidate !== path.resolve(from, use) && isFile(candidate));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
