// One validator per tool `args` schema, compiled the first time a step of that tool is checked (so
// only for tools a plan uses), serving both the argument check and the collection of path
// arguments: one Ajv, one compile per schema, where there were two of each.

import { Ajv, type ValidateFunction } from 'ajv';
import { usePrecompiledMetaSchema } from '../source/precompiled-meta-schema.ts';
import { addArgumentFormats } from './add-argument-formats.ts';
import { addArgumentVocabulary } from './argument-vocabulary.ts';

type Args = Readonly<Record<string, unknown>>;

/** The strings a validation saw as `format: path` (paths) and as `writes: true` (writes). */
export interface CollectedPaths {
  readonly paths: readonly string[];
  readonly writes: readonly string[];
}

/** Set while collectPaths validates: the vocabulary's callback records path strings only then. */
let collecting: { paths: string[]; writes: string[] } | undefined;

function argsAjv(): Ajv {
  // Formats are checked (the standard ones; `format: path` is the workspace check's, elsewhere).
  const ajv = usePrecompiledMetaSchema(new Ajv({ allErrors: true, strict: false }));
  return addArgumentVocabulary(addArgumentFormats(ajv), (value, writes) => collecting?.[writes ? 'writes' : 'paths'].push(value));
}

let sharedAjv: Ajv | undefined;
/** By schema object: a tool copied (imported, resolved again) keeps its `args`, and its validator. */
const validators = new WeakMap<object, ValidateFunction>();

/** The validator of `schema` (all errors), compiled on first use. */
export function argsValidator(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (validate === undefined) {
    // Two tools may use the same $id, which one Ajv refuses: such a schema gets an instance of its own.
    validate = JSON.stringify(schema).includes('"$id"') ? argsAjv().compile(schema) : (sharedAjv ??= argsAjv()).compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** The strings in `args` that `schema` declares `format: path` or `writes: true` for, wherever they sit in it. */
export function collectPaths(schema: object, args: Args): CollectedPaths {
  const validate = argsValidator(schema);
  const found = { paths: [] as string[], writes: [] as string[] };
  collecting = found;
  try {
    validate(args);
  } finally {
    collecting = undefined;
  }
  return found;
}
