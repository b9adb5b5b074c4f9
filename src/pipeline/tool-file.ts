// A tool file: a YAML list of tool declarations, checked on its own so that its problems name its
// own path and positions, whichever pipeline imports it.

import type { Diagnostic, SourcePosition } from '../source/diagnostic.ts';
import { projectSchemaValidator } from '../source/project-schemas.ts';
import { checkSchemaDetailed } from '../source/schema-check.ts';
import { diagnosticAt, positionAt } from '../source/yaml-source.ts';
import type { YamlSource } from '../source/yaml-source.ts';
import { checkToolDeclaration } from './tool-declaration.ts';
import type { DeclaredTool } from './tool-declaration.ts';

export interface ToolFile {
  readonly source: YamlSource;
  /** Declarations without problems, in file order (of duplicate names, the first). */
  readonly tools: readonly DeclaredTool[];
  /** Names of every declaration, valid or not (for `only:` checks). */
  readonly names: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * `used`: the names of the tools a pipeline imports from this file (`only:`); the args schemas of
 * the others are not compiled. Without it, every tool is checked in full.
 */
export async function checkToolFileSource(source: YamlSource, used?: ReadonlySet<string>): Promise<ToolFile> {
  if (!source.parsed) return { source, tools: [], names: [], diagnostics: source.diagnostics };
  const schema = checkSchemaDetailed(projectSchemaValidator('tool'), source);
  const diagnostics: Diagnostic[] = [...source.diagnostics, ...schema.diagnostics];
  const tools: DeclaredTool[] = [];
  const names: string[] = [];
  const items = Array.isArray(source.value) ? (source.value as unknown[]) : [];
  const firstByName = new Map<string, SourcePosition>();
  for (const [index, item] of items.entries()) {
    const name = (item as { name?: unknown } | null)?.name;
    const compileArgs = used === undefined || (typeof name === 'string' && used.has(name));
    const result = await checkToolDeclaration(source, [index], item, schema.failingPaths, { compileArgs });
    diagnostics.push(...result.diagnostics);
    const first = typeof name === 'string' ? firstByName.get(name) : undefined;
    if (typeof name === 'string' && first !== undefined) {
      diagnostics.push(diagnosticAt(source, [index, 'name'], duplicateToolMessage(name, first)));
      continue;
    }
    if (typeof name === 'string') {
      names.push(name);
      firstByName.set(name, positionAt(source, [index, 'name']));
    }
    if (result.declared !== undefined) tools.push(result.declared);
  }
  return { source, tools, names, diagnostics };
}

export function duplicateToolMessage(name: string, first: SourcePosition): string {
  return `duplicate tool name "${name}" (first declared at ${first.file}:${first.line}:${first.col})`;
}
