// The error of a template that failed to compile or render, apart from the engine so that code which
// only needs to recognise it (run/outcome.ts) does not load Handlebars.

/** A template that failed to compile or render; the message names what is missing. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
