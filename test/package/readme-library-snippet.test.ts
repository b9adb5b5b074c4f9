// The README's Library snippet, copied as a user would, runs: in a node process at the repository
// root, with `planexec` meaning this checkout's src/index.ts, it replays the example and succeeds.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-cli.ts';

describe('README Library snippet', () => {
  it('runs as written from the repository root: the release-notes example replays and succeeds', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
    const snippet = /## Library\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toContain("from 'planexec'");
    const code = snippet!.replace("from 'planexec'", `from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'src/index.ts')).href)}`);
    // No key, no endpoint: only the recording answers.
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd: repoRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(stdout).toMatch(/^succeeded 0 ## v1\.1\.0\n/);
  });
});
