// The syntax tree of the templates most pipelines write — text and `{{a.b}}` placeholders — built
// without Handlebars' generated parser, whose first use is a good part of a cold `validate`. The tree
// is the one that parser builds, field for field (test/prompt/parse-simple-template.test.ts compares them).

import { SourceLocation } from 'handlebars/dist/cjs/handlebars/compiler/helpers.js';

/**
 * `{{ name.name… }}`: names as Handlebars reads them (ASCII here), spaces or tabs around the path; not
 * followed by `}` (Handlebars reads `}}}` as the end of a triple-stash).
 */
const SIMPLE_MUSTACHE = /\{\{([ \t]*)([A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*)[ \t]*\}\}(?!\})/y;
/** Names Handlebars reads as literals or keywords, not as a path segment. */
const NOT_NAMES: ReadonlySet<string> = new Set(['true', 'false', 'null', 'undefined', 'else', 'this', 'as']);

interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The tree of `template` when it is only text and simple placeholders, else undefined (the caller
 * then asks Handlebars' parser). Text with an escape (`\{{`), a NUL, or line breaks other than \n is
 * left to the parser too.
 */
export function parseSimpleTemplate(template: string): hbs.AST.Program | undefined {
  if (/[\0\r\u2028\u2029]|\\\{\{/.test(template)) return undefined;
  const body: hbs.AST.Statement[] = [];
  let line = 1;
  let lineStart = 0;
  const at = (offset: number): Position => {
    for (let i = template.indexOf('\n', lineStart); i !== -1 && i < offset; i = template.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, column: offset - lineStart };
  };
  const loc = (start: Position, end: Position) => new SourceLocation(undefined, { first_line: start.line, first_column: start.column, last_line: end.line, last_column: end.column });
  let offset = 0;
  while (offset < template.length) {
    const open = template.indexOf('{{', offset);
    const textEnd = open === -1 ? template.length : open;
    if (textEnd > offset) {
      const text = template.slice(offset, textEnd);
      const start = at(offset);
      body.push({ type: 'ContentStatement', original: text, value: text, loc: loc(start, at(textEnd)) } as unknown as hbs.AST.ContentStatement);
    }
    if (open === -1) break;
    SIMPLE_MUSTACHE.lastIndex = open;
    const match = SIMPLE_MUSTACHE.exec(template);
    if (match === null) return undefined;
    const original = match[2]!;
    const parts = original.split('.');
    if (parts.some((part) => NOT_NAMES.has(part))) return undefined;
    const start = at(open);
    const pathStart = open + 2 + match[1]!.length;
    const pathLoc = loc(at(pathStart), at(pathStart + original.length));
    const end = at(open + match[0].length);
    const path = { type: 'PathExpression', data: false, depth: 0, parts, original, loc: pathLoc };
    body.push({ type: 'MustacheStatement', path, params: [], hash: undefined, escaped: true, strip: { open: false, close: false }, loc: loc(start, end) } as unknown as hbs.AST.MustacheStatement);
    offset = open + match[0].length;
  }
  const first = body[0]?.loc;
  const last = body[body.length - 1]?.loc;
  const programLoc = first && last ? { source: first.source, start: { line: first.start.line, column: first.start.column }, end: { line: last.end.line, column: last.end.column } } : undefined;
  return { type: 'Program', body, strip: {}, loc: programLoc } as unknown as hbs.AST.Program;
}
