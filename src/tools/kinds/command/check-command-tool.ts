// The `command` kind of tool declaration: argv templates checked against the declared arguments,
// and its conversion to a typed CommandTool (`cwd` resolved against the declaring file's directory).

import path from 'node:path';
import { scanTemplate } from '../../../prompt/template-check.ts';
import type { Diagnostic } from '../../../source/diagnostic.ts';
import { isRecord } from '../../../source/is-record.ts';
import { diagnosticAt } from '../../../source/yaml-source.ts';
import type { InstancePath } from '../../../source/yaml-source.ts';
import { positionInScalar } from '../../../source/scalar-positions.ts';
import { checkTemplateField } from '../../check-template-field.ts';
import { checkTemplatePlaceholders } from '../../check-template-placeholders.ts';
import type { KindFields, ToolCheckContext } from '../../tool-kind.ts';
import type { CommandTool } from './command-tool.ts';

export function checkCommandTool(context: ToolCheckContext): Diagnostic[] {
  const { raw, at, source } = context;
  const diagnostics: Diagnostic[] = [];
  if (Array.isArray(raw.command)) {
    raw.command.forEach((part, index) => diagnostics.push(...checkTemplateField(context, [...at, 'command', index], part, { label: 'command' })));
    const program: unknown = raw.command[0];
    if (typeof program === 'string' && program.includes('{{')) {
      diagnostics.push(diagnosticAt(source, [...at, 'command', 0], 'command[0], the program to run, must be written out in full: it cannot use placeholders, so a plan can never choose what runs'));
    }
  }
  if (isRecord(raw.env) && context.fieldOk('env')) {
    for (const [name, value] of Object.entries(raw.env)) diagnostics.push(...checkEnvValue(context, [...at, 'env', name], name, value));
  }
  if (raw.retryOn !== undefined && raw.retries === undefined) {
    diagnostics.push(diagnosticAt(source, [...at, 'retryOn'], 'retryOn has no effect without retries (add e.g. retries: { attempts: 3 })', { severity: 'warning' }));
  }
  return diagnostics;
}

/** An env value is literal text, except `{{secrets.NAME}}`: a plan's arguments never reach the environment. */
function checkEnvValue(context: ToolCheckContext, where: InstancePath, name: string, value: unknown): Diagnostic[] {
  if (typeof value !== 'string') return [];
  const scan = scanTemplate(value);
  const field = { label: `env ${name}`, reader: 'an env value', roots: { secrets: {} }, reportedElsewhere: 'all' as const };
  const foreign = checkTemplatePlaceholders(value, scan, field, (offset) => positionInScalar(context.source, where, offset)).diagnostics;
  if (foreign.length > 0 || !value.includes('{{')) return foreign;
  if (!scan.ok) return [diagnosticAt(context.source, where, `env ${name} is not a valid template: ${scan.error}`)];
  const others = scan.paths.filter((parts) => !(parts.length === 2 && parts[0] === 'secrets'));
  if (others.length === 0) return [];
  const shown = others.map((parts) => `{{${parts.join('.')}}}`).join(', ');
  return [diagnosticAt(context.source, where, `env ${name} uses ${shown}: an env value may only use {{secrets.NAME}} (a secret listed under secrets:), never the plan's arguments`)];
}

export function commandFields(context: ToolCheckContext): KindFields<CommandTool> {
  const { raw, source } = context;
  const baseDir = path.dirname(source.file);
  return {
    kind: 'command',
    command: [...(raw.command as string[])],
    ...(typeof raw.cwd === 'string' ? { cwd: path.resolve(baseDir, raw.cwd) } : {}),
    ...(isRecord(raw.env) ? { env: { ...(raw.env as Record<string, string>) } } : {}),
    ...(Array.isArray(raw.retryOn) ? { retryOn: [...(raw.retryOn as number[])] } : {}),
  };
}
