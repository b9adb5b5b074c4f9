// One compile per args schema, on first use: the argument check and the collection of path arguments
// share the validator, and a tool no step uses is never compiled.

import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { compilePlan } from '../../src/index.ts';
import { checkArguments } from '../../src/plan/check-arguments.ts';
import { pathArgumentsOf } from '../../src/tools/path-arguments.ts';
import { commandTool, llmTool } from '../support/tools.ts';

describe('args validators', () => {
  it('compile no schema for valid steps, and each schema with an invalid step once, for the argument check and the path arguments alike', () => {
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
      // Valid arguments of ordinary schemas are checked without a compiled validator (quick-args-check.ts).
      expect(compile).not.toHaveBeenCalled();
      expect(pathArgumentsOf(read, { file: 'x.txt', also: ['y.txt', 'x.txt'] }).all).toEqual(['x.txt', 'y.txt']);
      expect([...pathArgumentsOf(write, { file: 'out/z.txt' }).written]).toEqual(['out/z.txt']);
      expect([...pathArgumentsOf(read, { file: 'x.txt' }).written]).toEqual([]);
      expect(compile).not.toHaveBeenCalled();
      // Invalid ones get ajv's errors, from one validator per schema, which the path arguments use too.
      expect(checkArguments('step 1 (read_file)', '1', read, { file: 5 }).map((p) => p.message)).toEqual(['step 1 (read_file): argument "file" must be string, got integer']);
      expect(checkArguments('step 2 (read_file)', '2', read, { file: 'a', extra: 1 }).map((p) => p.message)).toEqual(['step 2 (read_file): unknown argument "extra" (declared: file, also)']);
      expect(pathArgumentsOf(read, { file: 'x.txt', also: ['y.txt'], extra: 1 }).all).toEqual(['x.txt', 'y.txt']);
      expect(compile.mock.calls.map(([schema]) => schema)).toEqual([read.args]);
    } finally {
      compile.mockRestore();
    }
  });

  it('give each schema with an $id an Ajv of its own, so two tools may share one', () => {
    const a = commandTool('a', ['a'], { args: { $id: 'https://x.test/shared-id', type: 'object', properties: { f: { type: 'string', format: 'path' } } } });
    const b = commandTool('b', ['b'], { args: { $id: 'https://x.test/shared-id', type: 'object', properties: { g: { type: 'integer' } } } });
    const result = compilePlan({ steps: [{ id: 1, tool: 'a', args: { f: 'x' } }, { id: 2, tool: 'b', args: { g: 'no' } }] }, [a, b, llmTool]);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual(['step 2 (b): argument "g" must be integer, got string']);
    expect(pathArgumentsOf(a, { f: 'x' }).all).toEqual(['x']);
  });

  it('validate a step\'s arguments once for both the argument check and the path checks of the plan', () => {
    const write = commandTool('write_file', ['tee', '--', '{{args.file}}'], {
      args: { type: 'object', properties: { file: { type: 'string', format: 'path', writes: true } }, required: ['file'], additionalProperties: false },
    });
    const original = Ajv.prototype.compile;
    let validations = 0;
    const compile = vi.spyOn(Ajv.prototype, 'compile').mockImplementation(function (this: Ajv, ...given: Parameters<Ajv['compile']>) {
      return new Proxy(original.apply(this, given), { apply: (target, self, args) => (validations++, Reflect.apply(target, self, args)) });
    });
    try {
      // Invalid (an unknown argument), so ajv's validator walks it: its errors and its written path come from that one walk.
      const result = compilePlan({ steps: [{ id: 1, tool: 'write_file', args: { file: 'src/x.txt', extra: 1 } }] }, [write, llmTool], { workspace: '/tmp/w' });
      expect(!result.ok && result.problems.map((p) => p.code)).toEqual(['unknown-argument', 'path-not-allowed']);
      expect(validations).toBe(1);
    } finally {
      compile.mockRestore();
    }
  });
});
