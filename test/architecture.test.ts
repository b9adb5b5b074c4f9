// The folder rules of ARCHITECTURE.md, checked on the source itself: stages import downhill only
// (no folder import cycle), leaves stay leaves, and the pure stages touch no process, file or clock.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const srcRoot = path.resolve(import.meta.dirname, '../src');

interface SourceFile {
  readonly folder: string;
  readonly file: string;
  readonly text: string;
}

function sourceFiles(dir = srcRoot): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!entry.name.endsWith('.ts')) return [];
    const relative = path.relative(srcRoot, full);
    return [{ folder: relative.includes(path.sep) ? relative.split(path.sep)[0]! : '.', file: relative, text: readFileSync(full, 'utf8') }];
  });
}

/** Folder → the other folders of src/ it imports from (static and dynamic imports alike). */
function folderImports(files: readonly SourceFile[]): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const { folder, file, text } of files) {
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.relative(srcRoot, path.resolve(srcRoot, path.dirname(file), match[1]!));
      if (target.startsWith('..')) continue;
      const targetFolder = target.includes(path.sep) ? target.split(path.sep)[0]! : '.';
      if (targetFolder === folder) continue;
      if (!edges.has(folder)) edges.set(folder, new Map());
      // Remember one importing file per edge, so a failure names where to look.
      if (!edges.get(folder)!.has(targetFolder)) edges.get(folder)!.set(targetFolder, file);
    }
  }
  return edges;
}

function findCycle(edges: Map<string, Map<string, string>>): string[] | undefined {
  const done = new Set<string>();
  const visit = (folder: string, trail: string[]): string[] | undefined => {
    if (trail.includes(folder)) return [...trail.slice(trail.indexOf(folder)), folder];
    if (done.has(folder)) return undefined;
    for (const next of edges.get(folder)?.keys() ?? []) {
      const cycle = visit(next, [...trail, folder]);
      if (cycle) return cycle;
    }
    done.add(folder);
    return undefined;
  };
  for (const folder of edges.keys()) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return undefined;
}

const files = sourceFiles();
const edges = folderImports(files);

describe('the folder structure of src/', () => {
  it('has no folder import cycle', () => {
    expect(findCycle(edges)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const looped = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['a', 'b/y.ts']])],
    ]);
    expect(findCycle(looped)).toEqual(['a', 'b', 'a']);
  });

  // source/ is the foundation every stage may use (positions, diagnostics, canonical JSON); it imports nothing.
  it.each(['source', 'prompt', 'events'])('%s/ is a leaf: it imports no other stage', (leaf) => {
    expect(Object.fromEntries(edges.get(leaf) ?? [])).toEqual({});
  });

  it('llm/ imports no stage but source/ (diagnostics for recording files)', () => {
    expect([...(edges.get('llm')?.keys() ?? [])].filter((folder) => folder !== 'source')).toEqual([]);
  });

  // pipeline/ and plan/ ask the kinds (checks, secrets, paths, streaming), so tools/ sits below them.
  it('tools/ imports no stage but source/, prompt/ and llm/', () => {
    const allowed = new Set(['source', 'prompt', 'llm']);
    expect(Object.fromEntries([...(edges.get('tools') ?? [])].filter(([folder]) => !allowed.has(folder)))).toEqual({});
  });

  it.each(['view', 'report'])('%s/ consumes events and stored runs, and changes nothing', (consumer) => {
    const allowed = new Set(['events', 'store', 'source']);
    expect([...(edges.get(consumer)?.keys() ?? [])].filter((folder) => !allowed.has(folder))).toEqual([]);
  });

  it.each(['plan', 'replan'])('%s/ is pure: no processes, files, network or clock', (pure) => {
    const effects = /node:(child_process|fs|net|http|https|dgram)|\bDate\.now\(|new Date\(|setTimeout\(|\bfetch\(/;
    const offenders = files.filter((file) => file.folder === pure && effects.test(file.text)).map((file) => file.file);
    expect(offenders).toEqual([]);
  });

  // A batch runs whole runs: it sits on run/ and below, and only the entry points (cli/, action/) use it.
  it('batch/ imports neither the entry points nor the workers', () => {
    expect([...(edges.get('batch')?.keys() ?? [])].filter((folder) => ['cli', 'action', 'workers'].includes(folder))).toEqual([]);
    const importers = [...edges].filter(([, targets]) => targets.has('batch')).map(([folder]) => folder);
    expect(importers.filter((folder) => !['cli', 'action', '.'].includes(folder))).toEqual([]);
  });

  it('execute/ does not call the model', () => {
    expect(edges.get('execute')?.has('llm') ?? false).toBe(false);
    expect(edges.get('execute')?.has('planner') ?? false).toBe(false);
  });
});
