// The one test for "a schema ajv's default meta-schema accepts": `$schema` absent or draft-07's, and
// valid by the draft-07 validator generated at build time. Kept apart from precompiled-meta-schema.ts
// so the checks that decide schemas without ajv (validate's) can use it without loading ajv.

import { draft07 } from './project-validators.generated.ts';

const isDraft07Valid = draft07 as unknown as (schema: unknown) => boolean;
/** `$schema` values ajv resolves to its default meta-schema, draft-07. */
const DRAFT_07: ReadonlySet<unknown> = new Set([undefined, 'http://json-schema.org/draft-07/schema', 'http://json-schema.org/draft-07/schema#']);

/**
 * Whether `schema` is an object schema that names no other `$schema` than draft-07 and that the
 * generated draft-07 validator accepts. Throws where that validator does (a schema nested deeper than
 * the stack allows), as ajv's own check would.
 */
export function isPlainDraft07Schema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && DRAFT_07.has((schema as { readonly $schema?: unknown }).$schema) && isDraft07Valid(schema);
}
