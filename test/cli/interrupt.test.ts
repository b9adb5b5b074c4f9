// Ctrl-C with real processes: SIGINT to the CLI while a step's command (which ignores SIGTERM and has
// a grandchild) runs must cancel the step, kill its process group, and exit 130 with no orphans.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listRunIds, readRunEvents } from '../../src/index.ts';
import { compileCacheDir, repoRoot, tempProject } from '../support/run-cli.ts';
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

// Ignores SIGTERM (noting it in signals.log), starts a grandchild that ignores it too, writes both pids, then runs forever.
const stubborn = `
const { spawn } = require('node:child_process');
process.on('SIGTERM', () => require('node:fs').appendFileSync('signals.log', 'SIGTERM\\n'));
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
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', NODE_COMPILE_CACHE: compileCacheDir, OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', (chunk) => (stdout += chunk));
  cli.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => cli.on('close', (code) => resolve(code)));
  const pidFile = path.join(dir, 'pids.json');
  const pids = await waitFor(() => (existsSync(pidFile) && readFileSync(pidFile, 'utf8') ? (JSON.parse(readFileSync(pidFile, 'utf8')) as { child: number; grandchild: number }) : undefined));
  const signalsGot = () => readFileSync(path.join(dir, 'signals.log'), 'utf8');
  return { cli, dir, pids, exited, output: () => ({ stdout, stderr }), signalsGot };
}

describe('planexec run interrupted', () => {
  it('SIGINT cancels the running step, kills its process group, and exits 130', async () => {
    const { cli, dir, pids, exited, output, signalsGot } = await startRun();
    cli.kill('SIGINT');
    const code = await exited;
    const { stdout, stderr } = output();
    expect(code).toBe(130);
    // The step's group got SIGTERM first, which it ignores; SIGKILL after the grace ended it.
    expect(signalsGot()).toBe('SIGTERM\n');
    expect(await waitUntilGone([pids.child, pids.grandchild])).toEqual([]);
    expect(stdout).toBe('');
    expect(stderr).toContain('interrupt: stopping running steps');
    expect(stderr).toMatch(/step 1 cancelled after \d+\.\ds: the run was interrupted/);
    expect(stderr).toContain('step 2 not started: the run was interrupted');
    expect(stderr).toMatch(/run interrupted/);
    // The last lines: the run's id and how to go on with it.
    const [id] = listRunIds(path.join(dir, '.planexec/runs'));
    expect(stderr.endsWith(`run id: ${id}\nto continue it: planexec resume ${id}\n`)).toBe(true);
  });

  it('a second SIGINT exits at once and still leaves no process behind', async () => {
    const { cli, dir, pids, exited, output, signalsGot } = await startRun();
    cli.kill('SIGINT');
    // The first one has been handled: the step's group got SIGTERM, and has a grace period before SIGKILL.
    await waitFor(() => (existsSync(path.join(dir, 'signals.log')) ? true : undefined));
    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    // It exited there and then: the run did not get to cancel the step or end as interrupted.
    expect(output().stderr).toContain('interrupt: stopping running steps');
    expect(output().stderr).not.toContain('step 1 cancelled');
    expect(output().stderr).not.toMatch(/run interrupted/);
    expect(signalsGot()).toBe('SIGTERM\n');
    expect(await waitUntilGone([pids.child, pids.grandchild])).toEqual([]);
    // process.exit(130) came before the run ended: the log still has every event up to the running step.
    const root = path.join(dir, '.planexec/runs');
    const log = readRunEvents(root, listRunIds(root)[0]!);
    expect(log.warnings).toEqual([]);
    expect(log.events.map((event) => event.kind)).toEqual(expect.arrayContaining(['run-started', 'plan-accepted', 'step-started']));
    // Exiting at once still says how to resume the run.
    expect(output().stderr.endsWith(`run id: ${log.runId}\nto continue it: planexec resume ${log.runId}\n`)).toBe(true);
  });
});
