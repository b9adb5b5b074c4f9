// listr2 is the heaviest part of progress: it loads only when stderr is a terminal, so `validate`,
// `runs`, CI runs (plain lines) and --json runs start without it.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { progressView } from '../../src/cli/progress-view.ts';
import { exampleWorkspace } from '../support/example-workspace.ts';
import { repoRoot, runCli } from '../support/run-cli.ts';

/** A module hook that appends every listr2 file Node resolves to the file named by LISTR2_LOG. */
const hookSource = `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    if (result.url.includes('/node_modules/listr2/')) appendFileSync(process.env.LISTR2_LOG, result.url + '\\n');
    return result;
  },
});
`;

async function listr2Watch(dir: string) {
  const hook = path.join(dir, 'watch-listr2.mjs');
  const log = path.join(dir, 'listr2-loaded.log');
  await writeFile(hook, hookSource);
  return { log, env: { NODE_OPTIONS: `--import=${pathToFileURL(hook).href}`, LISTR2_LOG: log } };
}

const realIsTTY = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
afterEach(() => {
  if (realIsTTY) Object.defineProperty(process.stderr, 'isTTY', realIsTTY);
  else delete (process.stderr as { isTTY?: boolean }).isTTY;
});

describe('the progress view', () => {
  it('validate, runs, a run in CI and a --json run never load listr2', async () => {
    const workspace = await exampleWorkspace();
    const { log, env } = await listr2Watch(workspace);
    // The watch itself works: importing the terminal view loads listr2.
    const probe = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'src/view/terminal-view.ts')).href)})`], { env: { ...process.env, ...env } });
    expect(probe.status).toBe(0);
    expect(existsSync(log)).toBe(true);
    const { log: cliLog, env: cliEnv } = await listr2Watch(path.join(workspace, 'pipelines'));

    for (const args of [['validate', 'pipelines/release-notes.yaml'], ['run', 'pipelines/release-notes.yaml'], ['run', 'pipelines/release-notes.yaml', '--json'], ['runs']]) {
      const result = await runCli(args, { cwd: workspace, env: cliEnv });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    expect(existsSync(cliLog)).toBe(false);
  });

  it('draws the listr2 tree when stderr is a terminal, plain lines when it is not', async () => {
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    expect((await progressView(false)).terminal).toBeUndefined();
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const view = await progressView(false);
    expect(view.terminal).toBeDefined();
    expect(view.sink).toBe(view.terminal!.onEvent);
    expect((await progressView(true)).terminal).toBeUndefined();
  });
});
