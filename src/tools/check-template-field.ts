// What the per-kind checks of a tool declaration share: the check of one Handlebars template field
// against the arguments (and, in headers, environment variables) it may use.

import { scanTemplate } from '../prompt/template-check.ts';
import type { TemplatePath } from '../prompt/template-check.ts';
import { closestMatch, didYouMeanSuffix } from '../source/did-you-mean.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { isRecord } from '../source/is-record.ts';
import { positionInScalar } from '../source/scalar-positions.ts';
import { describePath } from '../source/schema-check.ts';
import { diagnosticAt } from '../source/yaml-source.ts';
import type { InstancePath } from '../source/yaml-source.ts';
import { atPlaceholder, checkTemplatePlaceholders, firstUseOfEach } from './check-template-placeholders.ts';
import type { RootShape } from './check-template-placeholders.ts';
import type { ToolCheckContext } from './tool-kind.ts';

interface TemplateFieldRules {
  /** How messages name the field's placeholders, e.g. "command", "url", "header". */
  readonly label: string;
  /** Whether `{{env.NAME}}` and `{{secrets.NAME}}` may be used (only in http headers). */
  readonly allowEnv?: boolean;
}

/** Problems of the template at `where`: it must parse, and name only declared arguments. */
export function checkTemplateField(context: ToolCheckContext, where: InstancePath, template: unknown, rules: TemplateFieldRules): Diagnostic[] {
  if (typeof template !== 'string') return [];
  const { source, argNames } = context;
  const scan = scanTemplate(template);
  const roots: Record<string, RootShape> = { args: { names: argNames }, ...(rules.allowEnv ? { env: {}, secrets: {} } : {}) };
  const placeholders = checkTemplatePlaceholders(template, scan, { label: rules.label, reader: readerOf(rules.label), roots, ...(rules.allowEnv ? {} : { reportedElsewhere: ['env', 'secrets'] }) }, (offset) =>
    positionInScalar(source, where, offset),
  );
  // A placeholder of another dialect usually is why the template does not parse: its message says more.
  if (!scan.ok) return placeholders.diagnostics.length > 0 ? placeholders.diagnostics : [diagnosticAt(source, where, `${describePath(where)} is not a valid Handlebars template: ${scan.error}`)];
  const diagnostics: Diagnostic[] = [...placeholders.diagnostics];
  const outside = scan.placeholders.filter((path) => !placeholders.foreign.some((found) => path.start < found.end && found.start < path.end));
  const at = (path: TemplatePath, message: string, fix?: string) => atPlaceholder(template, path, message, fix, (offset) => positionInScalar(source, where, offset));
  // Without a usable args schema (missing, or not `type: object`) which arguments exist is unknown;
  // the schema's own message says what to fix, and one message per placeholder would only bury it.
  const argsUsable = isRecord(context.raw.args) && context.raw.args.type === 'object';
  for (const path of argsUsable ? firstUseOfEach(outside, 'args') : []) {
    const name = path.parts[1]!;
    if (argNames.includes(name)) continue;
    const match = closestMatch(name, argNames);
    diagnostics.push(at(path, `${rules.label} placeholder {{args.${name}}} names no declared argument${didYouMeanSuffix(name, argNames)}`, match && `args.${match}`));
  }
  if (!rules.allowEnv) {
    for (const path of firstUseOfEach(outside, 'env')) {
      diagnostics.push(at(path, `${rules.label} placeholder {{env.${path.parts[1]!}}}: environment variables can only be used in headers, so a secret never ends up in a URL, body or log`));
    }
    for (const path of firstUseOfEach(outside, 'secrets')) {
      diagnostics.push(at(path, `${rules.label} placeholder {{secrets.${path.parts[1]!}}}: secrets can only be used in a command's env and an http tool's headers, so a secret never ends up in an argument list, URL, body or log`));
    }
  }
  return diagnostics;
}

/** Who reads the template, for messages. */
function readerOf(label: string): string {
  return label === 'command' ? 'a command' : 'an http tool';
}
