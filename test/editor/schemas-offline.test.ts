// Every schema in schemas/ loads with no network and passes a standard validator in strict mode: what
// an editor (or any tool) needs to use them offline. Editor keywords are registered here by hand, as a
// third party using the VS Code vocabulary would.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { EDITOR_KEYWORDS } from '../../scripts/editor-keywords.ts';

const schemasDir = path.resolve(import.meta.dirname, '../../schemas');
const files = readdirSync(schemasDir).filter((name) => name.endsWith('.json')).sort();
const read = (name: string) => JSON.parse(readFileSync(path.join(schemasDir, name), 'utf8')) as Record<string, unknown>;

/** The keywords VS Code and yaml-language-server read beyond JSON Schema, with the type of their value. */
const vscodeKeywords: Record<string, object> = {
  patternErrorMessage: { type: 'string' },
  errorMessage: { type: 'string' },
  markdownDescription: { type: 'string' },
  deprecationMessage: { type: 'string' },
  enumDescriptions: { type: 'array', items: { type: 'string' } },
  markdownEnumDescriptions: { type: 'array', items: { type: 'string' } },
  doNotSuggest: { type: 'boolean' },
  defaultSnippets: { type: 'array', items: { type: 'object' } },
};

/** Every `$ref` in a schema, with the JSON pointer of where it is. */
function refsOf(node: unknown, at = ''): { at: string; ref: string }[] {
  if (node === null || typeof node !== 'object') return [];
  const found: { at: string; ref: string }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') found.push({ at: `${at}/$ref`, ref: value });
    else found.push(...refsOf(value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return found;
}

describe('the schemas in schemas/', () => {
  it('are the five formats and the draft-07 meta-schema they refer to', () => {
    expect(files).toEqual(['config.schema.json', 'draft-07.schema.json', 'events.schema.json', 'pipeline.schema.json', 'plan.schema.json', 'tool.schema.json']);
  });

  it('refer to nothing on the network: every $ref is within the file or to a file beside it', () => {
    const problems: string[] = [];
    for (const name of files) {
      for (const { at, ref } of refsOf(read(name))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) problems.push(`${name}#${at}: ${ref} needs the network (refer to a file in schemas/)`);
        else {
          const file = ref.split('#')[0]!;
          if (file !== '' && !files.includes(file)) problems.push(`${name}#${at}: ${ref} names no file in schemas/`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('compile with a fresh ajv in strict mode, the editor keywords registered explicitly', () => {
    // allowUnionTypes: `type: [a, b]` is plain JSON Schema (the draft-07 meta-schema itself uses it);
    // strict mode otherwise asks for it to be allowed by name. ajv-formats: the meta-schema's formats.
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    addFormats.default(ajv);
    for (const [keyword, metaSchema] of Object.entries(vscodeKeywords)) ajv.addKeyword({ keyword, metaSchema });
    const ids = files.map((name) => {
      const schema = read(name);
      ajv.addSchema(schema);
      return schema.$id as string;
    });
    const failures: string[] = [];
    for (const [i, id] of ids.entries()) {
      try {
        expect(ajv.getSchema(id)).toBeTypeOf('function');
      } catch (error) {
        failures.push(`${files[i]}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('are compiled by the validator generator with the same editor vocabulary', () => {
    expect(Object.keys(EDITOR_KEYWORDS).sort()).toEqual(Object.keys(vscodeKeywords).sort());
  });

  it('hold a copy of draft-07 identical to the one ajv checks schemas against, but for its $id', () => {
    const ours = read('draft-07.schema.json');
    const ajvs = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown>;
    const { $id, $comment, ...rest } = ours;
    expect($id).toBe('https://planexec.dev/schemas/draft-07.schema.json');
    expect($comment).toBeTypeOf('string');
    expect(rest).toEqual({ ...ajvs, $id: undefined });
    expect(refsOf(read('tool.schema.json')).map((r) => r.ref)).toContain('draft-07.schema.json');
  });
});
