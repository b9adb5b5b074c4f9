// The placeholders of one template against the data it is rendered with: another dialect's syntax
// (`${{ args.dir }}`, `${inputs.x}`), a root it does not have (`{{input.x}}`), a step field that is
// not `output`. Shared by the tool kinds' template fields and the pipeline's task, result and prompts.

import { findForeignPlaceholders } from '../prompt/foreign-placeholders.ts';
import type { ForeignPlaceholder } from '../prompt/foreign-placeholders.ts';
import type { scanTemplate, TemplatePath } from '../prompt/template-check.ts';
import { closestMatch } from '../source/did-you-mean.ts';
import type { Diagnostic, SourcePosition } from '../source/diagnostic.ts';

/** What follows a root in the data. */
export interface RootShape {
  /** The names under it (`args.<name>`), when declared: a fix corrects a misspelt one. */
  readonly names?: readonly string[];
  /** Keyed by an id the plan chooses (`steps.<id>`), each entry having only these fields. */
  readonly entryFields?: readonly string[];
}

export interface PlaceholderField {
  /** How messages name the field's placeholders: "command", `header "Accept"`, "result", `prompt file "p.hbs"`. */
  readonly label: string;
  /** Who reads the data, for messages: "a command", "the result template". */
  readonly reader: string;
  /** The data the template is rendered with, by root name. */
  readonly roots: Readonly<Record<string, RootShape>>;
  /** Roots another check reports in this field (env and secrets outside headers), or all of them: not reported twice. */
  readonly reportedElsewhere?: readonly string[] | 'all';
  /** Text for people or the model (task, result, prompts) rather than for a program. */
  readonly prose?: boolean;
}

/** Every name a planexec template reads somewhere: a path starting with one (or a misspelling) is meant as a placeholder. */
const PLANEXEC_ROOTS = ['args', 'inputs', 'steps', 'last', 'env', 'secrets'];

type Scan = ReturnType<typeof scanTemplate>;

export interface PlaceholderCheck {
  readonly diagnostics: Diagnostic[];
  /** The placeholders of other dialects that were reported: other checks skip what lies inside them. */
  readonly foreign: readonly ForeignPlaceholder[];
}

