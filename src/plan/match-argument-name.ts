// "did you mean" for an argument name the tool does not declare. Models dress a declared name up:
// `input_text`, `text_input`, `textInput` and `texts` for `text`, `file_path` for `path`, `image_url`
// and `url_link` for `url`, `audio_file_1` for `audio_1`. So: the same words in any case or
// separator, singular or plural, one name's words inside the other's, a synonym; then a near spelling.

import { closestMatch } from '../source/did-you-mean.ts';
import { sameWord, wordsOf } from '../source/name-words.ts';
import { namesOpposite } from '../source/opposite-words.ts';
import { similarWords } from '../source/similar-words.ts';

/** Every word of `part` is a word of `whole` (in order or not); `whole` has at least as many. */
function within(part: readonly string[], whole: readonly string[], same: (a: string, b: string) => boolean): boolean {
  return part.length > 0 && part.length <= whole.length && part.every((word) => whole.some((other) => same(word, other)));
}

// Models repeat their renames (`input_text` on every step): each answer is kept, for a bounded number.
const answers = new Map<string, string | undefined>();

/** The declared argument `written` most likely stands for, if one stands out. */
export function argumentNameFor(written: string, declared: readonly string[]): string | undefined {
  const key = `${written}\u0000${declared.join('\u0000')}`;
  if (answers.has(key)) return answers.get(key);
  const answer = findArgumentName(written, declared);
  if (answers.size < 10_000) answers.set(key, answer);
  return answer;
}

function findArgumentName(written: string, declared: readonly string[]): string | undefined {
  const words = wordsOf(written);
  const candidates = declared.filter((name) => !namesOpposite(written, name)).map((name) => ({ name, words: wordsOf(name) }));
  // From the closest kind of likeness to the loosest; a kind that fits two names decides nothing.
  const kinds: ((a: readonly string[], b: readonly string[]) => boolean)[] = [
    (a, b) => within(a, b, sameWord) && within(b, a, sameWord),
    (a, b) => within(b, a, sameWord) || within(a, b, sameWord),
    (a, b) => within(b, a, similarWords) || within(a, b, similarWords),
  ];
  for (const kind of kinds) {
    const fits = candidates.filter((candidate) => kind(words, candidate.words));
    if (fits.length === 1) return fits[0]!.name;
    if (fits.length > 1) break;
  }
  return closestMatch(written, candidates.map((candidate) => candidate.name));
}
