import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { confinePathArguments, resolveLikeTheSystem } from '../../src/tools/workspace-paths.ts';
import { commandTool } from '../support/tools.ts';

let root: string;
let workspace: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'planexec-paths-'));
  workspace = path.join(root, 'ws');
  await mkdir(path.join(root, 'outside', 'deep', 'dir'), { recursive: true });
  await mkdir(path.join(workspace, 'sub'), { recursive: true });
  await writeFile(path.join(workspace, 'sub', 'file.txt'), 'x');
  await symlink('../outside/deep/dir', path.join(workspace, 'link'));
  await symlink('sub', path.join(workspace, 'inner'));
  await symlink('loop-b', path.join(workspace, 'loop-a'));
  await symlink('loop-a', path.join(workspace, 'loop-b'));
});

const reader = commandTool('read', ['cat', '{{args.file}}'], { args: { type: 'object', properties: { file: { type: 'string', format: 'path' } } } });

describe('format: path arguments', () => {
  it('resolve ".." after a symbolic link from the link\'s target, as the system does', async () => {
    // Lexically link/../x is ws/x; the system goes to outside/deep/dir, then up to outside/deep/x.
    const { path: resolved, via } = await resolveLikeTheSystem(workspace, 'link/../x');
    expect(resolved).toBe(path.join(await realpath(root), 'outside', 'deep', 'x'));
    expect(via).toBe(path.join(await realpath(workspace), 'link'));
    await expect(confinePathArguments(reader, { file: 'link/../x' }, workspace)).rejects.toThrow('leads through the symbolic link');
  });

  it('accept links that stay inside, files not yet written, and the workspace itself', async () => {
    for (const file of ['inner/file.txt', 'sub/new/file.txt', '.', `${workspace}/sub/file.txt`, 'sub/../sub/file.txt']) {
      await expect(confinePathArguments(reader, { file }, workspace), file).resolves.toBeUndefined();
    }
  });

  it('refuse a symbolic link loop with a message, not a hang', async () => {
    await expect(confinePathArguments(reader, { file: 'loop-a/x' }, workspace)).rejects.toThrow('goes through more than 40 symbolic links');
  });

  it('are checked against the tool\'s own working directory', async () => {
    const inSub = { ...reader, cwd: path.join(workspace, 'sub') };
    await expect(confinePathArguments(inSub, { file: '../sub/file.txt' }, workspace)).resolves.toBeUndefined();
    await expect(confinePathArguments(inSub, { file: '../../outside' }, workspace)).rejects.toThrow('outside the workspace');
  });
});
