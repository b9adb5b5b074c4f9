// Templates of text and `{{a.b}}` lookups (most task texts and command argv elements) made into
// Handlebars templates without its compiler: the function below is what the compiler generates for
// such a tree, written once, and it runs in Handlebars' runtime (strict lookups, prototype
// access rules, the same errors). The compiler writes JavaScript and evaluates it with `new Function`,
// which no code cache keeps: that was most of a run's first render. test/prompt/lookup-template.test.ts
// renders each shape both ways and compares the text, the error and the warnings.

import { compileOptions } from './compile-options.ts';
import { loadWhitespaceControl } from './load-handlebars.ts';

type Engine = ReturnType<typeof import('handlebars').create>;

/** What the runtime hands a template's `main` (the part of Handlebars' container used here). */
interface Container {
  readonly strict: (parent: unknown, name: string, loc: Location) => unknown;
  readonly lambda: (value: unknown, context: unknown) => unknown;
  readonly lookupProperty?: (parent: unknown, name: string) => unknown;
}

interface Location {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

/** A piece of the output: text, or a lookup of names from the data (two or more). */
type Piece = string | { readonly names: readonly string[]; readonly loc: Location };

/**
 * A lookup from the data (`{{inputs.version}}`, `{{args.file}}`): two or more names, no `this`, `@`
 * or `../`, no parameters. One name is left to the compiler: `{{name}}` may call a helper.
 */
function isLookup(node: hbs.AST.Statement): node is hbs.AST.MustacheStatement & { path: hbs.AST.PathExpression } {
  if (node.type !== 'MustacheStatement') return false;
  const mustache = node as hbs.AST.MustacheStatement;
  if (mustache.params.length > 0 || mustache.hash !== undefined || mustache.path.type !== 'PathExpression') return false;
  const path = mustache.path as hbs.AST.PathExpression;
  return !path.data && path.depth === 0 && path.parts.length >= 2 && !/^\.|this\b/.test(path.original);
}

/** The compiler revision (Handlebars 4.3 to 4.7) whose generated code `main` below is, as a template names it. */
const WRITTEN_FOR = [8, '>= 4.3.0'] as const;

/** Handlebars' own lookup, for a runtime without container.lookupProperty (as its generated code has it). */
function ownProperty(parent: unknown, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(parent, name) ? (parent as Record<string, unknown>)[name] : undefined;
}

/**
 * The template for `program` (as parseTemplate returns it, before whitespace control) when it is only
 * text and lookups, made in the environment `runtime` returns (asked for only then); undefined for
 * anything else, and for a runtime of another compiler revision than the code was written for: then
 * the compiler makes it.
 */
export function lookupTemplate(runtime: () => Engine, program: hbs.AST.Program): HandlebarsTemplateDelegate | undefined {
  if (!program.body.every((node) => node.type === 'ContentStatement' || isLookup(node))) return undefined;
  const environment = runtime();
  // Another revision's runtime may hand `main` another container: the compiler makes the template then.
  if ((environment as unknown as { COMPILER_REVISION?: unknown }).COMPILER_REVISION !== WRITTEN_FOR[0]) return undefined;
  // Whitespace control (`{{~a.b}}`), as compile applies it to the tree it is given, with its options.
  const WhitespaceControl = loadWhitespaceControl();
  const stripped = new WhitespaceControl(compileOptions).accept(program);
  const pieces: Piece[] = [];
  for (const node of stripped.body) {
    if (node.type === 'ContentStatement') {
      // As the compiler: empty text adds nothing, adjacent texts are one.
      const text = (node as hbs.AST.ContentStatement).value;
      if (text === '') continue;
      const last = pieces.at(-1);
      if (typeof last === 'string') pieces[pieces.length - 1] = last + text;
      else pieces.push(text);
    } else {
      const path = (node as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression;
      const { start, end } = path.loc;
      pieces.push({ names: [...path.parts], loc: { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } } });
    }
  }
  // The compiler's code for this tree: `"text" + ((stack1 = container.lambda(container.strict(
  // lookupProperty(depth0, "a"), "b", loc), depth0)) != null ? stack1 : "") + …`, in that order; the
  // runtime makes the result text.
  const main = (container: Container, depth0: unknown): unknown => {
    const lookupProperty = container.lookupProperty ?? ownProperty;
    const valueOf = (piece: Piece): unknown => {
      if (typeof piece === 'string') return piece;
      let parent = depth0;
      for (let i = 0; i < piece.names.length - 1; i++) parent = lookupProperty(parent, piece.names[i]!);
      const value = container.lambda(container.strict(parent, piece.names.at(-1)!, piece.loc), depth0);
      return value != null ? value : '';
    };
    if (pieces.length === 0) return '';
    // `+` as the generated code has it: 0 + 0 is 0, not "00", when no text comes first.
    let out = valueOf(pieces[0]!);
    for (let i = 1; i < pieces.length; i++) out = (out as string) + (valueOf(pieces[i]!) as string);
    return out;
  };
  try {
    return environment.template({ compiler: WRITTEN_FOR, main, useData: true } as unknown as TemplateSpecification);
  } catch {
    return undefined;
  }
}
