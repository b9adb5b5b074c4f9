// Types of the one Handlebars module parse-template.ts imports by path: the parser alone, which is
// what the package's `Handlebars.parse` is.

declare module 'handlebars/dist/cjs/handlebars/compiler/base.js' {
  import type { ParseOptions } from 'handlebars';
  import type { hbs } from 'handlebars';
  export function parse(input: string, options?: ParseOptions): hbs.AST.Program;
  /** The parse without whitespace control, which `compile` applies to a Program it is given. */
  export function parseWithoutProcessing(input: string, options?: ParseOptions): hbs.AST.Program;
}

declare module 'handlebars/dist/cjs/handlebars/compiler/helpers.js' {
  /** The class of every `loc` in a tree Handlebars' parser builds. */
  export class SourceLocation {
    constructor(source: string | undefined, locInfo: { first_line: number; first_column: number; last_line: number; last_column: number });
    source: string | undefined;
    start: hbs.AST.Position;
    end: hbs.AST.Position;
  }
}

declare module 'handlebars/dist/cjs/handlebars/compiler/whitespace-control.js' {
  /** The visitor that applies `{{~ … ~}}` and standalone lines to a tree, as `compile` does. */
  export default class WhitespaceControl {
    constructor(options?: object);
    accept(program: hbs.AST.Program): hbs.AST.Program;
  }
}
