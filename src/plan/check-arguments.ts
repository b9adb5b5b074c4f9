// Check a step's arguments against its tool's `args` JSON Schema. Validators are compiled once per
// schema, on first use (tools/args-validator.ts), so compiling a 10,000-step plan compiles each once;
// the same walk of the arguments finds their paths for the safety checks.

import type { ErrorObject } from 'ajv';
import type { ToolSpec } from '../pipeline/types.ts';
import type { PlanProblem } from './plan-types.ts';
import { isWholeReference } from './references.ts';
import { argumentNameFor } from './match-argument-name.ts';
import { quoteName } from '../tools/argument-text.ts';
import { formatMessage } from '../tools/argument-formats.ts';
import { validateArguments } from '../tools/args-validator.ts';
import { pathArgumentsFrom, type PathArguments } from '../tools/path-arguments.ts';

// The runners quote names in their messages too, so the one way of quoting is theirs.
export { quoteName } from '../tools/argument-text.ts';

function pointerToPath(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function declaredNames(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const properties = (schema as { properties?: unknown }).properties;
  return properties !== null && typeof properties === 'object' ? Object.keys(properties) : [];
}

function schemaAt(root: unknown, schemaPath: string): unknown {
  // ajv's schemaPath looks like "#/properties/options/additionalProperties"; we want the object holding the keyword.
  const parts = schemaPath.replace(/^#\/?/, '').split('/').slice(0, -1);
  return valueAt(root, parts.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')));
}

type StepLabel = string;

/** Problems with one step's arguments; the step label reads like `step 2 (list_commits)`. */
export function checkArguments(label: StepLabel, stepId: string, tool: ToolSpec, args: Readonly<Record<string, unknown>>): PlanProblem[] {
  return checkArgumentsAndPaths(label, stepId, tool, args).problems;
}

/** checkArguments, with the path arguments the same walk of the arguments found (for the safety checks, argument-safety.ts). */
export function checkArgumentsAndPaths(label: StepLabel, stepId: string, tool: ToolSpec, args: Readonly<Record<string, unknown>>): { readonly problems: PlanProblem[]; readonly paths: PathArguments } {
  const { errors, found } = validateArguments(tool.args as object, args);
  const paths = pathArgumentsFrom(found);
  if (errors === undefined) return { problems: [], paths };
  const renames = guessRenames(errors, tool);
  const problems: PlanProblem[] = [];
  for (const error of errors) {
    const problem = describeError(label, error, tool, args, renames);
    if (problem) problems.push({ ...problem, stepId });
  }
  return { problems, paths };
}

/**
 * "did you mean" for each unknown top-level argument: the declared name it dresses up or misspells
 * (match-argument-name.ts), or else, when the
 * arguments left unexplained pair up one to one with the required ones missing, the missing one in the
 * same position (models rename arguments: `audio_file_1, audio_file_2` for `audio_1, audio_2`).
 */
function guessRenames(errors: readonly ErrorObject[], tool: ToolSpec): ReadonlyMap<string, string> {
  const renames = new Map<string, string>();
  const missing = errors.filter((error) => error.keyword === 'required' && error.instancePath === '').map((error) => (error.params as { missingProperty: string }).missingProperty);
  const unknown = errors.filter((error) => error.keyword === 'additionalProperties' && error.instancePath === '').map((error) => (error.params as { additionalProperty: string }).additionalProperty);
  if (unknown.length === 0) return renames;
  const declared = declaredNames(tool.args);
  const unpaired: string[] = [];
  for (const name of unknown) {
    const guess = argumentNameFor(name, declared);
    if (guess) renames.set(name, guess);
    else unpaired.push(name);
  }
  const stillMissing = missing.filter((name) => ![...renames.values()].includes(name));
  if (unpaired.length === stillMissing.length) unpaired.forEach((name, index) => renames.set(name, stillMissing[index]!));
  return renames;
}

function describeError(label: string, error: ErrorObject, tool: ToolSpec, args: unknown, renames: ReadonlyMap<string, string>): Omit<PlanProblem, 'stepId'> | undefined {
  const path = pointerToPath(error.instancePath);
  const where = path.join('.');
  const value = valueAt(args, path);
  // A whole-string reference has its type only at run time; it is checked again after substitution.
  if (error.keyword !== 'required' && error.keyword !== 'additionalProperties' && isWholeReference(value)) return undefined;
  switch (error.keyword) {
    case 'required': {
      const name = [...path, (error.params as { missingProperty: string }).missingProperty].join('.');
      return { code: 'missing-argument', message: `${label}: missing required argument ${quoteName(name)}` };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const declared = declaredNames(schemaAt(tool.args, error.schemaPath));
      const guess = path.length === 0 ? renames.get(extra) : argumentNameFor(extra, declared);
      const name = [...path, extra].join('.');
      const hint = guess ? `did you mean "${guess}"? ` : '';
      const list = declared.length > 0 ? `declared: ${declared.join(', ')}` : 'it takes no arguments here';
      return { code: 'unknown-argument', message: `${label}: unknown argument ${quoteName(name)} (${hint}${list})` };
    }
    case 'type': {
      const expected = (error.params as { type: string | string[] }).type;
      const wanted = Array.isArray(expected) ? expected.join(' or ') : expected;
      const subject = where === '' ? 'the arguments' : `argument ${quoteName(where)}`;
      return { code: 'wrong-argument-type', message: `${label}: ${subject} must be ${wanted}, got ${typeName(value)}` };
    }
    case 'format': {
      // Text around a reference gets its final form only at run time; it is checked again then.
      if (typeof value === 'string' && value.includes('${steps.')) return undefined;
      const subject = where === '' ? 'the arguments' : `argument ${quoteName(where)}`;
      return { code: 'invalid-argument', message: `${label}: ${formatMessage(subject, String((error.params as { format: string }).format), value)}` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
      return { code: 'invalid-argument', message: `${label}: argument ${quoteName(where)} must be one of ${allowed}, got ${JSON.stringify(value)}` };
    }
    default: {
      const subject = where === '' ? 'the arguments' : `argument ${quoteName(where)}`;
      return { code: 'invalid-argument', message: `${label}: ${subject} ${error.message ?? 'is invalid'}` };
    }
  }
}
