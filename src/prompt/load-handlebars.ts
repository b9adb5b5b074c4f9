// Loads Handlebars' compiler and runtime on the first template rendered, not when a module that may
// render one is imported: validate checks templates with the parser alone (parse-template.ts).

import { createRequire } from 'node:module';

type HandlebarsModule = typeof import('handlebars');

let loaded: HandlebarsModule | undefined;

/** The handlebars package, loaded on the first call. */
export function loadHandlebars(): HandlebarsModule {
  // In the bundled CLI and Action, esbuild turns this `require` into its own, which evaluates the
  // bundled copy on this first call; run from source or from dist/ (Node's ESM, which has no
  // `require`), Node's own require loads the package, sharing the parser module with parse-template.ts.
  loaded ??= (typeof require === 'function' ? require('handlebars') : createRequire(import.meta.url)('handlebars')) as HandlebarsModule;
  return loaded;
}
