// The `command` kind of tool declaration: argv templates checked against the declared arguments,
// and its conversion to a typed CommandTool (`cwd` resolved against the declaring file's directory).

import path from 'node:path';
import type { Diagnostic } from '../source/diagnostic.ts';
import { diagnosticAt } from '../source/yaml-source.ts';
import { checkTemplateField, type ToolCheckContext } from './check-template-field.ts';
import { isRecord } from './is-record.ts';
import type { CommandTool } from './types.ts';

export function checkCommandTool(context: ToolCheckContext): Diagnostic[] {
  const { raw, at, source } = context;
  const diagnostics: Diagnostic[] = [];
  if (Array.isArray(raw.command)) {
    raw.command.forEach((part, index) => diagnostics.push(...checkTemplateField(context, [...at, 'command', index], part, { label: 'command' })));
  }
  if (raw.retryOn !== undefined && raw.retries === undefined) {
    diagnostics.push(diagnosticAt(source, [...at, 'retryOn'], 'retryOn has no effect without retries (add e.g. retries: { attempts: 3 })', { severity: 'warning' }));
  }
  return diagnostics;
}

type CommandFields = Omit<CommandTool, 'name' | 'description' | 'args' | 'output' | 'source' | 'timeoutMs' | 'retries'>;

export function commandFields(context: ToolCheckContext): CommandFields {
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
