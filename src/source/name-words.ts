// Names and descriptions as the words a person compares: `TextToSpeech`, `text_to_speech` and
// "Text-to-Speech" are the same three words, and light stemming lets "Downloader" meet "downloads".

/** Lower-case words of a name or a sentence: camelCase, snake_case, kebab-case and digits split apart. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Longest first; each leaves a stem of at least three letters, so "user" and "uses" keep theirs apart from "us".
const suffixes = ['izations', 'ization', 'isation', 'ations', 'ation', 'itions', 'ition', 'ments', 'ment', 'ions', 'ion', 'ings', 'ing', 'ers', 'ors', 'ies', 'er', 'or', 'ed', 'es', 'ly', 's', 'y', 'e'];

/** The word without its commonest inflection or agent ending: downloader, downloads, downloading → download. */
export function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = word;
    for (const suffix of suffixes) {
      if (word.endsWith(suffix) && word.length - suffix.length >= 3 && !(suffix === 's' && word.endsWith('ss'))) {
        stem = undouble(word.slice(0, -suffix.length));
        break;
      }
    }
    // Bounded: the words come from model output too.
    if (stems.size < 10_000) stems.set(word, stem);
  }
  return stem;
}
const stems = new Map<string, string>();

/** splitter → splitt → split, stopped → stop; not call, pass, buzz or staff. */
function undouble(stem: string): string {
  const last = stem[stem.length - 1]!;
  return stem.length > 3 && last === stem[stem.length - 2] && !'lszf'.includes(last) && !'aeiou'.includes(last) ? stem.slice(0, -1) : stem;
}

/** Whether two words are one word inflected two ways: the same stem, or a long shared start (summarizer, summary). */
export function sameWord(a: string, b: string): boolean {
  return a === b || sameStem(stemOf(a), stemOf(b));
}

/** sameWord on stems already taken. */
export function sameStem(x: string, y: string): boolean {
  if (x === y) return true;
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  return common >= 5 && common >= Math.min(x.length, y.length) - 2;
}
