// Compiling a tool's `args` schema with ajv in strict mode, for the verdict on the schemas the static
// check (args-schema-verdict.ts) cannot vouch for: ajv's refusal is the message a user sees. Imported
// only when such a schema turns up, so a pipeline of ordinary schemas loads without ajv.

import { Ajv } from 'ajv';
import { usePrecompiledMetaSchema } from '../source/precompiled-meta-schema.ts';
import { FLOW_COMMA_HINT } from '../source/schema-check.ts';
import { addArgumentFormats } from '../tools/add-argument-formats.ts';
import { addArgumentVocabulary } from '../tools/argument-vocabulary.ts';

/** One Ajv for every args schema (each instance would compile its own code for the same keywords). */
let sharedArgsAjv: Ajv | undefined;

function argsAjv(): Ajv {
  const ajv = usePrecompiledMetaSchema(new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }));
  addArgumentFormats(ajv);
  addArgumentVocabulary(ajv);
  return ajv;
}

/**
 * Why ajv cannot compile the schema (strict mode: unknown keywords, unknown formats, bad $ref), if it
 * cannot. Not kept: the caller (tool-declaration.ts) keeps the verdicts, whichever way they were made.
 */
export function compiledArgsSchemaProblem(schema: Readonly<Record<string, unknown>>): string | undefined {
  // Two tools may use the same $id, which one Ajv refuses: a schema with an id gets an instance of its own.
  const ajv = JSON.stringify(schema).includes('"$id"') ? argsAjv() : (sharedArgsAjv ??= argsAjv());
  let problem: string | undefined;
  try {
    ajv.compile(schema);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^strict mode: /, '');
    problem = /^unknown keyword: "[^"]* [^"]*"/.test(message) ? `${message} (${FLOW_COMMA_HINT})` : message;
  } finally {
    // Only the verdict is kept, so the shared instance does not grow with every schema it checks.
    ajv.removeSchema(schema);
  }
  return problem;
}
