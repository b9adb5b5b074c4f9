// Words that mean the same thing in a tool's name: image/picture/photo, audio/sound/speech/voice,
// download/fetch, search/find. A model names a tool in its own words; the declared one may use others.

import { sameStem, sameWord, stemOf } from './name-words.ts';

const groups: readonly (readonly string[])[] = [
  ['image', 'picture', 'photo', 'img', 'pic', 'photograph'],
  ['video', 'clip', 'movie', 'film'],
  ['audio', 'sound', 'speech', 'voice', 'music'],
  ['text', 'string'],
  ['download', 'fetch', 'retrieve'],
  ['search', 'find', 'lookup', 'seek'],
  ['summarize', 'summary', 'digest', 'condense'],
  ['create', 'make', 'generate', 'produce'],
  ['combine', 'merge', 'join', 'splice', 'stitch', 'concatenate', 'collage'],
  ['change', 'modify', 'alter', 'edit', 'adjust'],
  ['remove', 'delete', 'erase'],
  ['check', 'verify', 'validate'],
  ['convert', 'transform', 'turn'],
  ['write', 'save', 'store'],
  ['read', 'load'],
  ['analyze', 'analysis', 'analyse'],
  ['url', 'link', 'address'],
  ['keyword', 'keyphrase', 'tag'],
  ['paraphrase', 'rephrase', 'reword', 'rewrite'],
  ['translate', 'translation'],
  ['transcribe', 'transcription'],
  ['list', 'enumerate'],
  ['send', 'post'],
  ['repository', 'repo'],
  ['directory', 'folder', 'dir'],
  ['message', 'mail', 'email'],
];

// Stems seen so far, each with its group or undefined for none (bounded: names come from model
// output); the groups' own words are put in on first use.
const groupOf = new Map<string, number | undefined>();

/** The group of synonyms a word belongs to, inflected as it may be ("modifier" is one of modify's). */
function groupFor(word: string): number | undefined {
  if (groupOf.size === 0) groups.forEach((members, index) => members.forEach((member) => groupOf.set(stemOf(member), index)));
  const stem = stemOf(word);
  let group = groupOf.get(stem);
  if (group === undefined && !groupOf.has(stem)) {
    group = groups.findIndex((members) => members.some((member) => sameWord(word, member)));
    if (group === -1) group = undefined;
    if (groupOf.size < 10_000) groupOf.set(stem, group);
  }
  return group;
}

/** Whether two words are one word inflected two ways, or synonyms. */
export function similarWords(a: string, b: string): boolean {
  return similarForms(formOf(a), formOf(b));
}

/** A word with its stem and synonym group, taken once for a word compared with many. */
export interface WordForm {
  readonly word: string;
  readonly stem: string;
  readonly group: number | undefined;
}

export function formOf(word: string): WordForm {
  return { word, stem: stemOf(word), group: groupFor(word) };
}

/** similarWords on forms already taken. */
export function similarForms(a: WordForm, b: WordForm): boolean {
  return a.word === b.word || sameStem(a.stem, b.stem) || (a.group !== undefined && a.group === b.group);
}
