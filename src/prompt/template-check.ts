// Scans Handlebars templates at load time, so a broken template or a placeholder naming nothing
// is reported with the file's position before any model is asked.

import { parseTemplate } from './parse-template.ts';

type TemplateScan =
  | {
      readonly ok: true;
      /** Every path used, split at dots: `{{args.since}}` → ['args', 'since']. */
      readonly paths: readonly (readonly string[])[];
      /** The same paths with where they are and how they are used. */
      readonly placeholders: readonly TemplatePath[];
    }
  | { readonly ok: false; readonly error: string };

/** One path of a template, located. */
export interface TemplatePath {
  readonly parts: readonly string[];
  /** Offsets in the template of the path itself… */
  readonly start: number;
  readonly end: number;
  /** …and of the `{{…}}` it is the whole of, when it is (not a helper's argument). */
  readonly mustache?: { readonly start: number; readonly end: number };
  /** Inside a block that changes the context (`{{#each}}`, `{{#with}}`, a helper's block): relative to an unknown value. */
  readonly scoped: boolean;
}

/** Helpers every template may call: Handlebars' own and ours (template-engine.ts). */
const HELPERS: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'json', 'jsonPretty']);
/** Blocks that keep the context: paths inside them read the same data as outside. */
const CONTEXT_KEEPING_BLOCKS: ReadonlySet<string> = new Set(['if', 'unless']);

/** Scans by template text: a tool's argv, a task or a prompt is checked at load and looked at again when it runs. */
const scans = new Map<string, TemplateScan>();

/** What `template` reads, or why it does not parse; one answer (readonly: it is shared) per text. */
export function scanTemplate(template: string): TemplateScan {
  let scan = scans.get(template);
  if (scan === undefined) {
    scan = scanParsed(template);
    scans.set(template, scan);
  }
  return scan;
}

function scanParsed(template: string): TemplateScan {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return { ok: false, error: describeParseError(parsed.error) };
  const paths: string[][] = [];
  collectPaths(parsed.program, paths);
  const placeholders: TemplatePath[] = [];
  collectPlaceholders(parsed.program, false, offsetsOf(template), placeholders);
  return { ok: true, paths, placeholders };
}

interface Loc {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

/** Handlebars' `loc` (1-based line, 0-based column) as an offset in the template. */
function offsetsOf(template: string): (position: Loc['start']) => number {
  const lineStarts = [0];
  for (const match of template.matchAll(/\r\n?|\n/g)) lineStarts.push(match.index + match[0].length);
  return (position) => (lineStarts[position.line - 1] ?? template.length) + position.column;
}

/** Data paths (not helper names, partials or @data), located, in template order. */
function collectPlaceholders(node: unknown, scoped: boolean, offset: (position: Loc['start']) => number, into: TemplatePath[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectPlaceholders(item, scoped, offset, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const at = (loc: unknown) => ({ start: offset((loc as Loc).start), end: offset((loc as Loc).end) });
  switch (record.type) {
    case 'PathExpression': {
      if (record.data === true || record.depth !== 0 || !Array.isArray(record.parts) || record.parts.length === 0) return;
      into.push({ parts: record.parts.map(String), ...at(record.loc), scoped });
      return;
    }
    case 'MustacheStatement':
    case 'SubExpression':
    case 'BlockStatement': {
      const path = record.path as Record<string, unknown> | undefined;
      const params = (record.params as unknown[] | undefined) ?? [];
      const hash = record.hash as { pairs?: unknown[] } | undefined;
      const name = path?.type === 'PathExpression' ? String(path.original) : '';
      const helper = params.length > 0 || (hash?.pairs?.length ?? 0) > 0 || HELPERS.has(name);
      if (!helper && path !== undefined) {
        const before = into.length;
        collectPlaceholders(path, scoped, offset, into);
        const own = into[before];
        if (own !== undefined && record.type === 'MustacheStatement') into[before] = { ...own, mustache: at(record.loc) };
      }
      collectPlaceholders(params, scoped, offset, into);
      collectPlaceholders(hash, scoped, offset, into);
      if (record.type === 'BlockStatement') {
        // {{#each}} and {{#with}} run their body on another value, their {{else}} on this one; a
        // helper of someone else's may do anything with either.
        const keeps = CONTEXT_KEEPING_BLOCKS.has(name);
        const known = HELPERS.has(name);
        collectPlaceholders(record.program, scoped || !keeps, offset, into);
        collectPlaceholders(record.inverse, scoped || !known, offset, into);
      }
      return;
    }
    case 'PartialStatement':
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      return;
    default:
      for (const [key, value] of Object.entries(record)) {
        if (key !== 'loc' && key !== 'strip') collectPlaceholders(value, scoped, offset, into);
      }
  }
}

/**
 * Names used as `{{<root>.NAME…}}` (e.g. root `args` or `inputs`), at the template's top context.
 * Paths inside blocks that change the context are counted too: a rare false alarm beats a silent typo.
 */
export function namesUnder(scan: TemplateScan, root: string): string[] {
  if (!scan.ok) return [];
  const names = scan.paths.filter((parts) => parts.length >= 2 && parts[0] === root).map((parts) => parts[1]!);
  return [...new Set(names)];
}

function collectPaths(node: unknown, into: string[][]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectPaths(item, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (record.type === 'PathExpression') {
    // @data paths (@root, @index) and ../ paths are not plain context lookups.
    if (record.data !== true && record.depth === 0 && Array.isArray(record.parts)) into.push(record.parts.map(String));
    return;
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'loc' && key !== 'strip') collectPaths(value, into);
  }
}

const TOKEN_NAMES: Readonly<Record<string, string>> = {
  INVALID: 'invalid character',
  EOF: 'end of template',
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  OPEN: '"{{"',
  OPEN_BLOCK: '"{{#"',
  OPEN_ENDBLOCK: '"{{/"',
  OPEN_INVERSE: '"{{^"',
  EQUALS: '"="',
};

/** Handlebars' four-line parse error, as one line: `unexpected "}}" after "{{#if" (line 2)`. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  const lineMatch = /on line (\d+)/.exec(lines[0] ?? '');
  const gotMatch = /got '([A-Z_]+)'/.exec(lines[lines.length - 1] ?? '');
  if (lines.length < 4 || gotMatch === null) return message.replace(/\s*\n\s*/g, ' ');
  const caret = (lines[2] ?? '').indexOf('^');
  const before = caret > 0 ? (lines[1] ?? '').slice(0, caret) : '';
  const token = TOKEN_NAMES[gotMatch[1]!] ?? `token ${gotMatch[1]!}`;
  const where = lineMatch !== null && lineMatch[1] !== '1' ? ` (line ${lineMatch[1]})` : '';
  const hint = gotMatch[1] === 'EOF' ? ' (is a {{#block}} not closed?)' : '';
  return `unexpected ${token}${before === '' ? '' : ` after ${JSON.stringify(before)}`}${where}${hint}`;
}
