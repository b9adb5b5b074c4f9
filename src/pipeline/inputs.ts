// The pipeline's `inputs:` as typed specs; a default must have the input's type.

import type { Diagnostic } from '../source/diagnostic.ts';
import { describeValue, isFailingAtOrBelow } from '../source/schema-check.ts';
import { diagnosticAt } from '../source/yaml-source.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';
import { isRecord } from './tool-declaration.ts';
import type { InputSpec } from './types.ts';

export function resolveInputs(
  source: YamlSource,
  rawInputs: unknown,
  failingPaths: readonly InstancePath[],
): { readonly inputs: Readonly<Record<string, InputSpec>>; readonly diagnostics: Diagnostic[] } {
  const inputs: Record<string, InputSpec> = {};
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(rawInputs)) return { inputs, diagnostics };
  for (const [name, raw] of Object.entries(rawInputs)) {
    if (!isRecord(raw) || isFailingAtOrBelow(failingPaths, ['inputs', name])) continue;
    const type = (raw.type as InputSpec['type'] | undefined) ?? 'string';
    const value = raw.default;
    if (value !== undefined && typeof value !== type) {
      const hint = type === 'string' ? `; quote it: "${String(value)}"` : '';
      diagnostics.push(diagnosticAt(source, ['inputs', name, 'default'], `input "${name}" has type ${type} but its default is ${describeValue(value)}${hint}`));
      continue;
    }
    inputs[name] = {
      type,
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
      ...(value !== undefined ? { default: value as string | number | boolean } : {}),
      required: value === undefined,
    };
  }
  return { inputs, diagnostics };
}
