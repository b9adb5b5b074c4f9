// Types of the one Handlebars module template-check.ts imports by path: the parser alone, which is
// what the package's `Handlebars.parse` is.

declare module 'handlebars/dist/cjs/handlebars/compiler/base.js' {
  import type { ParseOptions } from 'handlebars';
  import type { hbs } from 'handlebars';
  export function parse(input: string, options?: ParseOptions): hbs.AST.Program;
}
