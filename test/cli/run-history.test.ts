// Finding and resuming runs from the command line: the id printed when a run ends (and how to resume
// it when it failed), ids given by a unique prefix or `last`, one store at the project root whichever
// folder a command runs in, and the order of runs started in the same second.

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listRunIds } from '../../src/index.ts';
import { runCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

/** A pipeline whose one step reads `ready.txt` in the workspace: it fails until that file exists. */
const pipeline = `version: 1
name: history
task: "Read the ready file"
model: { name: m }
replan: { strategy: none }
tools:
  - name: read_ready
    description: Reads ready.txt
    command: [cat, ready.txt]
    args: { type: object, properties: {}, additionalProperties: false }
`;
const plan = { steps: [{ id: 1, action: 'Read it', tool: 'read_ready', args: {} }] };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function endpoint(plans = 1) {
  server = await startScriptedServer(Array.from({ length: plans }, () => ({ json: plan })));
  return { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-key-0123456789' };
}

const runsIn = (dir: string) => listRunIds(path.join(dir, '.planexec/runs'));

describe('the run id at the end of a run', () => {
  it('a failed run ends with its id and the resume command; resume by a prefix finishes it and ends with the id alone', async () => {
    const env = await endpoint();
    const dir = await tempProject({ 'p.yaml': pipeline });
    const failed = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(failed.code).toBe(1);
    const [id] = runsIn(dir);
    expect(failed.stderr.endsWith(`run id: ${id}\nto continue it: planexec resume ${id}\n`)).toBe(true);

    await writeFile(path.join(dir, 'ready.txt'), 'ready\n');
    const resumed = await runCli(['resume', id!.slice(0, -2)], { cwd: dir, env });
    expect(resumed.stderr).not.toContain('error');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('ready\n');
    expect(resumed.stderr.endsWith(`run id: ${id}\n`)).toBe(true);
    expect(resumed.stderr).not.toContain('to continue it');
    // The resume asked no new plan: the first run's is reused.
    expect(server!.calls).toHaveLength(1);
  });

  it('a run that succeeds ends with its id; --json keeps stdout to the events', async () => {
    const env = await endpoint(2);
    const dir = await tempProject({ 'p.yaml': pipeline, 'ready.txt': 'ready\n' });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stderr.endsWith(`run id: ${runsIn(dir)[0]}\n`)).toBe(true);
    const json = await runCli(['run', 'p.yaml', '--json'], { cwd: dir, env });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(`run id: ${runsIn(dir)[0]}\n`);
    expect(json.stdout.split('\n').filter(Boolean).every((line) => JSON.parse(line).kind !== undefined)).toBe(true);
  });

  it('a run that never started (a missing input) prints no id: there is nothing to show or resume', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline.replace('tools:', 'inputs: { who: { type: string } }\ntools:') });
    const run = await runCli(['run', 'p.yaml'], { cwd: dir, env: await endpoint() });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('run id');
    expect(runsIn(dir)).toEqual([]);
  });

  it('the resume hint says npx planexec when planexec is a dependency of the project', async () => {
    const env = await endpoint();
    const dir = await tempProject({ 'p.yaml': pipeline, 'package.json': JSON.stringify({ name: 'app', devDependencies: { planexec: '^0.1.0' } }) });
    const failed = await runCli(['run', 'p.yaml'], { cwd: dir, env });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`to continue it: npx planexec resume ${runsIn(dir)[0]}\n`);
  });
});

