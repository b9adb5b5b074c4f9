// Ctrl-C with real processes: SIGINT to the CLI while a step's command (which ignores SIGTERM and has
// a grandchild) runs must cancel the step, kill its process group, and exit 130 with no orphans.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listRunIds, readRunEvents } from '../../src/store/read-run.ts';
import { repoRoot, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { waitFor, waitUntilGone } from '../tools/processes.ts';

const node = JSON.stringify(process.execPath);

const pipeline = `version: 1
name: interrupt-test
task: "Run the long step"
model: { name: test-model }
tools:
  - name: long_step
    description: Runs for a long time
    command: [${node}, stubborn.js]
    cwd: .
    args: { type: object, properties: {}, additionalProperties: false }
`;

// Ignores SIGTERM, starts a grandchild that ignores it too, writes both pids, then runs forever.
const stubborn = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => {});
const grandchild = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
require('node:fs').writeFileSync('pids.json', JSON.stringify({ child: process.pid, grandchild: grandchild.pid }));
setInterval(() => {}, 1000);
`;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startRun() {
  server = await startScriptedServer([
    { json: { steps: [{ id: 1, action: 'Long', tool: 'long_step', args: {} }, { id: 2, action: 'Sum up', tool: 'llm', args: { prompt: 'Sum up ${steps.1.output}' } }] } },
  ]);
  const dir = await tempProject({ 'p.yaml': pipeline, 'stubborn.js': stubborn });
  const cli = spawn(process.execPath, [path.join(repoRoot, 'src/cli/main.ts'), 'run', 'p.yaml'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', (chunk) => (stdout += chunk));
  cli.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => cli.on('close', (code) => resolve(code)));
  const pidFile = path.join(dir, 'pids.json');
  const pids = await waitFor(() => (existsSync(pidFile) && readFileSync(pidFile, 'utf8') ? (JSON.parse(readFileSync(pidFile, 'utf8')) as { child: number; grandchild: number }) : undefined));
  return { cli, dir, pids, exited, output: () => ({ stdout, stderr }) };
}

describe('planexec run interrupted', () => {
  it('SIGINT cancels the running step, kills its process group, and exits 130', async () => {
    const { cli, pids, exited, output } = await startRun();
    const sent = Date.now();
    cli.kill('SIGINT');
    const code = await exited;
    const { stdout, stderr } = output();
    expect(code).toBe(130);
    expect(Date.now() - sent).toBeLessThan(8000);
    expect(await waitUntilGone([pids.child, pids.grandchild])).toEqual([]);
    expect(stdout).toBe('');
    expect(stderr).toContain('interrupt: stopping running steps');
    expect(stderr).toMatch(/step 1 cancelled after \d+\.\ds: the run was interrupted/);
    expect(stderr).toContain('step 2 not started: the run was interrupted');
    expect(stderr).toMatch(/run interrupted/);
  });

  it('a second SIGINT exits at once and still leaves no process behind', async () => {
    const { cli, dir, pids, exited } = await startRun();
    cli.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = Date.now();
    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - sent).toBeLessThan(1500);
    expect(await waitUntilGone([pids.child, pids.grandchild])).toEqual([]);
    // process.exit(130) came before the run ended: the log still has every event up to the running step.
    const root = path.join(dir, '.planexec/runs');
    const log = readRunEvents(root, listRunIds(root)[0]!);
    expect(log.warnings).toEqual([]);
    expect(log.events.map((event) => event.kind)).toEqual(expect.arrayContaining(['run-started', 'plan-accepted', 'step-started']));
  });
});
