// Check and coerce the run's inputs against the pipeline's `inputs` declarations.

import type { Pipeline } from '../pipeline/types.ts';
import { closestMatch } from '../source/did-you-mean.ts';
import { renderTemplate } from '../prompt/template-engine.ts';
import { RunError } from './outcome.ts';

export type InputValue = string | number | boolean;

/** Bad `--input` values: usage errors, exit 2. */
export class InputError extends RunError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'InputError';
  }
}

export function resolveInputs(pipeline: Pipeline, given: Readonly<Record<string, InputValue>>): Record<string, InputValue> {
  const problems: string[] = [];
  const resolved: Record<string, InputValue> = {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(pipeline.inputs, name)) {
      const declared = Object.keys(pipeline.inputs);
      const guess = closestMatch(name, declared);
      problems.push(`unknown input "${name}" (${guess ? `did you mean "${guess}"? ` : ''}${declared.length ? `declared: ${declared.join(', ')}` : 'the pipeline declares no inputs'})`);
    }
  }
  for (const [name, spec] of Object.entries(pipeline.inputs)) {
    const raw = Object.hasOwn(given, name) ? given[name] : spec.default;
    if (raw === undefined) {
      problems.push(`missing input "${name}": pass --input ${name}=<${spec.type}>${spec.description ? ` (${spec.description})` : ''}`);
      continue;
    }
    const value = coerce(raw, spec.type);
    if (value === undefined) problems.push(`input "${name}" must be a ${spec.type}, got ${JSON.stringify(raw)}`);
    else resolved[name] = value;
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return resolved;
}

function coerce(raw: InputValue, type: 'string' | 'number' | 'boolean'): InputValue | undefined {
  if (type === 'string') return String(raw);
  if (type === 'number') {
    // Decimal notation only: Number() would also take " " (0) and "0x10" (16).
    const number = typeof raw === 'number' ? raw : /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(String(raw)) ? Number(raw) : NaN;
    return Number.isFinite(number) ? number : undefined;
  }
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return undefined;
}

/** Inputs checked and the task rendered from them: what planning starts from. */
export function renderTask(pipeline: Pipeline, given: Readonly<Record<string, InputValue>>): { inputs: Record<string, InputValue>; task: string } {
  const inputs = resolveInputs(pipeline, given);
  return { inputs, task: renderTemplate(pipeline.task, 'task', { inputs }) };
}
