// What the per-kind checks of a tool declaration share: the check of one Handlebars template field
// against the arguments (and, in headers, environment variables) it may use.

import { namesUnder, scanTemplate } from '../prompt/template-check.ts';
import { didYouMeanSuffix } from '../source/did-you-mean.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { isRecord } from '../source/is-record.ts';
import { describePath } from '../source/schema-check.ts';
import { diagnosticAt } from '../source/yaml-source.ts';
import type { InstancePath } from '../source/yaml-source.ts';
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
  if (!scan.ok) return [diagnosticAt(source, where, `${describePath(where)} is not a valid Handlebars template: ${scan.error}`)];
  const diagnostics: Diagnostic[] = [];
  // Without a usable args schema (missing, or not `type: object`) which arguments exist is unknown;
  // the schema's own message says what to fix, and one message per placeholder would only bury it.
  const argsUsable = isRecord(context.raw.args) && context.raw.args.type === 'object';
  for (const name of argsUsable ? namesUnder(scan, 'args') : []) {
    if (argNames.includes(name)) continue;
    diagnostics.push(diagnosticAt(source, where, `${rules.label} placeholder {{args.${name}}} names no declared argument${didYouMeanSuffix(name, argNames)}`));
  }
  if (!rules.allowEnv) {
    for (const name of namesUnder(scan, 'env')) {
      diagnostics.push(diagnosticAt(source, where, `${rules.label} placeholder {{env.${name}}}: environment variables can only be used in headers, so a secret never ends up in a URL, body or log`));
    }
    for (const name of namesUnder(scan, 'secrets')) {
      diagnostics.push(diagnosticAt(source, where, `${rules.label} placeholder {{secrets.${name}}}: secrets can only be used in a command's env and an http tool's headers, so a secret never ends up in an argument list, URL, body or log`));
    }
  }
  return diagnostics;
}
