// "did you mean" for a tool the plan names but the pipeline does not declare: a near spelling of a
// declared name, else the tool whose name and description say what the model's name says, word by
// word ("Speech-to-Text" → Audio_to_Text, "OCR" → the tool whose description says OCR). Never a tool
// that would do the opposite (Image_Uploader → Image_Downloader, Text_to_Audio → Audio_to_Text).

import { closestMatch } from '../source/did-you-mean.ts';
import { wordsOf } from '../source/name-words.ts';
import { wordsOpposite } from '../source/opposite-words.ts';
import { formOf, similarForms, type WordForm } from '../source/similar-words.ts';

export interface DescribedTool {
  readonly name: string;
  readonly description: string;
}

/** Words that say nothing about what a tool does. */
const fillers = new Set(
  'a an the of to from for by with and or in on into onto using use given based file files tool input output data content one two its it is as that this each such more most some any via be if either while at other another then than all new'.split(' '),
);

function contentWords(text: string): string[] {
  return [...new Set(wordsOf(text).filter((word) => !fillers.has(word) && !/^\d+$/.test(word)))];
}

interface ToolWords {
  readonly name: string;
  /** Every word of the name, fillers too: what wordsOpposite compares. */
  readonly allNameWords: readonly string[];
  readonly nameWords: readonly string[];
  readonly descriptionWords: readonly string[];
}

/** The declared tools as words, once per tool list, with the suggestions already made for it. */
interface ToolIndex {
  readonly tools: readonly ToolWords[];
  /** Every distinct word of the names and descriptions, and of the names alone. */
  readonly vocabulary: readonly WordForm[];
  readonly nameVocabulary: readonly string[];
  readonly suggested: Map<string, string[]>;
}

const indexes = new WeakMap<readonly DescribedTool[], ToolIndex>();
function indexOf(declared: readonly DescribedTool[]): ToolIndex {
  let index = indexes.get(declared);
  if (!index) {
    const tools = declared.map((tool) => ({ name: tool.name, allNameWords: wordsOf(tool.name), nameWords: contentWords(tool.name), descriptionWords: contentWords(tool.description) }));
    const nameVocabulary = [...new Set(tools.flatMap((tool) => tool.nameWords))];
    const vocabulary = [...new Set([...nameVocabulary, ...tools.flatMap((tool) => tool.descriptionWords)])].map(formOf);
    index = { tools, vocabulary, nameVocabulary, suggested: new Map() };
    indexes.set(declared, index);
  }
  return index;
}

/** The written name's words, each with the tools' words it matches and how each tool says it, worked out once per name. */
interface Query {
  readonly words: readonly string[];
  /** similar[i]: the tools' words that are word i inflected otherwise, or a synonym. */
  readonly similar: readonly ReadonlySet<string>[];
  /** spelled[i]: the tools' name words word i is a misspelling of. */
  readonly spelled: readonly ReadonlySet<string>[];
  /** saying[i][t]: how tool t says word i: 1 in its name, 0.7 only in its description, else 0. */
  readonly saying: readonly (readonly number[])[];
  /** naming[i]: how many tools' names say word i. */
  readonly naming: readonly number[];
}

function queryOf(written: string, index: ToolIndex): Query {
  const words = contentWords(written);
  const similar = words.map((word) => {
    const form = formOf(word);
    return new Set(index.vocabulary.filter((other) => similarForms(form, other)).map((other) => other.word));
  });
  const spelled = words.map((word) => new Set(index.nameVocabulary.filter((other) => closestMatch(word, [other]) !== undefined)));
  const saying = similar.map((matches) => index.tools.map((tool) => (tool.nameWords.some((word) => matches.has(word)) ? 1 : tool.descriptionWords.some((word) => matches.has(word)) ? 0.7 : 0)));
  return { words, similar, spelled, saying, naming: saying.map((row) => row.filter((value) => value === 1).length) };
}

/**
 * Whether the tool is named for something other than what a written word asks, which it does not
 * say anywhere: Audio_Splicer for "Video Splicer", URL_Extractor for "Audio Extractor" (a misspelt
 * word, "comits" for "commits", is no other thing).
 */
function namedForAnother(query: Query, t: number, tool: ToolWords): boolean {
  const unsaid = query.words.map((_, i) => i).filter((i) => query.saying[i]![t] === 0 && !tool.nameWords.some((word) => query.spelled[i]!.has(word)));
  if (unsaid.length === 0) return false;
  const unmatched = tool.nameWords.filter((word) => !query.words.some((_, i) => query.similar[i]!.has(word) || query.spelled[i]!.has(word)));
  if (unmatched.length === 0) return false;
  // The same name with one word swapped for another is another thing even when no other tool names that word.
  if (unmatched.length === unsaid.length && tool.nameWords.length === query.words.length) return true;
  // Otherwise only a word that names other tools is another thing; "recognition" in "Speech Recognition" names none.
  return unsaid.some((i) => query.naming[i]! > 0);
}

/** A best match must say this share of what the written name says, weighted by how rare each word is among the tools. */
const enough = 0.7;

/**
 * The declared tools the model most likely meant by `written`: one, or two that fit equally well, or
 * none. Words are weighted by rarity (a word every tool has, like "text", tells little).
 */
export function suggestTools(written: string, tools: readonly DescribedTool[]): string[] {
  const index = indexOf(tools);
  let suggested = index.suggested.get(written);
  if (!suggested) {
    // "Text-to-Video (for each topic)" names Text-to-Video; "Text Search or Image Search" names two.
    const names = written.replace(/\([^()]*\)/g, ' ').split(/\s+or\s+|\s*\/\s*/).map((name) => name.trim()).filter(Boolean);
    if (names.length > 1) {
      const each = [...new Set(names.flatMap((name) => suggestFor(name, index).slice(0, 1)))];
      suggested = each.length <= 2 ? each : [];
    } else {
      suggested = suggestFor(names[0] ?? written, index);
    }
    // Bounded: the names come from model output.
    if (index.suggested.size < 1000) index.suggested.set(written, suggested);
  }
  return [...suggested];
}

function suggestFor(written: string, index: ToolIndex): string[] {
  const query = queryOf(written, index);
  const writtenWords = wordsOf(written);
  const allowed = index.tools.map((tool, t) => !wordsOpposite(writtenWords, tool.allNameWords) && !namedForAnother(query, t, tool));
  const spelled = closestMatch(written, index.tools.filter((_, t) => allowed[t]).map((tool) => tool.name));
  if (spelled !== undefined) return [spelled];
  if (query.words.length === 0) return [];
  const weights = query.saying.map((row) => 1 + Math.log(index.tools.length / Math.max(1, row.filter((value) => value > 0).length)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const scored = index.tools
    .map((tool, t) => {
      const fit = weights.reduce((sum, weight, i) => sum + weight * query.saying[i]![t]!, 0) / total;
      // Of two that say the query equally, the one whose name says nothing else.
      const extra = tool.nameWords.filter((word) => !query.similar.some((matches) => matches.has(word))).length;
      return { name: tool.name, fit, extra, allowed: allowed[t]! };
    })
    .filter((entry) => entry.allowed && entry.fit >= enough)
    .sort((a, b) => b.fit - a.fit || a.extra - b.extra);
  const best = scored[0];
  if (best === undefined) return [];
  const ties = scored.filter((entry) => entry.fit === best.fit && entry.extra === best.extra);
  return ties.length <= 2 ? ties.map((entry) => entry.name) : [];
}