/** Problems of the placeholders of `template`; `locate` turns an offset in the template into a file position. */
export function checkTemplatePlaceholders(template: string, scan: Scan, field: PlaceholderField, locate: (offset: number) => SourcePosition): PlaceholderCheck {
  const diagnostics: Diagnostic[] = [];
  const report = (start: number, end: number, message: string, fix: string | undefined, severity: Diagnostic['severity'] = 'error') => {
    const hint = fix === undefined ? undefined : `use ${fix}`;
    const endAt = locate(end);
    diagnostics.push({
      ...locate(start),
      severity,
      message: hint === undefined ? message : `${message}; ${hint}`,
      ...(hint !== undefined ? { hint, fix: { text: fix!, end: { line: endAt.line, col: endAt.col } } } : {}),
    });
  };

  const foreign = findForeignPlaceholders(template).filter((found) => isMeant(found, field));
  for (const found of foreign) {
    const spelled = found.parts && spell(found.parts, field);
    const fix = spelled && `{{${spelled}}}`;
    // `${{inputs.price}}` in prose may be a dollar sign before a value: say what it renders.
    const dollarThenValue = found.dialect === 'github-actions' && field.prose === true && /^\$\{\{\S/.test(found.text) && found.parts !== undefined && found.parts[0]! in field.roots;
    if (dollarThenValue) report(found.start, found.end, `${field.label} placeholder ${found.text} renders "$" followed by the value, and is GitHub Actions syntax if no "$" is meant`, fix, 'warning');
    else {
      // Text for the model may quote another language on purpose (a workflow to write), rather than mean
      // a placeholder it has: Handlebars' escape keeps it.
      const asText = fix === undefined && field.prose === true && found.text.includes('{{') ? ` (to keep it as text, write ${found.text.replace('{{', '\\{{')})` : '';
      report(found.start, found.end, `${field.label} placeholder ${found.text} is ${found.syntax}; planexec templates are Handlebars${fix === undefined ? `, and ${field.reader} reads ${readable(field)}` : ''}${asText}`, fix);
    }
  }
  if (!scan.ok) return { diagnostics, foreign };

  const inForeign = (path: TemplatePath) => foreign.some((found) => path.start < found.end && found.start < path.end);
  for (const path of scan.placeholders) {
    if (path.scoped || inForeign(path)) continue;
    const [root, ...rest] = path.parts as [string, ...string[]];
    const shownSpan = path.mustache ?? path;
    const shown = template.slice(shownSpan.start, shownSpan.end);
    const asFix = (parts: string | undefined) => parts === undefined ? undefined : path.mustache ? `{{${parts}}}` : parts;
    const shape = field.roots[root];
    if (shape === undefined) {
      if (field.reportedElsewhere === 'all' || field.reportedElsewhere?.includes(root)) continue;
      report(shownSpan.start, shownSpan.end, `${field.label} placeholder ${shown} reads "${root}", which ${field.reader} does not have (it reads ${readable(field)})`, asFix(spell(path.parts, field)));
      continue;
    }
    const entryFields = shape.entryFields;
    if (entryFields === undefined || rest.length === 0) continue;
    const [id, entryField] = rest as [string, string | undefined];
    if (entryField === undefined) {
      if (path.mustache !== undefined) report(shownSpan.start, shownSpan.end, `${field.label} placeholder ${shown} renders ${root}.${id} itself, which prints as "[object Object]"`, asFix(spell(path.parts, field)));
    } else if (!entryFields.includes(entryField)) {
      report(shownSpan.start, shownSpan.end, `${field.label} placeholder ${shown} reads "${entryField}" of ${root}.${id}, which has only ${entryFields.join(', ')}`, asFix(spell(path.parts, field)));
    }
  }
  return { diagnostics, foreign };
}

/** The first placeholder of each name under `root` (`{{args.x}}`), in template order. */
export function firstUseOfEach(paths: readonly TemplatePath[], root: string): TemplatePath[] {
  const first = new Map<string, TemplatePath>();
  for (const path of paths) {
    if (path.parts.length >= 2 && path.parts[0] === root && !first.has(path.parts[1]!)) first.set(path.parts[1]!, path);
  }
  return [...first.values()];
}

/**
 * A diagnostic at the placeholder `path` itself (its `{{…}}` when it is the whole of one); `fix`: the
 * path it should read, offered as a replacement without changing the message.
 */
export function atPlaceholder(template: string, path: TemplatePath, message: string, fix: string | undefined, locate: (offset: number) => SourcePosition): Diagnostic {
  const span = path.mustache ?? path;
  const end = locate(span.end);
  const text = fix === undefined ? undefined : path.mustache !== undefined ? `{{${fix}}}` : fix;
  return { ...locate(span.start), severity: 'error', message, ...(text !== undefined && text !== template.slice(span.start, span.end) ? { fix: { text, end: { line: end.line, col: end.col } } } : {}) };
}

/** Whether a placeholder of another dialect is meant as one here, rather than as text. */
function isMeant(found: ForeignPlaceholder, field: PlaceholderField): boolean {
  if (found.when === 'always') return true;
  if (found.parts === undefined) return false;
  const [first] = found.parts as [string];
  const roots = [...new Set([...PLANEXEC_ROOTS, ...Object.keys(field.roots)])];
  const root = closestMatch(first, roots);
  // `${steps.1.output}` is how a plan passes an output on: prose for the model may show it.
  if (found.dialect === 'dollar-brace' && field.prose === true && root === 'steps' && !('steps' in field.roots)) return false;
  if (root !== undefined && (found.parts.length > 1 || first in field.roots)) return true;
  return found.parts.length === 1 && ownerOf(first, field) !== undefined;
}

/** The root under which `name` is declared (`dir` → args), if one declares it. */
function ownerOf(name: string, field: PlaceholderField): string | undefined {
  return Object.entries(field.roots).find(([, shape]) => shape.names?.includes(name))?.[0];
}

/** The path this field means by `parts`, spelled as a Handlebars path; undefined when that is not clear. */
function spell(parts: readonly string[], field: PlaceholderField): string | undefined {
  const [first, ...rest] = parts as [string, ...string[]];
  const roots = Object.keys(field.roots);
  let root: string | undefined;
  let tail = rest;
  if (first in field.roots) root = first;
  else if (rest.length === 0 && ownerOf(first, field) !== undefined) {
    root = ownerOf(first, field);
    tail = [first];
  } else {
    // Another root of the same name (`inputs.dir` in a command, which reads `args.dir`) when the
    // field's only root declares that name, or one close to it.
    const only = roots.length === 1 ? roots[0]! : undefined;
    const declared = only === undefined ? [] : (field.roots[only]!.names ?? []);
    root = closestMatch(first, roots) ?? (only !== undefined && rest[0] !== undefined && closestMatch(rest[0], declared) !== undefined ? only : undefined);
  }
  if (root === undefined) return undefined;
  const shape = field.roots[root]!;
  if (shape.names !== undefined && tail[0] !== undefined && !shape.names.includes(tail[0])) {
    tail = [closestMatch(tail[0], shape.names) ?? tail[0], ...tail.slice(1)];
  }
  const entryFields = shape.entryFields;
  if (entryFields !== undefined) {
    if (tail.length === 0) return undefined;
    const [id, entryField, ...deeper] = tail as [string, string | undefined, ...string[]];
    const fixed = entryField !== undefined && entryFields.includes(entryField) ? entryField : closestMatch(entryField ?? '', entryFields) ?? (entryFields.length === 1 ? entryFields[0] : undefined);
    if (fixed === undefined) return undefined;
    tail = [id, fixed, ...deeper];
  }
  return [root, ...tail].map((part) => (/^[\w-]+$/.test(part) ? part : `[${part}]`)).join('.');
}

/** `{{args.NAME}}`, `{{inputs.NAME}}, {{steps.ID.output}} or {{last}}`: what the field's templates read. */
function readable(field: PlaceholderField): string {
  const shown = Object.entries(field.roots).map(([root, shape]) => {
    if (shape.entryFields !== undefined) return `{{${root}.ID.${shape.entryFields[0]}}}`;
    return shape.names !== undefined ? `{{${root}.NAME}}` : `{{${root}}}`;
  });
  return shown.length <= 1 ? (shown[0] ?? 'nothing') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}
