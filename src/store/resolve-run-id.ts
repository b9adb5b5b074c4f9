// Which stored run the user means: a whole id, a unique prefix of one (`20261126-1309`), or `last`
// (the newest, as `planexec runs` lists it first). An unknown or ambiguous one is a RunStoreError.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { listRunIds, RunStoreError } from './read-run.ts';

/** Most candidates an ambiguous prefix lists. */
const shownCandidates = 10;

export function resolveRunId(root: string, given: string): string {
  const where = path.relative(process.cwd(), root) || '.';
  // A whole id needs no listing (a store may hold thousands of runs).
  if (given !== 'last' && /^[A-Za-z0-9_.-]+$/.test(given) && !given.startsWith('.') && existsSync(path.join(root, given, 'events.ndjson'))) return given;
  const ids = listRunIds(root);
  if (given === 'last') {
    const newest = ids[0];
    if (newest === undefined) throw new RunStoreError(`no runs yet in ${where}, so there is no last one`);
    return newest;
  }
  if (ids.includes(given)) return given;
  const matches = given === '' ? [] : ids.filter((id) => id.startsWith(given));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new RunStoreError(`no run "${given}" in ${where} (planexec runs lists them; last is the newest)`);
  const listed = matches.slice(0, shownCandidates).map((id) => `  ${id}`);
  if (matches.length > shownCandidates) listed.push(`  … and ${matches.length - shownCandidates} more`);
  throw new RunStoreError([`"${given}" is the start of ${matches.length} run ids; give more of the one you mean:`, ...listed].join('\n'));
}
