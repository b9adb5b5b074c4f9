// Parses each template text once per process: the load-time checks scan the syntax tree, and the
// renderer compiles the same tree, instead of each parsing the text again.

import { loadParser } from './load-handlebars.ts';
import { parseSimpleTemplate } from './parse-simple-template.ts';

export type ParsedTemplate =
  | { readonly ok: true; readonly program: hbs.AST.Program }
  | { readonly ok: false; readonly error: unknown };

/**
 * Keyed by the text: only pipeline authors write templates (a model's or a tool's text is data, never
 * parsed), so this holds what the pipelines of the process declare.
 */
const parsed = new Map<string, ParsedTemplate>();

/**
 * The syntax tree of `template`, or the parser's error. The tree is without whitespace control (what
 * `Handlebars.compile` applies to a tree it is given, exactly once) and must not be changed by a reader.
 */
export function parseTemplate(template: string): ParsedTemplate {
  let found = parsed.get(template);
  if (found === undefined) {
    try {
      found = { ok: true, program: parseSimpleTemplate(template) ?? loadParser().parseWithoutProcessing(template) };
    } catch (error) {
      found = { ok: false, error };
    }
    parsed.set(template, found);
  }
  return found;
}

/**
 * parseTemplate for the compiler, which changes the tree it compiles (whitespace control, literal
 * paths): the tree is handed over and forgotten here, so a later reader parses the text afresh.
 */
export function parseTemplateToCompile(template: string): ParsedTemplate {
  const found = parseTemplate(template);
  if (found.ok) parsed.delete(template);
  return found;
}
