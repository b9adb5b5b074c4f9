// One validator per tool `args` schema, compiled the first time a step of that tool is checked (so
// only for tools a plan uses), serving both the argument check and the collection of path
// arguments: one Ajv, one compile per schema, where there were two of each. Valid arguments of an
// ordinary schema need no compile at all (quick-args-check.ts).

import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { loadAjv } from '../source/load-ajv.ts';
import { ajvWithoutMetaSchema, usePrecompiledMetaSchema } from '../source/precompiled-meta-schema.ts';
import { addArgumentFormats } from './add-argument-formats.ts';
import { addArgumentVocabulary } from './argument-vocabulary.ts';
import { quickArgsCheck, type CollectedPaths } from './quick-args-check.ts';

export type { CollectedPaths } from './quick-args-check.ts';

type Args = Readonly<Record<string, unknown>>;

/** Set while validateArguments validates: the vocabulary's callback records path strings only then. */
let collecting: { paths: string[]; writes: string[] } | undefined;

const OPTIONS = { allErrors: true, strict: false } as const;

/** `lean`: without the draft-07 meta-schema (cheaper to make), for schemas with no `$ref` (one could name it). */
function argsAjv(lean: boolean): Ajv {
  const ajv = lean ? ajvWithoutMetaSchema(OPTIONS) : usePrecompiledMetaSchema(new (loadAjv().Ajv)(OPTIONS));
  // Formats are checked (the standard ones; `format: path` is the workspace check's, elsewhere).
  return addArgumentVocabulary(addArgumentFormats(ajv), (value, writes) => collecting?.[writes ? 'writes' : 'paths'].push(value));
}

let leanAjv: Ajv | undefined;
let fullAjv: Ajv | undefined;
/** By schema object: a tool copied (imported, resolved again) keeps its `args`, and its validator. */
const validators = new WeakMap<object, ValidateFunction>();

/** The validator of `schema` (all errors), compiled on first use. */
function argsValidator(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (validate === undefined) {
    const text = JSON.stringify(schema);
    const lean = !text.includes('"$ref"');
    // Two tools may use the same $id, which one Ajv refuses: such a schema gets an instance of its own.
    const ajv = text.includes('"$id"') ? argsAjv(lean) : lean ? (leanAjv ??= argsAjv(true)) : (fullAjv ??= argsAjv(false));
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** One look at `args` against `schema`: ajv's errors, if any, and the path strings it saw. */
export interface ArgumentsVerdict {
  /** ajv's errors (all of them), or undefined when the arguments are valid. */
  readonly errors: readonly ErrorObject[] | undefined;
  /** The strings in `args` that `schema` declares `format: path` or `writes: true` for, wherever they sit in it. */
  readonly found: CollectedPaths;
}

/** `args` against `schema`, walked once for both the errors and the path strings (by the quick check, else by the compiled validator). */
export function validateArguments(schema: object, args: Args): ArgumentsVerdict {
  const quick = quickArgsCheck(schema, args);
  if (quick !== undefined) return { errors: undefined, found: quick };
  const validate = argsValidator(schema);
  const found = { paths: [] as string[], writes: [] as string[] };
  collecting = found;
  let valid: boolean;
  try {
    valid = validate(args);
  } finally {
    collecting = undefined;
  }
  return { errors: valid ? undefined : (validate.errors ?? []), found };
}
