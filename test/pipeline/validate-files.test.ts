import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, validateFiles } from '../../src/index.ts';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-validate-')));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const TOOLS = lines('- name: echo', '  description: Echo text', '  command: [echo, "{{args.text}}"]', '  args: { type: object, properties: { text: { type: string } } }');
const PIPELINE = lines('version: 1', 'name: n', 'task: t', 'tools:', '  - use: tools.yaml');

describe('validateFiles', () => {
  it('finds nothing wrong in valid pipeline, tool and config files', async () => {
    const dir = await project({ 'p.yaml': PIPELINE, 'tools.yaml': TOOLS, 'planexec.config.yaml': 'planning: { maxSteps: 5 }\n' });
    expect(await validateFiles(['p.yaml', 'tools.yaml', 'planexec.config.yaml'], dir)).toEqual([]);
  });

  it('tells the kind of file by its name and shape', async () => {
    const dir = await project({
      'planexec.config.yml': 'tools: []\n',
      'tools.yaml': lines('- name: a', '  description: d', '  command: [a]'),
      'p.yaml': 'version: 1\n',
    });
    expect((await validateFiles(['planexec.config.yml', 'tools.yaml', 'p.yaml'], dir)).map(formatDiagnostic)).toEqual([
      'planexec.config.yml:1:1 error: unknown field "tools"',
      'tools.yaml:1:3 error: missing required field "args" (the JSON Schema of the arguments a plan may pass, e.g. args: { type: object, properties: { file: { type: string } }, required: [file] }; for none, args: { type: object })',
      'p.yaml:1:1 error: missing required fields "task", "name" and "tools"', // task is required by the schema's if/then (no fixed plan), which ajv checks first
    ]);
  });

  it('reports a missing file at 1:1', async () => {
    const dir = await project({});
    expect((await validateFiles(['nope.yaml'], dir)).map(formatDiagnostic)).toEqual(['nope.yaml:1:1 error: cannot read file: ENOENT: no such file or directory']);
  });

  it('reports a tool file\'s problem once when it is named and also imported', async () => {
    const dir = await project({ 'p.yaml': PIPELINE, 'tools.yaml': TOOLS.replace('{{args.text}}', '{{args.txt}}') });
    expect((await validateFiles(['tools.yaml', 'p.yaml'], dir)).map(formatDiagnostic)).toEqual([
      'tools.yaml:3:20 error: command placeholder {{args.txt}} names no declared argument (did you mean "text"?)',
    ]);
  });

  it('reports duplicate tool names within a tool file', async () => {
    const dir = await project({ 'tools.yaml': TOOLS + TOOLS });
    expect((await validateFiles(['tools.yaml'], dir)).map(formatDiagnostic)).toEqual([
      'tools.yaml:5:9 error: duplicate tool name "echo" (first declared at tools.yaml:1:9)',
    ]);
  });

  it('includes warnings', async () => {
    const dir = await project({ 'p.yaml': lines('version: 1', 'name: !shout n', 'task: t', 'tools: []') });
    expect((await validateFiles(['p.yaml'], dir)).map(formatDiagnostic)).toEqual(['p.yaml:2:7 warning: YAML: Unresolved tag: !shout']);
  });
});
