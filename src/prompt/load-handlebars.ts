// Loads Handlebars' parts on first use, not when a module that may need them is imported: validate
// checks simple templates with neither (parse-simple-template.ts), other templates with the parser alone.

import { createRequire } from 'node:module';

type HandlebarsModule = typeof import('handlebars');
type ParserModule = typeof import('handlebars/dist/cjs/handlebars/compiler/base.js');

let handlebars: HandlebarsModule | undefined;
let parser: ParserModule | undefined;

// In the bundled CLI and Action, esbuild turns each `require` below into its own, which evaluates the
// bundled copy on the first call; run from source or from dist/ (Node's ESM, which has no `require`),
// Node's own require loads the package, sharing the parser module between the two.

/** The handlebars package (compiler and runtime), loaded on the first call. */
export function loadHandlebars(): HandlebarsModule {
  handlebars ??= (typeof require === 'function' ? require('handlebars') : createRequire(import.meta.url)('handlebars')) as HandlebarsModule;
  return handlebars;
}

/** Handlebars' parser alone (what `Handlebars.parse` is), loaded on the first call. */
export function loadParser(): ParserModule {
  parser ??= (typeof require === 'function' ? require('handlebars/dist/cjs/handlebars/compiler/base.js') : createRequire(import.meta.url)('handlebars/dist/cjs/handlebars/compiler/base.js')) as ParserModule;
  return parser;
}
