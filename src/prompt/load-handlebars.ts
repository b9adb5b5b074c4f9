// Loads Handlebars' parts on first use, not when a module that may need them is imported: validate
// checks simple templates with neither (parse-simple-template.ts), other templates with the parser alone.

import { createRequire } from 'node:module';

type HandlebarsModule = typeof import('handlebars');
type ParserModule = typeof import('handlebars/dist/cjs/handlebars/compiler/base.js');
type WhitespaceControlClass = typeof import('handlebars/dist/cjs/handlebars/compiler/whitespace-control.js').default;

let handlebars: HandlebarsModule | undefined;
let runtime: HandlebarsModule | undefined;
let parser: ParserModule | undefined;
let whitespaceControl: WhitespaceControlClass | undefined;

// In the bundled CLI and Action, esbuild turns each `require` below into its own, which evaluates the
// bundled copy on the first call; run from source or from dist/ (Node's ESM, which has no `require`),
// Node's own require loads the package, sharing the parser module between the two.

/** The handlebars package (compiler and runtime), loaded on the first call. */
export function loadHandlebars(): HandlebarsModule {
  handlebars ??= (typeof require === 'function' ? require('handlebars') : createRequire(import.meta.url)('handlebars')) as HandlebarsModule;
  return handlebars;
}

/**
 * Handlebars' runtime alone (no parser, no compiler: what runs precompiled templates), loaded on the
 * first call. Typed as the whole package, of which it has all but compiling and parsing.
 */
export function loadHandlebarsRuntime(): HandlebarsModule {
  runtime ??= (typeof require === 'function' ? require('handlebars/runtime') : createRequire(import.meta.url)('handlebars/runtime')) as HandlebarsModule;
  return runtime;
}

/** Handlebars' whitespace control (what compile applies to a tree it is given), loaded on the first call. */
export function loadWhitespaceControl(): WhitespaceControlClass {
  whitespaceControl ??= (
    typeof require === 'function' ? require('handlebars/dist/cjs/handlebars/compiler/whitespace-control.js') : createRequire(import.meta.url)('handlebars/dist/cjs/handlebars/compiler/whitespace-control.js')
  ) as WhitespaceControlClass;
  return whitespaceControl;
}

/** Handlebars' parser alone (what `Handlebars.parse` is), loaded on the first call. */
export function loadParser(): ParserModule {
  parser ??= (typeof require === 'function' ? require('handlebars/dist/cjs/handlebars/compiler/base.js') : createRequire(import.meta.url)('handlebars/dist/cjs/handlebars/compiler/base.js')) as ParserModule;
  return parser;
}
