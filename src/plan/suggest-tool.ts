// "did you mean" for a tool the plan names but the pipeline does not declare: a near spelling of a
// declared name, else the tool whose name and description say what the model's name says, word by
// word ("Speech-to-Text" → Audio_to_Text, "OCR" → the tool whose description says OCR). Never a tool
// that would do the opposite (Image_Uploader → Image_Downloader, Text_to_Audio → Audio_to_Text).

import { closestMatch } from '../source/did-you-mean.ts';
import { wordsOf } from '../source/name-words.ts';
import { namesOpposite } from '../source/opposite-words.ts';
import { similarWords } from '../source/similar-words.ts';

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
  readonly nameWords: readonly string[];
  readonly descriptionWords: readonly string[];
}

const indexes = new WeakMap<readonly DescribedTool[], ToolWords[]>();
function toolWordsOf(tools: readonly DescribedTool[]): ToolWords[] {
  let index = indexes.get(tools);
  if (!index) indexes.set(tools, (index = tools.map((tool) => ({ name: tool.name, nameWords: contentWords(tool.name), descriptionWords: contentWords(tool.description) }))));
  return index;
}

/** How well a query word is said by a tool: 1 in its name, 0.7 only in its description, else 0. */
function said(word: string, tool: ToolWords): number {
  if (tool.nameWords.some((other) => similarWords(word, other))) return 1;
  return tool.descriptionWords.some((other) => similarWords(word, other)) ? 0.7 : 0;
}

/**
 * Whether the tool is named for something other than what a written word asks, which it does not
 * say anywhere: Audio_Splicer for "Video Splicer", URL_Extractor for "Audio Extractor" (a misspelt
 * word, "comits" for "commits", is no other thing).
 */
function namedForAnother(query: readonly string[], tool: ToolWords, index: readonly ToolWords[]): boolean {
  // Only a word that names other tools is another thing; "recognition" in "Speech Recognition" names none.
  const namesTools = (word: string) => index.some((other) => other !== tool && other.nameWords.some((name) => similarWords(word, name)));
  const unsaid = query.filter((word) => said(word, tool) === 0 && closestMatch(word, tool.nameWords) === undefined);
  if (unsaid.length === 0) return false;
  const unmatched = tool.nameWords.filter((word) => !query.some((other) => similarWords(word, other) || closestMatch(other, [word]) !== undefined));
  // The same name with one word swapped for another is another thing even when no other tool names that word.
  if (unmatched.length > 0 && unmatched.length === unsaid.length && tool.nameWords.length === query.length) return true;
  return unmatched.length > 0 && unsaid.some(namesTools);
}

/** A best match must say this share of what the written name says, weighted by how rare each word is among the tools. */
const enough = 0.7;

/**
 * The declared tools the model most likely meant by `written`: one, or two that fit equally well, or
 * none. Words are weighted by rarity (a word every tool has, like "text", tells little).
 */
export function suggestTools(written: string, tools: readonly DescribedTool[]): string[] {
  // "Text-to-Video (for each topic)" names Text-to-Video; "Text Search or Image Search" names two.
  const names = written.replace(/\([^()]*\)/g, ' ').split(/\s+or\s+|\s*\/\s*/).map((name) => name.trim()).filter(Boolean);
  if (names.length > 1) {
    const each = [...new Set(names.flatMap((name) => suggestFor(name, tools).slice(0, 1)))];
    return each.length <= 2 ? each : [];
  }
  return suggestFor(names[0] ?? written, tools);
}

function suggestFor(written: string, tools: readonly DescribedTool[]): string[] {
  const query = contentWords(written);
  const index = toolWordsOf(tools);
  const allowed = index.filter((tool) => !namesOpposite(written, tool.name) && !namedForAnother(query, tool, index));
  const spelled = closestMatch(written, allowed.map((tool) => tool.name));
  if (spelled !== undefined) return [spelled];
  if (query.length === 0) return [];
  const weights = query.map((word) => {
    const sayers = index.filter((tool) => said(word, tool) > 0).length;
    return 1 + Math.log(index.length / Math.max(1, sayers));
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const allowedNames = new Set(allowed.map((tool) => tool.name));
  const scored = index
    .filter((tool) => allowedNames.has(tool.name))
    .map((tool) => {
      const fit = query.reduce((sum, word, i) => sum + weights[i]! * said(word, tool), 0) / total;
      // Of two that say the query equally, the one whose name says nothing else.
      const extra = tool.nameWords.filter((word) => !query.some((other) => similarWords(word, other))).length;
      return { name: tool.name, fit, extra };
    })
    .filter((entry) => entry.fit >= enough)
    .sort((a, b) => b.fit - a.fit || a.extra - b.extra);
  const best = scored[0];
  if (best === undefined) return [];
  const ties = scored.filter((entry) => entry.fit === best.fit && entry.extra === best.extra);
  return ties.length <= 2 ? ties.map((entry) => entry.name) : [];
}
