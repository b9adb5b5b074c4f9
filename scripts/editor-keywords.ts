// The JSON Schema keywords our schemas may use beyond draft-07: the ones VS Code and
// yaml-language-server read (hover text, error wording, completion snippets). They only annotate, so
// a validator in strict mode knows them by name and by the type of their value, and checks nothing more.

import type { Ajv } from 'ajv';

const strings = { type: 'array', items: { type: 'string' } } as const;

/** Keyword → JSON Schema of its value, as yaml-language-server's JSONSchema type declares them. */
export const EDITOR_KEYWORDS = {
  /** Replaces the editor's (and `planexec validate`'s) "does not match pattern" message. */
  patternErrorMessage: { type: 'string' },
  /** Replaces any error message of the editor for this node. */
  errorMessage: { type: 'string' },
  /** Shown instead of `description` on hover, as Markdown. */
  markdownDescription: { type: 'string' },
  /** Marks a field as deprecated in the editor, with why. */
  deprecationMessage: { type: 'string' },
  /** One description per `enum` value, in order. */
  enumDescriptions: strings,
  markdownEnumDescriptions: strings,
  /** Keeps a field out of completion. */
  doNotSuggest: { type: 'boolean' },
  /** Completion snippets offered for the node. */
  defaultSnippets: {
    type: 'array',
    items: {
      type: 'object',
      properties: { label: { type: 'string' }, description: { type: 'string' }, markdownDescription: { type: 'string' }, body: true, bodyText: { type: 'string' } },
    },
  },
} as const;

/** Registers every editor keyword on `ajv` as an annotation. */
export function addEditorKeywords(ajv: Ajv): Ajv {
  for (const [keyword, metaSchema] of Object.entries(EDITOR_KEYWORDS)) ajv.addKeyword({ keyword, metaSchema });
  return ajv;
}
