// Parses Handlebars templates at load time, so a broken template or a placeholder naming nothing
// is reported with the file's position before any model is asked.

// Only Handlebars' parser (a few files), not the compiler and runtime: checking needs no rendering.
import { parse } from 'handlebars/dist/cjs/handlebars/compiler/base.js';

type TemplateScan =
  | { readonly ok: true; /** Every path used, split at dots: `{{args.since}}` → ['args', 'since']. */ readonly paths: readonly (readonly string[])[] }
  | { readonly ok: false; readonly error: string };

export function scanTemplate(template: string): TemplateScan {
  let program: unknown;
  try {
    program = parse(template);
  } catch (error) {
    return { ok: false, error: describeParseError(error) };
  }
  const paths: string[][] = [];
  collectPaths(program, paths);
  return { ok: true, paths };
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
