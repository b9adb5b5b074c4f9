// Whether the file system holding a directory compares names case-insensitively (macOS and Windows by
// default), found by asking it: an entry looked up with its case swapped names the same file or not.

import path from 'node:path';
import { lstatBigInt, opendir } from '../source/fs-callbacks.ts';

const answers = new Map<string, Promise<boolean>>();

/** True when names in `dir` are compared case-insensitively; false when they are not or nothing tells (the stricter reading). */
export function foldsCase(dir: string): Promise<boolean> {
  let answer = answers.get(dir);
  if (answer === undefined) {
    answer = probe(dir).catch(() => false);
    answers.set(dir, answer);
  }
  return answer;
}

function swapCase(name: string): string {
  return [...name].map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase())).join('');
}

async function probe(dir: string): Promise<boolean> {
  // An entry of the directory itself is on the file system that matters; the directory's own name is the fallback.
  const candidates: string[] = [];
  const names = new Set<string>();
  const handle = await opendir(dir);
  let seen = 0;
  for await (const entry of handle) {
    names.add(entry.name);
    if (swapCase(entry.name) !== entry.name) candidates.push(path.join(dir, entry.name));
    // Leaving the loop closes the directory.
    if (++seen >= 64) break;
  }
  if (swapCase(path.basename(dir)) !== path.basename(dir)) candidates.push(dir);
  for (const candidate of candidates) {
    const swapped = path.join(path.dirname(candidate), swapCase(path.basename(candidate)));
    // Both spellings present as entries: a case-sensitive file system holds two files.
    if (path.dirname(candidate) === dir && names.has(path.basename(swapped))) return false;
    const [original, other] = await Promise.all([lstatBigInt(candidate), lstatBigInt(swapped).catch(() => undefined)]);
    return other !== undefined && other.ino === original.ino && other.dev === original.dev;
  }
  return false;
}
