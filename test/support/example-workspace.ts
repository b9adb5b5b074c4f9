// A temp copy of the parts of the repository the example pipelines use (pipelines/, tools/, the
// project config), for examples that write files into the workspace they run in.

import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './run-cli.ts';

export async function exampleWorkspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-workspace-'));
  for (const part of ['pipelines', 'tools', 'planexec.config.yaml']) {
    await cp(path.join(repoRoot, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}
