// The `module` kind of tool declaration: the module file must exist (it is not imported until a step
// runs, so `planexec validate` runs no code), and the conversion to a typed ModuleTool.

import path from 'node:path';
import type { Diagnostic } from '../../../source/diagnostic.ts';
import { regularFileProblem } from '../../../source/read-regular-file.ts';
import { diagnosticAt } from '../../../source/yaml-source.ts';
import type { KindFields, ToolCheckContext } from '../../tool-kind.ts';
import type { ModuleTool } from './module-tool.ts';

export function checkModuleTool(context: ToolCheckContext): Diagnostic[] {
  const { raw, at, source, fieldOk } = context;
  if (typeof raw.module !== 'string' || !fieldOk('module')) return [];
  const file = modulePath(context);
  const problem = regularFileProblem(file);
  if (problem === undefined) return [];
  if (problem.code === 'ENOENT' || problem.code === 'ENOTDIR') return [diagnosticAt(source, [...at, 'module'], `module file not found: ${raw.module} (looked for ${file}; the path is relative to ${source.displayPath})`)];
  return [diagnosticAt(source, [...at, 'module'], `module file ${raw.module} cannot be used: ${problem.reason}`)];
}

export function moduleFields(context: ToolCheckContext): KindFields<ModuleTool> {
  return { kind: 'module', module: modulePath(context), export: typeof context.raw.export === 'string' ? context.raw.export : 'default' };
}

function modulePath(context: ToolCheckContext): string {
  return path.resolve(path.dirname(context.source.file), context.raw.module as string);
}
