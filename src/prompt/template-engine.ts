// The Handlebars environments of everything planexec renders (prompts, task and result templates,
// command argv elements): its runtime alone for what needs no compiling, the whole of it, made on
// first need, for the rest; both alike otherwise. Safe settings: no HTML escaping (we never render
// HTML), prototype access off, only our own side-effect-free helpers. Only pipeline authors write
// templates; text from a model or a tool is passed in as data and never compiled.

import { toolListPartial } from './default-prompts.ts';
import { precompiledPrompts } from './default-prompts.precompiled.generated.ts';
import { compileOptions } from './compile-options.ts';
import { loadHandlebars, loadHandlebarsRuntime } from './load-handlebars.ts';
import { lookupTemplate } from './lookup-template.ts';
import { parseTemplateToCompile } from './parse-template.ts';
import { TemplateError } from './template-error.ts';

export { compileOptions, TemplateError };

type Engine = ReturnType<typeof import('handlebars').create>;

let runtime: Engine | undefined;
let compiler: Engine | undefined;

/**
 * Handlebars' runtime alone, made on first use: the built-in prompts (precompiled) and templates of
 * text and lookups (lookup-template.ts) run in it, so a run whose templates are all such loads no
 * parser or compiler. A Handlebars whose runtime refuses the precompiled code gets the whole one.
 */
function theRuntime(): Engine {
  if (runtime === undefined) {
    const created = loadHandlebarsRuntime().create();
    const toolList = precompiledTemplate(created, toolListPartial);
    runtime = toolList === undefined ? theCompiler() : withHelpers(created, toolList);
  }
  return runtime;
}

/** The whole of Handlebars, made on the first template that needs compiling. */
function theCompiler(): Engine {
  compiler ??= newEngine({ precompiled: true });
  return compiler;
}

/**
 * A Handlebars environment with planexec's helpers and the `toolList` partial: precompiled (as a run
 * uses it), or as text compiled on first use (what the precompiled one must equal, for the test).
 */
export function newEngine(options: { readonly precompiled: boolean }): Engine {
  const created = loadHandlebars().create();
  // Compiled with our options either way: a partial registered as text would be compiled with
  // Handlebars' defaults (HTML escaping on, strict off) when a precompiled template first calls it.
  const toolList = options.precompiled ? precompiledTemplate(created, toolListPartial) : undefined;
  return withHelpers(created, toolList ?? created.compile(toolListPartial, compileOptions));
}

/** planexec's helpers and the `toolList` partial, registered in `environment`. */
function withHelpers(environment: Engine, toolList: HandlebarsTemplateDelegate): Engine {
  environment.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
  environment.registerHelper('jsonPretty', (value: unknown) => JSON.stringify(value ?? null, null, 2));
  environment.registerPartial('toolList', toolList);
  return environment;
}

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

/**
 * The built-in prompt `source` as Handlebars precompiled it at build time, or undefined for any other
 * text, and for a Handlebars (of the library's users) whose runtime refuses the precompiled code: then
 * the text is compiled as any other.
 */
function precompiledTemplate(environment: Engine, source: string): HandlebarsTemplateDelegate | undefined {
  const spec = precompiledPrompts.get(source);
  if (spec === undefined) return undefined;
  try {
    // Where the runtime checks the compiler revision the code was made for.
    return environment.template(spec);
  } catch {
    return undefined;
  }
}

/** A compiled template, or the text of one that has nothing to fill in (rendered as it is, by no compiler). */
type Compiled = { readonly kind: 'template'; readonly template: HandlebarsTemplateDelegate } | { readonly kind: 'text'; readonly text: string };

const cache = new Map<string, Compiled>();

function compiledOf(source: string, name: string): Compiled {
  let compiled = cache.get(source);
  // A built-in prompt, compiled when planexec was built: nothing to parse or compile.
  // Looked up before the environment is made: any other text with nothing to fill in needs no Handlebars.
  const precompiled = compiled === undefined && precompiledPrompts.has(source) ? precompiledTemplate(theRuntime(), source) : undefined;
  if (precompiled !== undefined) {
    compiled = { kind: 'template', template: precompiled };
    cache.set(source, compiled);
  }
  if (compiled === undefined) {
    // Parsed now (or already, by the load-time checks), so a syntax error surfaces here and not at the first render.
    const parsed = parseTemplateToCompile(source);
    if (!parsed.ok) throw new TemplateError(`${name}: ${cleanMessage(parsed.error)}`);
    const body = parsed.program.body;
    // Only text (no {{…}}, no comment): what Handlebars would render is that text, unescaped by the parser.
    compiled = body.every((node) => node.type === 'ContentStatement')
      ? { kind: 'text', text: body.map((node) => (node as hbs.AST.ContentStatement).value).join('') }
      : { kind: 'template', template: lookupTemplate(theRuntime, parsed.program) ?? theCompiler().compile(parsed.program, compileOptions) };
    cache.set(source, compiled);
  }
  return compiled;
}

/** Compile once (cached by source) and return a renderer that throws TemplateError with a readable message. */
export function compileTemplate(source: string, name: string): RenderTemplate {
  const compiled = compiledOf(source, name);
  if (compiled.kind === 'text') return () => compiled.text;
  const template = compiled.template;
  return (data) => {
    try {
      return template(data, runtimeOptions);
    } catch (error) {
      throw new TemplateError(`${name}: ${cleanMessage(error)}`);
    }
  };
}

export function renderTemplate(source: string, name: string, data: object): string {
  return compileTemplate(source, name)(data);
}
