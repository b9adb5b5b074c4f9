// planexec's additions to the JSON Schema of a tool's arguments, registered on every ajv that reads
// such a schema: `format: path` (a file path confined to the workspace), `writes: true` (a path the
// tool writes: confined further to the pipeline's writable folders) and `allowOptionLike: true` (the
// value may start with `-` where it begins a command argument) and `x-accepts` (which data an argument
// accepts, for the data-flow policy).

import type { Ajv } from 'ajv';

const PATH_FORMAT = 'path';
const WRITES = 'writes';
const ALLOW_OPTION_LIKE = 'allowOptionLike';
/** `x-accepts: trusted` on a top-level argument: the data-flow policy keeps untrusted data out of it. */
export const ARGUMENT_ACCEPTS = 'x-accepts';

/**
 * Registers the vocabulary. `onPath`, when given, is told every string validated as `format: path` or
 * `writes: true`, with whether the tool writes it (the workspace checks need the file system, so they
 * run where the tool runs).
 */
export function addArgumentVocabulary(ajv: Ajv, onPath?: (value: string, writes: boolean) => void): Ajv {
  ajv.addKeyword({ keyword: ALLOW_OPTION_LIKE, schemaType: 'boolean' });
  // Read by the compiler's data-flow check, not by validation; its value is checked with the declaration.
  ajv.addKeyword({ keyword: ARGUMENT_ACCEPTS });
  ajv.addKeyword({
    keyword: WRITES,
    schemaType: 'boolean',
    errors: false,
    validate: (writes: boolean, value: unknown) => {
      if (writes && typeof value === 'string') onPath?.(value, true);
      return true;
    },
  });
  ajv.addFormat(PATH_FORMAT, {
    type: 'string',
    validate: (value: string) => {
      onPath?.(value, false);
      return true;
    },
  });
  return ajv;
}

/** Whether the top-level argument `name` lets its value start with `-` (`allowOptionLike: true`). */
export function allowsOptionLike(argsSchema: Readonly<Record<string, unknown>>, name: string): boolean {
  const properties = argsSchema.properties;
  if (properties === null || typeof properties !== 'object' || !Object.hasOwn(properties, name)) return false;
  const property = (properties as Record<string, unknown>)[name];
  return property !== null && typeof property === 'object' && (property as Record<string, unknown>)[ALLOW_OPTION_LIKE] === true;
}
