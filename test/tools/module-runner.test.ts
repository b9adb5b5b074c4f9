import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleTool, OutputFormat } from '../../src/pipeline/types.ts';
import { runModule } from '../../src/tools/kinds/module/run-module.ts';
import { failureOf, testToolContext } from './tool-context.ts';

let file: string;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-module-'));
  file = path.join(dir, 'tools.ts');
  // A TypeScript module: Node strips the types, as it does for planexec itself.
  await writeFile(
    file,
    `
import { writeFileSync } from 'node:fs';
export async function greet(args: { name: string }, { signal }: { signal: AbortSignal }): Promise<unknown> {
  return { greeting: \`hello \${args.name}\`, aborted: signal.aborted };
}
export function mutate(args: { list: number[] }) { args.list.push(4); return args.list; }
export function lines() { return ['a', 'b', '', 'c']; }
export function big() { return 'é'.repeat(1000); }
export async function fail() { throw new Error('no such user'); }
export async function busy() { throw Object.assign(new Error('rate limited'), { retryable: true }); }
// Never settles: the runner can only fail the step by not waiting for it. It notes that its signal was aborted.
export function wait(_args: unknown, { signal }: { signal: AbortSignal }) {
  signal.addEventListener('abort', () => writeFileSync(new URL('./wait-aborted.txt', import.meta.url), String(signal.reason?.message ?? signal.reason)));
  return new Promise(() => {});
}
export const notAFunction = 42;
export default (args: { n: number }) => args.n + 1;
`,
  );
});

const tool = (exportName: string, output: OutputFormat = 'json', extra: Partial<ModuleTool> = {}): ModuleTool => ({
  kind: 'module',
  name: 'mod',
  description: 'a module tool',
  module: file,
  export: exportName,
  args: { type: 'object' },
  output,
  ...extra,
});


describe('runModule', () => {
  it('calls the named export with the arguments and a signal; its value is the output', async () => {
    expect(await runModule(tool('greet'), { name: 'Ada' }, testToolContext())).toEqual({ output: { greeting: 'hello Ada', aborted: false } });
    expect(await runModule(tool('default'), { n: 41 }, testToolContext())).toEqual({ output: 42 });
  });

  it('passes a copy of the arguments, so a function cannot change another step\'s output', async () => {
    const args = { list: [1, 2, 3] };
    expect((await runModule(tool('mutate'), args, testToolContext())).output).toEqual([1, 2, 3, 4]);
    expect(args.list).toEqual([1, 2, 3]);
  });

  it('reads the value in the declared output format and caps text at maxOutputBytes', async () => {
    expect((await runModule(tool('lines', 'lines'), {}, testToolContext())).output).toEqual(['a', 'b', '', 'c']);
    expect((await runModule(tool('lines', 'text'), {}, testToolContext())).output).toBe('["a","b","","c"]');
    const capped = await runModule(tool('big', 'text'), {}, testToolContext({ maxOutputBytes: 101 }));
    expect(capped.output).toBe('é'.repeat(50) + '\uFFFD');
    expect(capped.note).toBe('output truncated at 101 bytes (execution.maxOutputBytes)');
  });

  it('turns a throw into a step failure; `retryable: true` marks it transient', async () => {
    const error = await failureOf(runModule(tool('fail'), {}, testToolContext()));
    expect(error.message).toBe(`tool "mod": fail() of ${file} threw: no such user`);
    expect(error.transient).toBe(false);
    expect((await failureOf(runModule(tool('busy'), {}, testToolContext()))).transient).toBe(true);
  });

  it('on timeout aborts the function\'s signal and fails the step at once', async () => {
    const error = await failureOf(runModule(tool('wait', 'json', { timeoutMs: 100 }), {}, testToolContext()));
    expect(error.message).toBe(`tool "mod": wait() of ${file} timed out after 0.1s`);
    expect(error.timedOut).toBe(true);
    expect(readFileSync(path.join(path.dirname(file), 'wait-aborted.txt'), 'utf8')).not.toBe('');
  });

  it('says what is wrong with a missing export or module', async () => {
    expect((await failureOf(runModule(tool('nope'), {}, testToolContext()))).message).toMatch(/has no exported function "nope" \(it exports .*greet.*\)/);
    expect((await failureOf(runModule(tool('notAFunction'), {}, testToolContext()))).message).toContain('has no exported function "notAFunction"');
    const missing = await failureOf(runModule({ ...tool('x'), module: path.join(path.dirname(file), 'gone.js') }, {}, testToolContext()));
    expect(missing.message).toMatch(/^tool "mod": x\(\) of .*gone\.js cannot be loaded: /);
  });
});

describe('a long-lived process (a worker)', () => {
  it('runs the edited module after its file changes, not the code it loaded first', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-module-edit-'));
    const edited = path.join(dir, 'version.mjs');
    await writeFile(edited, 'export const version = () => "one";\n');
    const versionTool: ModuleTool = { ...tool('version', 'text'), module: edited };
    expect((await runModule(versionTool, {}, testToolContext())).output).toBe('one');
    await writeFile(edited, 'export const version = () => "two, edited";\n');
    expect((await runModule(versionTool, {}, testToolContext())).output).toBe('two, edited');
  });
});
