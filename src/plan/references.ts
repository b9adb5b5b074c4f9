// Output references in step arguments: `${steps.<id>.output}` and `${steps.<id>.output.<path>}`.
// They are data substitution, never template evaluation: the text around a reference is copied
// as is, and the referenced value is inserted as a value.

import type { OutputFormat } from '../pipeline/types.ts';
import type { OutputReference } from './plan-types.ts';

const referencePattern = /\$\{steps\.([A-Za-z0-9_-]{1,64})\.output((?:\.[A-Za-z0-9_-]+|\[\d+\])*)\}/g;
const wholeReferencePattern = /^\$\{steps\.([A-Za-z0-9_-]{1,64})\.output((?:\.[A-Za-z0-9_-]+|\[\d+\])*)\}$/;
/** Anything that starts like one of our references, to catch malformed ones. */
const referenceLikePattern = /\$\{\s*steps\b[^}]*\}?/g;

const pathPartPattern = /\.([A-Za-z0-9_-]+)|\[(\d+)\]/g;

function parsePath(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  if (text === '') return path;
  // exec on one shared pattern: matchAll would copy the pattern for each call.
  pathPartPattern.lastIndex = 0;
  for (let match = pathPartPattern.exec(text); match !== null; match = pathPartPattern.exec(text)) {
    if (match[2] !== undefined) path.push(Number(match[2]));
    else path.push(/^\d+$/.test(match[1]!) ? Number(match[1]) : match[1]!);
  }
  return path;
}

interface ReferenceScan {
  readonly references: OutputReference[];
  /** Reference-like text that is not a valid reference, e.g. `${steps.1.result}`. */
  readonly malformed: string[];
}

/** Every reference in a JSON value's strings, in document order. */
export function scanReferences(value: unknown): ReferenceScan {
  const scan: ReferenceScan = { references: [], malformed: [] };
  visitStrings(value, (text) => {
    if (!text.includes('${')) return;
    // exec on the shared patterns (each loop runs to the end, leaving lastIndex at 0): matchAll would copy them per string.
    referencePattern.lastIndex = 0;
    for (let match = referencePattern.exec(text); match !== null; match = referencePattern.exec(text)) {
      scan.references.push({ stepId: match[1]!, path: parsePath(match[2] ?? ''), text: match[0] });
    }
    referenceLikePattern.lastIndex = 0;
    for (let match = referenceLikePattern.exec(text); match !== null; match = referenceLikePattern.exec(text)) {
      if (!wholeReferencePattern.test(match[0])) scan.malformed.push(match[0]);
    }
  });
  return scan;
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) visitStrings(item, visit);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) visitStrings(item, visit);
}

/** A reference's path (`${steps.1.output.items[0]}`) names a field or item the referenced output does not have. */
class MissingOutputPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingOutputPathError';
  }
}

function resolvePath(reference: OutputReference, output: unknown): unknown {
  let current = output;
  for (const key of reference.path) {
    const container = current;
    const isIndexable = container !== null && typeof container === 'object';
    if (!isIndexable || !Object.hasOwn(container, key)) {
      throw new MissingOutputPathError(`${reference.text}: the output of step ${reference.stepId} has no ${typeof key === 'number' ? `item ${key}` : `field "${key}"`}`);
    }
    current = (container as Record<string | number, unknown>)[key];
  }
  return current;
}

/** How an output reads when spliced into text: text as is, lines one per line, JSON as JSON (a JSON string as is). */
export function outputAsText(value: unknown, format: OutputFormat = 'json'): string {
  if (typeof value === 'string') return value;
  if (format === 'lines' && Array.isArray(value)) return value.join('\n');
  return JSON.stringify(value) ?? '';
}

/** Reads a finished step's output and the format its tool declares. */
type OutputLookup = (stepId: string) => { readonly value: unknown; readonly format: OutputFormat };

/**
 * Replace references with the outputs they name. A string that is exactly one reference becomes the
 * referenced value itself (keeping its JSON type); references inside longer strings are spliced in as text.
 */
export function substituteReferences(value: unknown, outputOf: OutputLookup): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${steps.')) return value;
    const whole = wholeReferencePattern.exec(value);
    if (whole) return resolvePath({ stepId: whole[1]!, path: parsePath(whole[2] ?? ''), text: value }, outputOf(whole[1]!).value);
    return value.replace(referencePattern, (text, stepId: string, pathText: string) => {
      const output = outputOf(stepId);
      return outputAsText(resolvePath({ stepId, path: parsePath(pathText), text }, output.value), output.format);
    });
  }
  if (Array.isArray(value)) return value.map((item) => substituteReferences(item, outputOf));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteReferences(item, outputOf)]));
  }
  return value;
}

/** True when the string is exactly one reference, whose type is only known at run time. */
export function isWholeReference(value: unknown): boolean {
  return typeof value === 'string' && wholeReferencePattern.test(value);
}
