// planexec's state folder (.planexec, or $PLANEXEC_STATE_DIR) where a file is: every command that
// uses it stops with exit 2 and says which setting points where, rather than a raw ENOTDIR (exit 1).
// A plan cache that cannot be written does not fail a run that succeeded.

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const pipeline = (extra = '') => `version: 1
name: state
task: "say hello"
model: { name: m }
${extra}tools:
  - name: hello
    description: Says hello
    command: [echo, hello]
    args: { type: object, properties: {}, additionalProperties: false }
`;
const plan = { steps: [{ id: 1, tool: 'hello', args: {} }] };
const stackTrace = /\n\s+at .+[:(].*\d+:\d+\)?/;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function project(extra = '') {
  server = await startScriptedServer([{ json: plan }]);
  const dir = await tempProject({ 'p.yaml': pipeline(extra), 'state.txt': 'not a folder\n' });
  return { dir, env: { OPENAI_BASE_URL: server.url } };
}

describe('a state folder that is a file', () => {
  it('PLANEXEC_STATE_DIR naming a file: run, runs, show and resume exit 2 with a clear message', async () => {
    const { dir, env } = await project();
    const withState = { ...env, PLANEXEC_STATE_DIR: 'state.txt' };
    const message = 'error: PLANEXEC_STATE_DIR (state.txt) is a file, not a folder; planexec keeps its runs and plan cache in a folder there (unset PLANEXEC_STATE_DIR, or point it at a folder)\n';
    for (const args of [['run', 'p.yaml'], ['runs'], ['show', '20260101-000000-abcd'], ['resume', '20260101-000000-abcd']]) {
      const result = await runCli(args, { cwd: dir, env: withState });
      expect(result.stderr, args[0]).toBe(message);
      expect(result.code, args[0]).toBe(2);
    }
    expect(server!.calls).toHaveLength(0);
  });

  it('PLANEXEC_STATE_DIR inside a file', async () => {
    const { dir, env } = await project();
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: { ...env, PLANEXEC_STATE_DIR: 'state.txt/planexec' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: PLANEXEC_STATE_DIR (state.txt/planexec) is inside a file, not a folder; planexec keeps its runs and plan cache in a folder there (unset PLANEXEC_STATE_DIR, or point it at a folder)\n');
  });

  it('.planexec itself a file', async () => {
    const { dir, env } = await project();
    await writeFile(path.join(dir, '.planexec'), 'oops\n');
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: the state folder .planexec is a file, not a folder; planexec keeps its runs and plan cache in a folder there (move that file away, or set PLANEXEC_STATE_DIR to a folder)\n');
  });

  it('.planexec/runs a file: the run is not started, exit 2', async () => {
    const { dir, env } = await project();
    await mkdir(path.join(dir, '.planexec'));
    await writeFile(path.join(dir, '.planexec/runs'), 'oops\n');
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot keep the run in \.planexec\/runs\/[\w-]+: part of that path is a file, not a folder\n$/);
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('.planexec/cache a file: a run with planning.cache still succeeds, its plan just is not kept', async () => {
    const { dir, env } = await project('planning: { cache: true }\n');
    await mkdir(path.join(dir, '.planexec'));
    await writeFile(path.join(dir, '.planexec/cache'), 'oops\n');
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('hello\n');
    expect(await readdir(path.join(dir, '.planexec/runs'))).toHaveLength(1);
  });

  it('a state folder that does not exist yet is made, as before', async () => {
    const { dir, env } = await project();
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: { ...env, PLANEXEC_STATE_DIR: 'state/deep' } });
    expect(result.code).toBe(0);
    expect(await readdir(path.join(dir, 'state/deep/runs'))).toHaveLength(1);
  });
});
