// How every template is compiled: by the template engine, and by scripts/generate-prompts.ts for the
// built-in prompts (a module of its own, so the generator runs even when its last output is broken).
// No HTML escaping (we never render HTML), strict (a missing field is an error), partials not indented.

export const compileOptions = {
  noEscape: true,
  strict: true,
  knownHelpersOnly: false,
  preventIndent: true,
} as const;
