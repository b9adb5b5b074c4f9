// One compile per args schema, on first use: the argument check and the collection of path arguments
// share the validator, and a tool no step uses is never compiled.

import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { compilePlan } from '../../src/index.ts';
import { checkArguments } from '../../src/plan/check-arguments.ts';
import { pathArguments, writtenPathArguments } from '../../src/tools/path-arguments.ts';
import { commandTool, llmTool } from '../support/tools.ts';

describe('args validators', () => {
  it('compile each schema a plan uses once, for the argument check and the path arguments alike, and no other', () => {
    const read = commandTool('read_file', ['cat', '--', '{{args.file}}'], {
      args: { type: 'object', properties: { file: { type: 'string', format: 'path' }, also: { type: 'array', items: { type: 'string', format: 'path' } } }, required: ['file'], additionalProperties: false },
    });
    const write = commandTool('write_file', ['tee', '--', '{{args.file}}'], {
      args: { type: 'object', properties: { file: { type: 'string', format: 'path', writes: true } }, required: ['file'], additionalProperties: false },
    });
    const unused = commandTool('unused', ['true'], { args: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } } });
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const result = compilePlan({ steps: [{ id: 1, tool: 'read_file', args: { file: 'a.txt', also: ['b.txt'] } }, { id: 2, tool: 'write_file', args: { file: 'out/c.txt' } }, { id: 3, tool: 'read_file', args: { file: 'd.txt' } }] }, [read, write, unused, llmTool]);
      expect(result.ok).toBe(true);
      const compiled = compile.mock.calls.map(([schema]) => schema);
      expect(compiled).toHaveLength(2);
      expect(compiled).toContain(read.args);
      expect(compiled).toContain(write.args);
      expect(new Set(compile.mock.contexts).size).toBe(1);
      compile.mockClear();
      // At run time, the same validators find the paths and check the final arguments.
      expect(pathArguments(read, { file: 'x.txt', also: ['y.txt', 'x.txt'] })).toEqual(['x.txt', 'y.txt']);
      expect(writtenPathArguments(write, { file: 'out/z.txt' })).toEqual(['out/z.txt']);
      expect(writtenPathArguments(read, { file: 'x.txt' })).toEqual([]);
      expect(checkArguments('step 1 (read_file)', '1', read, { file: 5 }).map((p) => p.message)).toEqual(['step 1 (read_file): argument "file" must be string, got integer']);
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
  });

  it('give each schema with an $id an Ajv of its own, so two tools may share one', () => {
    const a = commandTool('a', ['a'], { args: { $id: 'https://x.test/shared-id', type: 'object', properties: { f: { type: 'string', format: 'path' } } } });
    const b = commandTool('b', ['b'], { args: { $id: 'https://x.test/shared-id', type: 'object', properties: { g: { type: 'integer' } } } });
    const result = compilePlan({ steps: [{ id: 1, tool: 'a', args: { f: 'x' } }, { id: 2, tool: 'b', args: { g: 'no' } }] }, [a, b, llmTool]);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual(['step 2 (b): argument "g" must be integer, got string']);
    expect(pathArguments(a, { f: 'x' })).toEqual(['x']);
  });
});
