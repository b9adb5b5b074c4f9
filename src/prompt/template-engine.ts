// One Handlebars environment for everything planexec renders: prompts, task and result templates,
// command argv elements. Safe settings: no HTML escaping (we never render HTML), prototype access
// off, only our own side-effect-free helpers. Only pipeline authors write templates; text from a
// model or a tool is passed in as data and never compiled.

import Handlebars from 'handlebars';
import { toolListPartial } from './default-prompts.ts';
import { TemplateError } from './template-error.ts';

export { TemplateError };

const engine = Handlebars.create();
engine.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
engine.registerHelper('jsonPretty', (value: unknown) => JSON.stringify(value ?? null, null, 2));
engine.registerPartial('toolList', toolListPartial);

const compileOptions = {
  noEscape: true,
  strict: true,
  knownHelpersOnly: false,
  preventIndent: true,
} as const;

const runtimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const;

type RenderTemplate = (data: object) => string;


function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Handlebars strict mode says `"name" not defined in [object Object] - 1:2`.
  const missing = /^"([^"]+)" not defined in .*? - (\d+):(\d+)/.exec(message);
  if (missing) return `"${missing[1]}" is not defined (template line ${missing[2]}, column ${Number(missing[3]) + 1})`;
  // Strict mode walking into a string or number: `{{inputs.name.first}}` when name is text.
  const notObject = /^Cannot use 'in' operator to search for '([^']+)' in (.*)$/.exec(message.split('\n')[0]!);
  if (notObject) return `cannot read "${notObject[1]}" of ${JSON.stringify(notObject[2]!.slice(0, 40))}: it is a plain value, not an object with fields`;
  return message.split('\n')[0]!;
}

const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Compile once (cached by source) and return a renderer that throws TemplateError with a readable message. */
export function compileTemplate(source: string, name: string): RenderTemplate {
  let template = cache.get(source);
  if (!template) {
    try {
      engine.parse(source); // compile() is lazy; parse now so syntax errors surface at load time
      template = engine.compile(source, compileOptions);
    } catch (error) {
      throw new TemplateError(`${name}: ${cleanMessage(error)}`);
    }
    cache.set(source, template);
  }
  const compiled = template;
  return (data) => {
    try {
      return compiled(data, runtimeOptions);
    } catch (error) {
      throw new TemplateError(`${name}: ${cleanMessage(error)}`);
    }
  };
}

export function renderTemplate(source: string, name: string, data: object): string {
  return compileTemplate(source, name)(data);
}
