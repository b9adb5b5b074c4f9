// Markdown a model or a tool wrote, made safe to render in a GitHub summary: it keeps its headings,
// lists, tables, emphasis, links and code, but no raw HTML, autolink or image takes effect, and a
// code block it leaves open is closed so it cannot swallow what follows.
//
// A zero-width space goes after every `<` that could open a tag, a comment or an autolink (`<a`,
// `</`, `<!`, `<?`) and between `!` and `[`: GitHub then shows them as the text they are. It goes in
// everywhere, code included, where it is invisible: whether a `<` is inside code depends on context
// (code spans that run over lines, a fence a list item closes) that no line-by-line reading gets
// right every time, and a wrong guess would let raw HTML through.

import { visibleLines } from '../source/visible-text.ts';

const ZERO_WIDTH_SPACE = '\u200b';

export interface InertMarkdown {
  readonly text: string;
  /** The closing fence the text seems to need when it ends inside a code block ('' otherwise). */
  readonly openFence: string;
}

/** The Markdown with raw HTML, autolinks and images made inert, and the fence it leaves open if any. */
export function inertMarkdown(raw: string): InertMarkdown {
  const lines = visibleLines(raw).split('\n');
  let fence: { readonly char: string; readonly length: number } | undefined;
  for (const line of lines) {
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const opening = /^ {0,3}(?:(`{3,})[^`]*|(~{3,}).*)$/.exec(line);
    if (opening) {
      const marks = opening[1] ?? opening[2]!;
      fence = { char: marks[0]!, length: marks.length };
    }
  }
  const text = lines.map(inertLine).join('\n');
  return { text, openFence: fence === undefined ? '' : fence.char.repeat(fence.length) };
}

/** A closing fence as CommonMark reads it: up to 3 spaces, the same character at least as often, then only blanks. */
function closesFence(line: string, fence: { readonly char: string; readonly length: number }): boolean {
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return match !== null && match[1]![0] === fence.char && match[1]!.length >= fence.length;
}

function inertLine(line: string): string {
  return line.replace(/<(?=[A-Za-z/!?])/g, `<${ZERO_WIDTH_SPACE}`).replace(/!\[/g, `!${ZERO_WIDTH_SPACE}[`);
}
