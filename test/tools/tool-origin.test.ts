// A failing tool of an installed package (planexec's tool library under node_modules/) is named by
// the tool and the user's own file that declared or imported it, never by a path inside the package;
// the Action's annotations go on that line of the user's file.

import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiClient, loadPipeline, runPipeline, type Pipeline, type RunEvent } from '../../src/index.ts';
import { diagnosticAnnotation, stepFailureAnnotation } from '../../src/report/github-annotations.ts';
import { describeToolOrigin, installedPackageOf, userDeclarationOf } from '../../src/tools/tool-origin.ts';
import { repoRoot } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

let dir: string;
let pipeline: Pipeline;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'planexec-origin-'));
  // planexec installed in the project, its tool library as the package ships it.
  const library = path.join(dir, 'node_modules/planexec/tools');
  await mkdir(path.join(library, 'scripts'), { recursive: true });
  await cp(path.join(repoRoot, 'tools/fs.yaml'), path.join(library, 'fs.yaml'));
  await cp(path.join(repoRoot, 'tools/scripts/fs-tools.mjs'), path.join(library, 'scripts/fs-tools.mjs'));
  await writeFile(path.join(library, 'scripts/broken.mjs'), 'export function explode() { throw new Error(`cannot parse ${new URL(import.meta.url).pathname} at ${import.meta.url}`); }\n');
  // The user's own tool file, declaring a tool with the library's script.
  await mkdir(path.join(dir, 'tools'));
  await writeFile(
    path.join(dir, 'tools/fs.yaml'),
    `- name: read_text
  description: The text of a file
  module: ../node_modules/planexec/tools/scripts/fs-tools.mjs
  export: readTextFile
  args: { type: object, properties: { path: { type: string } }, required: [path], additionalProperties: false }
- name: explode
  description: Always fails
  module: ../node_modules/planexec/tools/scripts/broken.mjs
  export: explode
  args: { type: object }
`,
  );
  await mkdir(path.join(dir, 'pipelines'));
  await writeFile(
    path.join(dir, 'pipelines/notes.yaml'),
    `version: 1
name: notes
task: Read the notes
model: { name: m }
tools:
  - use: ../tools/fs.yaml
  - use: ../node_modules/planexec/tools/fs.yaml
    only: [read_file]
replan: { strategy: none }
`,
  );
  pipeline = await loadPipeline(path.join(dir, 'pipelines/notes.yaml'), { cwd: dir, config: null });
});

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The step-failed event of a one-step plan calling `tool` with `args`. */
async function failureOf(tool: string, args: Record<string, unknown>): Promise<Extract<RunEvent, { kind: 'step-failed' }>> {
  server = await startScriptedServer([{ json: { steps: [{ id: 1, action: 'Do it', tool, args }] } }]);
  const events: RunEvent[] = [];
  const llm = createOpenAiClient({ ...pipeline.model, baseURL: server.url, maxRetries: 0 }, {});
  const outcome = await runPipeline(pipeline, { llm, cwd: dir, env: {}, onEvent: (event) => events.push(event) });
  expect(outcome.status).toBe('failed');
  const failed = events.find((event) => event.kind === 'step-failed');
  expect(failed).toBeDefined();
  return failed as Extract<RunEvent, { kind: 'step-failed' }>;
}

const toolNamed = (name: string) => pipeline.tools.find((tool) => tool.name === name)!;

describe('a failing tool of an installed package', () => {
  it('declared in the user\'s tool file: the step error names the tool, that file and the cause, not the module', async () => {
    const failed = await failureOf('read_text', { path: 'notes.md' });
    expect(failed.error).toBe('tool "read_text" (tools/fs.yaml:1:3) threw: no such file: notes.md');
    expect(failed.error).not.toMatch(/node_modules|fs-tools|readTextFile/);
  });

  it('imported from the tool library: the step error names the library file and the user\'s use: line', async () => {
    const failed = await failureOf('read_file', { path: 'notes.md' });
    expect(failed.error).toBe('tool "read_file" (planexec\'s tools/fs.yaml, imported at pipelines/notes.yaml:7:10) threw: no such file: notes.md');
  });

  it('a cause that quotes the package\'s own path names it by the package', async () => {
    const failed = await failureOf('explode', {});
    expect(failed.error).toBe('tool "explode" (tools/fs.yaml:6:3) threw: cannot parse planexec/tools/scripts/broken.mjs at planexec/tools/scripts/broken.mjs');
  });

  it('annotations go on the user\'s line: the tool file they wrote, or the use: of the library', () => {
    const paths = { cwd: dir, workspace: dir };
    const failure = { planNumber: 1, stepId: '1', error: 'boom' };
    expect(stepFailureAnnotation(failure, 'read_file', userDeclarationOf(toolNamed('read_file')), paths)).toMatchObject({ file: 'pipelines/notes.yaml', line: 7, col: 10 });
    expect(stepFailureAnnotation(failure, 'read_text', userDeclarationOf(toolNamed('read_text')), paths)).toMatchObject({ file: 'tools/fs.yaml', line: 1, col: 3 });
    // The library's own declaration is where the tool is, but not a line of the user's.
    expect(toolNamed('read_file').source?.file).toBe('node_modules/planexec/tools/fs.yaml');
    // A problem in such a file is not placed on it (GitHub has no such file to show): the message says where.
    const inPackage = diagnosticAnnotation({ file: 'node_modules/planexec/tools/fs.yaml', line: 3, col: 5, severity: 'warning', message: 'unknown tag' }, paths);
    expect(inPackage).toEqual({ level: 'warning', title: 'planexec: check fs.yaml', message: 'node_modules/planexec/tools/fs.yaml:3:5: unknown tag' });
    expect(diagnosticAnnotation({ file: 'pipelines/notes.yaml', line: 2, col: 1, severity: 'error', message: 'bad' }, paths)).toMatchObject({ file: 'pipelines/notes.yaml', line: 2, col: 1, message: 'bad' });
  });

  it('tells installed packages by their node_modules folder, scoped ones too', () => {
    expect(installedPackageOf('/p/node_modules/planexec/tools/fs.yaml')).toEqual({ name: 'planexec', inside: 'tools/fs.yaml' });
    expect(installedPackageOf('node_modules/@acme/tools/lib/x.yaml')).toEqual({ name: '@acme/tools', inside: 'lib/x.yaml' });
    expect(installedPackageOf('tools/fs.yaml')).toBeUndefined();
    expect(describeToolOrigin({ name: 'x' })).toBe('tool "x"');
    // A library tool whose import is not known (a tool file validated on its own) names only the library file.
    expect(describeToolOrigin({ name: 'x', source: { file: 'node_modules/planexec/tools/fs.yaml', line: 3, col: 3 } })).toBe('tool "x" (planexec\'s tools/fs.yaml)');
    // A tool file outside the working directory (an Action's own checkout): the user's use: line is where to look.
    const outside = { name: 'x', source: { file: '/runner/_actions/o/planexec/v1/tools/fs.yaml', line: 3, col: 3 }, importedAt: { file: 'p.yaml', line: 5, col: 10 } };
    expect(userDeclarationOf(outside)).toEqual({ file: 'p.yaml', line: 5, col: 10 });
    expect(describeToolOrigin(outside)).toBe('tool "x" (/runner/_actions/o/planexec/v1/tools/fs.yaml:3:3, imported at p.yaml:5:10)');
  });
});
