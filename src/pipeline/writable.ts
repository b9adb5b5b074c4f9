// A pipeline's `writable:` folders, the only places a plan may write: checked and normalized once,
// with a problem at each entry that cannot be writable (absolute, `..`, the workspace itself, .git).

import type { Diagnostic } from '../source/diagnostic.ts';
import { isFailingAtOrBelow } from '../source/schema-check.ts';
import { diagnosticAt } from '../source/yaml-source.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';
import { DEFAULT_WRITABLE, normalizeWritableFolder } from '../tools/writable-folders.ts';

export function resolveWritable(source: YamlSource, raw: unknown, failingPaths: readonly InstancePath[]): { readonly writable: readonly string[]; readonly diagnostics: Diagnostic[] } {
  if (!Array.isArray(raw) || isFailingAtOrBelow(failingPaths, ['writable'])) return { writable: DEFAULT_WRITABLE, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const writable: string[] = [];
  raw.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') return;
    const normalized = normalizeWritableFolder(entry);
    if ('problem' in normalized) diagnostics.push(diagnosticAt(source, ['writable', index], `writable folder ${JSON.stringify(entry)} ${normalized.problem}`));
    else if (!writable.includes(normalized.folder)) writable.push(normalized.folder);
  });
  return { writable, diagnostics };
}
