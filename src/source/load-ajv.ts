// Loads ajv and ajv-formats on first use, not when a module that may need them is imported: a run
// whose steps' arguments are all confirmed by the quick check (tools/quick-args-check.ts) compiles no
// schema, and so never sets ajv up.

import { createRequire } from 'node:module';

type AjvModule = typeof import('ajv');
type FormatsModule = typeof import('ajv-formats');

let ajv: AjvModule | undefined;
let formats: FormatsModule | undefined;

// As in prompt/load-handlebars.ts: in the bundled CLI and Action esbuild turns each `require` into its
// own, which evaluates the bundled copy on the first call; from source or dist/ (Node's ESM, which
// has no `require`), Node's own require loads the package.

/** The ajv package, loaded on the first call. */
export function loadAjv(): AjvModule {
  ajv ??= (typeof require === 'function' ? require('ajv') : createRequire(import.meta.url)('ajv')) as AjvModule;
  return ajv;
}

/** The ajv-formats package, loaded on the first call. */
export function loadAjvFormats(): FormatsModule {
  formats ??= (typeof require === 'function' ? require('ajv-formats') : createRequire(import.meta.url)('ajv-formats')) as FormatsModule;
  return formats;
}
