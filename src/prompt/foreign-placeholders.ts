// Placeholders written in another template language — GitHub Actions `${{ … }}`, shell and promptflow
// `${…}`, Python `{…}`, Jinja filters — which planexec's Handlebars renders wrongly or not at all.

/** How a dialect is recognized, and whether it is wrong wherever it appears. */
interface Dialect {
  readonly name: string;
  /** What the message calls it. */
  readonly syntax: string;
  /** Group 1: the expression inside; a `(?<root>…)`/`(?<key>…)` pair where the syntax spells a path otherwise. */
  readonly pattern: RegExp;
  /**
   * `always`: no Handlebars template means this. `path`: only a dotted path whose first name is one
   * planexec templates read (or a name the field declares) is reported, since `${HOME}` or `{x}` may
   * be meant as text.
   */
  readonly when: 'always' | 'path';
}

/** A path as these dialects write one: `inputs.x`, `steps.1.outputs.y`, `args.my-dir`. */
const PATH = String.raw`[A-Za-z_][\w-]*(?:\.[\w-]+)*`;

const DIALECTS: readonly Dialect[] = [
  { name: 'github-actions', syntax: 'GitHub Actions expression syntax', pattern: /\$\{\{(.*?)\}\}/g, when: 'always' },
  { name: 'go-template', syntax: 'Go template syntax', pattern: new RegExp(String.raw`\{\{-?\s*\.(${PATH})\s*-?\}\}`, 'g'), when: 'always' },
  { name: 'jinja-filter', syntax: 'a Jinja filter (Handlebars has no filters)', pattern: new RegExp(String.raw`(?<!\{)\{\{\s*(${PATH})\s*\|[^|}][^}]*\}\}`, 'g'), when: 'always' },
  {
    name: 'jinja-subscript',
    syntax: 'Jinja subscript syntax',
    pattern: new RegExp(String.raw`\{\{\s*((?<root>${PATH})\s*\[\s*(?:'(?<key>[^']*)'|"(?<key2>[^"]*)")\s*\])\s*\}\}`, 'g'),
    when: 'always',
  },
  { name: 'jinja-statement', syntax: 'Jinja statement syntax (in Handlebars: {{#if …}}, {{#each …}})', pattern: /\{%-?(.*?)-?%\}/g, when: 'always' },
  { name: 'dollar-brace', syntax: '${…} syntax (shell, JavaScript, promptflow)', pattern: new RegExp(String.raw`\$\{\s*(${PATH})\s*\}(?!\})`, 'g'), when: 'path' },
  { name: 'dollar-paren', syntax: '$(…) syntax (Azure Pipelines, make)', pattern: new RegExp(String.raw`\$\(\s*(${PATH})\s*\)`, 'g'), when: 'path' },
  { name: 'erb', syntax: '<%= … %> syntax (EJS, ERB)', pattern: new RegExp(String.raw`<%=?\s*(${PATH})\s*%>`, 'g'), when: 'path' },
  { name: 'percent', syntax: '%(…)s syntax (Python)', pattern: new RegExp(String.raw`%\((${PATH})\)[sdr]`, 'g'), when: 'path' },
  { name: 'single-brace', syntax: '{…} syntax (Python format strings, LangChain, OpenAPI paths)', pattern: new RegExp(String.raw`(?<![{$%#])\{\s*(${PATH})\s*\}(?!\})`, 'g'), when: 'path' },
];

export interface ForeignPlaceholder {
  readonly dialect: string;
  /** What the message calls the syntax. */
  readonly syntax: string;
  readonly when: Dialect['when'];
  /** Offsets of the whole placeholder in the template. */
  readonly start: number;
  readonly end: number;
  /** The placeholder as written. */
  readonly text: string;
  /** The path it reads, when it is one (`${{ inputs.x }}` → ['inputs', 'x']); undefined for an expression. */
  readonly parts?: readonly string[];
}

/**
 * What every dialect's pattern needs somewhere in the text: `$`, `%`, `|` or `[` (GitHub Actions,
 * dollar forms, Jinja statements, filters and subscripts, ERB, Python), `{{.` or `{{- .` (Go), or a single
 * `{` before a name (Python and the like). Text without any, most templates, is done with one search
 * instead of ten (test/prompt/foreign-placeholders.test.ts checks the two agree).
 */
const ANY_DIALECT = /[$%|[]|\{\{-?\s*\.|(?<![{$%#])\{\s*[A-Za-z_]/;

/** Every placeholder of another dialect in `template`, in order; an earlier dialect wins where two overlap. */
export function findForeignPlaceholders(template: string): ForeignPlaceholder[] {
  if (!ANY_DIALECT.test(template)) return [];
  return findEach(template);
}

/** findForeignPlaceholders, each dialect searched for (exported for the test). */
export function findEach(template: string): ForeignPlaceholder[] {
  const found: ForeignPlaceholder[] = [];
  const overlaps = (start: number, end: number) => found.some((other) => start < other.end && other.start < end);
  for (const dialect of DIALECTS) {
    for (const match of template.matchAll(dialect.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (overlaps(start, end)) continue;
      const parts = pathParts(match);
      found.push({ dialect: dialect.name, syntax: dialect.syntax, when: dialect.when, start, end, text: match[0], ...(parts ? { parts } : {}) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The path a match reads: GitHub's `steps.build.outputs.x` and `inputs['x']` alike, split at dots. */
function pathParts(match: RegExpMatchArray): string[] | undefined {
  const groups = match.groups;
  if (groups?.root !== undefined) return [...groups.root.split('.'), groups.key ?? groups.key2 ?? ''];
  const inner = (match[1] ?? '').trim();
  return new RegExp(`^${PATH}$`).test(inner) ? inner.split('.') : undefined;
}
