// The pipeline's `tools:` list resolved: inline declarations checked, `use:` imports read from their
// tool files (filtered by `only:`), and names checked for duplicates across all of them.

import path from 'node:path';
import { didYouMeanSuffix } from '../source/did-you-mean.ts';
import type { Diagnostic, SourcePosition } from '../source/diagnostic.ts';
import { diagnosticAt, displayPathFor, parseYamlSource, positionAt, readSourceText } from '../source/yaml-source.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';
import { missingToolFile } from './missing-tool-file.ts';
import { checkToolDeclaration, isRecord } from './tool-declaration.ts';
import type { DeclaredTool } from './tool-declaration.ts';
import { checkToolFileSource, duplicateToolMessage } from './tool-file.ts';
import type { ToolFile } from './tool-file.ts';
import type { DeclaredToolSpec } from './types.ts';

interface ResolvedTools {
  readonly tools: readonly DeclaredToolSpec[];
  /** Problems in the pipeline file's `tools:` and in every imported tool file. */
  readonly diagnostics: readonly Diagnostic[];
}

interface Entry {
  readonly declared: DeclaredTool;
  /** Index in `tools:` of the `use:` entry that imported it; undefined for inline declarations. */
  readonly importedBy?: number;
}

export async function resolveTools(pipeline: YamlSource, rawTools: unknown, failingPaths: readonly InstancePath[], cwd: string): Promise<ResolvedTools> {
  const items = Array.isArray(rawTools) ? (rawTools as unknown[]) : [];
  const diagnostics: Diagnostic[] = [];
  const toolFiles = new Map<string, Promise<ToolFile | string>>();
  const entries: Entry[] = [];
  const used = toolsUsedByFile(pipeline, items);

  for (const [index, item] of items.entries()) {
    const at: InstancePath = ['tools', index];
    if (isRecord(item) && 'use' in item) {
      if (typeof item.use !== 'string' || item.use === '') continue; // the schema has said why
      const file = path.resolve(path.dirname(pipeline.file), item.use);
      let pending = toolFiles.get(file);
      const firstUse = pending === undefined;
      if (pending === undefined) {
        pending = readToolFile(file, cwd, used.get(file));
        toolFiles.set(file, pending);
      }
      const toolFile = await pending;
      if (typeof toolFile === 'string') {
        const missing = /^(ENOENT|ENOTDIR)\b/.test(toolFile);
        diagnostics.push(missing ? await missingToolFile(pipeline, [...at, 'use'], item.use, file, cwd) : diagnosticAt(pipeline, [...at, 'use'], `cannot read tool file ${JSON.stringify(item.use)}: ${toolFile}`));
        continue;
      }
      if (firstUse) diagnostics.push(...toolFile.diagnostics);
      const only = Array.isArray(item.only) ? item.only.filter((name): name is string => typeof name === 'string') : undefined;
      only?.forEach((name, k) => {
        if (toolFile.names.includes(name)) return;
        diagnostics.push(diagnosticAt(pipeline, [...at, 'only', k], `tool file ${toolFile.source.displayPath} has no tool "${name}"${didYouMeanSuffix(name, toolFile.names)}`));
      });
      for (const declared of toolFile.tools) {
        const importedAt = positionAt(pipeline, [...at, 'use']);
        if (only === undefined || only.includes(declared.tool.name)) entries.push({ declared: { ...declared, tool: { ...declared.tool, importedAt } }, importedBy: index });
      }
    } else {
      const result = await checkToolDeclaration(pipeline, at, item, failingPaths);
      diagnostics.push(...result.diagnostics);
      if (result.declared !== undefined) entries.push({ declared: result.declared });
    }
  }

  const kept: DeclaredToolSpec[] = [];
  const firstByName = new Map<string, SourcePosition>();
  for (const { declared, importedBy } of entries) {
    const { name } = declared.tool;
    const namePosition = positionAt(declared.source, [...declared.path, 'name']);
    const first = firstByName.get(name);
    if (first === undefined) {
      firstByName.set(name, namePosition);
      kept.push(declared.tool);
    } else if (importedBy === undefined) {
      diagnostics.push(diagnosticAt(declared.source, [...declared.path, 'name'], duplicateToolMessage(name, first)));
    } else {
      // The tool file is fine on its own; what clashes is this import, so point at it.
      const from = `${namePosition.file}:${namePosition.line}:${namePosition.col}`;
      diagnostics.push(diagnosticAt(pipeline, ['tools', importedBy, 'use'], `duplicate tool name "${name}": imported from ${from}, first declared at ${first.file}:${first.line}:${first.col}`));
    }
  }
  return { tools: kept, diagnostics };
}

/**
 * Per imported file, the names its `use:` entries keep with `only:`; undefined when one imports all.
 * The tools left out are checked without compiling their args schemas.
 */
function toolsUsedByFile(pipeline: YamlSource, items: readonly unknown[]): Map<string, ReadonlySet<string> | undefined> {
  const used = new Map<string, Set<string> | undefined>();
  for (const item of items) {
    if (!isRecord(item) || typeof item.use !== 'string' || item.use === '') continue;
    const file = path.resolve(path.dirname(pipeline.file), item.use);
    const only = Array.isArray(item.only) ? item.only.filter((name): name is string => typeof name === 'string') : undefined;
    const names = used.has(file) ? used.get(file) : new Set<string>();
    if (names === undefined || only === undefined) used.set(file, undefined);
    else used.set(file, new Set([...names, ...only]));
  }
  return used;
}

/** The checked tool file, or why it cannot be read. */
async function readToolFile(file: string, cwd: string, used: ReadonlySet<string> | undefined): Promise<ToolFile | string> {
  const read = await readSourceText(file);
  if (!read.ok) return read.error.replace(/^cannot read file: /, '');
  return checkToolFileSource(parseYamlSource(read.text, file, displayPathFor(file, cwd)), used);
}
