// Suggests the intended word for a misspelt one ("taks" → "task"), so messages can say what to write;
// never one that names the opposite action ("disable_cache" for "enable_cache"), however close.

import { namesOpposite } from './opposite-words.ts';

/** The candidate closest to `word`, if one is close enough to be a plausible typo. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const target = word.toLowerCase();
  const limit = target.length <= 3 ? 1 : Math.max(2, Math.floor(target.length / 3));
  const spelled = spelling(word);
  // Close enough, closest first (a same spelling first of all); the opposite check only for those.
  const close: { readonly candidate: string; readonly distance: number }[] = [];
  for (const candidate of candidates) {
    // Same letters and digits, other case or separators: "TextSearch" means "Text_Search".
    if (spelled !== '' && spelling(candidate) === spelled) {
      close.push({ candidate, distance: -1 });
      continue;
    }
    // Too different in length to be within the limit: skip the quadratic distance.
    if (Math.abs(candidate.length - target.length) > limit) continue;
    const distance = editDistance(target, candidate.toLowerCase(), limit);
    if (distance <= limit) close.push({ candidate, distance });
  }
  close.sort((a, b) => a.distance - b.distance);
  return close.find(({ candidate }) => !namesOpposite(word, candidate))?.candidate;
}

function spelling(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMeanSuffix(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, the commonest typo),
 * kept in three rolling rows; gives up with `limit + 1` once every cell of a row is over `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}