describe('show and resume take a unique prefix of an id, or last', () => {
  it('last is the newest run; a prefix of two ids lists both and exits 2; an unknown id exits 2', async () => {
    const env = await endpoint(2);
    const dir = await tempProject({ 'p.yaml': pipeline, 'ready.txt': 'ready\n' });
    expect((await runCli(['run', 'p.yaml'], { cwd: dir, env })).code).toBe(0);
    expect((await runCli(['run', 'p.yaml'], { cwd: dir, env })).code).toBe(0);
    const [newest, older] = runsIn(dir);

    const last = await runCli(['show', 'last', '--json'], { cwd: dir });
    expect(last.code).toBe(0);
    expect(JSON.parse(last.stdout).runId).toBe(newest);
    const byPrefix = await runCli(['show', older!.slice(0, -1)], { cwd: dir });
    expect(byPrefix.code).toBe(0);
    expect(byPrefix.stdout).toContain(`Run ${older}: history`);

    // Both ids start with the year.
    const ambiguous = await runCli(['show', '20'], { cwd: dir });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toBe(`error: "20" is the start of 2 run ids; give more of the one you mean:\n  ${newest}\n  ${older}\n`);
    const resumeAmbiguous = await runCli(['resume', '20'], { cwd: dir });
    expect(resumeAmbiguous.code).toBe(2);
    expect(resumeAmbiguous.stderr).toBe(ambiguous.stderr);

    const unknown = await runCli(['show', '1999'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: no run "1999" in .planexec/runs (planexec runs lists them; last is the newest)\n');
    // resume refuses a finished run, found by last, before it needs a model (no API key here).
    const resumeLast = await runCli(['resume', 'last'], { cwd: dir });
    expect(resumeLast.code).toBe(2);
    expect(resumeLast.stderr).toBe(`error: run ${newest} already succeeded; nothing to resume\n`);
  });

  it('last with no runs yet exits 2 and says so', async () => {
    const dir = await tempProject({});
    const result = await runCli(['show', 'last'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: no runs yet in .planexec/runs, so there is no last one\n');
  });
});

describe('show --format markdown', () => {
  it('renders a result the pipeline declares Markdown (resultFormat) as the Action summary does, and fences a text one', async () => {
    const env = await endpoint(2);
    const report = '## Ready\n\n- all <b>green</b>\n';
    const dir = await tempProject({ 'md.yaml': `${pipeline}resultFormat: markdown\n`, 'text.yaml': `${pipeline}resultFormat: text\n`, 'ready.txt': report });
    expect((await runCli(['run', 'md.yaml'], { cwd: dir, env })).code).toBe(0);
    const shown = await runCli(['show', 'last', '--format', 'markdown'], { cwd: dir });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('## Result\n\n## Ready\n\n- all <\u200bb>green<\u200b/b>\n');
    expect((await runCli(['run', 'text.yaml'], { cwd: dir, env })).code).toBe(0);
    const fenced = await runCli(['show', 'last', '--format', 'markdown'], { cwd: dir });
    expect(fenced.stdout).toContain('## Result\n\n```text\n## Ready\n');
  });
});

describe('runs started in the same second', () => {
  it('are listed by their start time to the millisecond, not by their random suffix', async () => {
    const dir = await tempProject({});
    const started = (id: string, time: string) =>
      `${JSON.stringify({ kind: 'run-started', runId: id, pipeline: 'p', file: 'p.yaml', pipelineHash: 'x', inputs: {}, time })}\n`;
    // ffff started first; 0000 a fraction of a second later, in the same second.
    const runs = { '20260101-000000-ffff': '2026-01-01T00:00:00.100Z', '20260101-000000-0000': '2026-01-01T00:00:00.900Z', '20260101-000001-8888': '2026-01-01T00:00:01.000Z' };
    for (const [id, time] of Object.entries(runs)) {
      await mkdir(path.join(dir, '.planexec/runs', id), { recursive: true });
      await writeFile(path.join(dir, '.planexec/runs', id, 'events.ndjson'), started(id, time));
    }
    const listed = await runCli(['runs', '--json'], { cwd: dir });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((row) => row.id)).toEqual(['20260101-000001-8888', '20260101-000000-0000', '20260101-000000-ffff']);
    const limited = await runCli(['runs', '--json', '--limit', '2'], { cwd: dir });
    expect((JSON.parse(limited.stdout) as { id: string }[]).map((row) => row.id)).toEqual(['20260101-000001-8888', '20260101-000000-0000']);
    const last = await runCli(['show', '20260101-000000', '--json'], { cwd: dir });
    expect(last.code).toBe(2);
    expect(last.stderr).toContain('  20260101-000000-0000\n  20260101-000000-ffff\n');
  });
});

describe('one run store per project', () => {
  it('a run from a subfolder keeps its run next to planexec.config.yaml; runs, show and resume find it from any folder', async () => {
    const env = await endpoint();
    const dir = await tempProject({ 'planexec.config.yaml': 'execution: { concurrency: 2 }\n', 'pipelines/p.yaml': pipeline, 'work/.keep': '' });
    const failed = await runCli(['run', '../pipelines/p.yaml'], { cwd: path.join(dir, 'work'), env });
    expect(failed.code).toBe(1);
    expect(existsSync(path.join(dir, 'work/.planexec'))).toBe(false);
    const [id] = runsIn(dir);
    expect(id).toBeDefined();

    for (const cwd of [dir, path.join(dir, 'pipelines')]) {
      const listed = await runCli(['runs', '--json'], { cwd });
      expect((JSON.parse(listed.stdout) as { id: string }[]).map((row) => row.id)).toEqual([id]);
    }
    // Resumed from the project root: it goes on in work/, where it started (the tool reads work/ready.txt).
    await writeFile(path.join(dir, 'work/ready.txt'), 'ready in work\n');
    const resumed = await runCli(['resume', 'last'], { cwd: dir, env });
    expect(resumed.stderr).toContain(`resuming in work, where run ${id} started\n`);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('ready in work\n');
  });

  it('without a config, the store is at the git root (a .git folder or file; no git process)', async () => {
    const env = await endpoint(2);
    for (const git of ['.git/HEAD', '.git']) {
      const dir = await tempProject({ [git]: git === '.git' ? 'gitdir: ../main/.git/worktrees/x\n' : 'ref: refs/heads/main\n', 'p.yaml': pipeline, 'ready.txt': 'ready\n', 'a/b/.keep': '' });
      await writeFile(path.join(dir, 'a/b/ready.txt'), 'ready\n');
      const run = await runCli(['run', '../../p.yaml'], { cwd: path.join(dir, 'a/b'), env });
      expect(run.code, git).toBe(0);
      expect(existsSync(path.join(dir, 'a/b/.planexec')), git).toBe(false);
      expect(runsIn(dir), git).toHaveLength(1);
    }
  });

  it('with neither, the store is in the working directory', async () => {
    const env = await endpoint();
    const dir = await tempProject({ 'p.yaml': pipeline, 'a/ready.txt': 'ready\n' });
    const run = await runCli(['run', '../p.yaml'], { cwd: path.join(dir, 'a'), env });
    expect(run.code).toBe(0);
    expect(runsIn(path.join(dir, 'a'))).toHaveLength(1);
    expect(existsSync(path.join(dir, '.planexec'))).toBe(false);
  });
});
