// write_file writes deny-by-default: only under the pipeline's writable folders (default out/), through
// no symbolic link (one the workspace holds, or one an earlier step of the same plan made), never to a
// file with other hard links, never inside .git; read_file reads nothing of .git, however it is
// reached. Real files in temp workspaces; every refusal also leaves .git and everything outside the
// writable folders exactly as it was.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventEmitter } from '../../src/events/run-events.ts';
import { executePlan } from '../../src/execute/execute-plan.ts';
import { LLM_TOOL } from '../../src/pipeline/builtin-tools.ts';
import { checkToolFileSource } from '../../src/pipeline/tool-file.ts';
import type { DeclaredToolSpec, ToolSpec } from '../../src/pipeline/types.ts';
import { compilePlan } from '../../src/index.ts';
import { readYamlSource } from '../../src/source/yaml-source.ts';
import { foldsCase } from '../../src/tools/file-system-case.ts';
import { runTool } from '../../src/tools/run-tool.ts';
import { writableFolderOf } from '../../src/tools/writable-folders.ts';
import { repoRoot } from '../support/run-cli.ts';
import { commandTool } from '../support/tools.ts';
import { testToolContext } from '../tools/tool-context.ts';

const TOKEN = 'ghs_checkoutTokenInGitConfig0123';
const tools = new Map<string, DeclaredToolSpec>();

beforeAll(async () => {
  for (const name of ['fs', 'text']) {
    for (const { tool } of (await checkToolFileSource(await readYamlSource(`tools/${name}.yaml`, repoRoot))).tools) tools.set(tool.name, tool);
  }
});

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A workspace as actions/checkout leaves it: a .git with the token in its config and a hooks folder. */
async function checkedOut(): Promise<string> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-confine-')));
  roots.push(root);
  const workspace = path.join(root, 'ws');
  await mkdir(path.join(workspace, '.git', 'hooks'), { recursive: true });
  await writeFile(path.join(workspace, '.git', 'config'), `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`);
  await writeFile(path.join(workspace, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await writeFile(path.join(workspace, 'README.md'), '# project\n');
  await mkdir(path.join(workspace, 'docs'));
  return workspace;
}

/** Every entry of the workspace outside `out/`: path, and content or link target, so any change shows. */
async function outsideOut(workspace: string): Promise<string[]> {
  const entries = (await readdir(workspace, { recursive: true })).map(String).filter((entry) => entry !== 'out' && !entry.startsWith(`out${path.sep}`)).sort();
  return Promise.all(
    entries.map(async (entry) => {
      const full = path.join(workspace, entry);
      const info = await lstat(full);
      if (info.isSymbolicLink()) return `${entry} -> ${await readlink(full)}`;
      return info.isFile() ? `${entry}: ${await readFile(full, 'utf8')}` : `${entry}/`;
    }),
  );
}

function tool(name: string): DeclaredToolSpec {
  return tools.get(name)!;
}

async function call(name: string, args: Record<string, unknown>, workspace: string, writable?: string[]): Promise<unknown> {
  return (await runTool(tool(name), args, testToolContext({ cwd: workspace, ...(writable ? { writable } : {}) }))).output;
}

async function refusal(name: string, args: Record<string, unknown>, workspace: string, writable?: string[]): Promise<string> {
  const before = await outsideOut(workspace);
  try {
    await call(name, args, workspace, writable);
  } catch (error) {
    expect(await outsideOut(workspace), `${name} ${JSON.stringify(args)} changed the workspace`).toEqual(before);
    return (error as Error).message;
  }
  throw new Error(`expected ${name} ${JSON.stringify(args)} to be refused`);
}

type FileTool = (args: Record<string, unknown>, options: { cwd: string; writable?: string[] }) => Promise<string>;
const fsModule = async () => (await import(pathToFileURL(path.join(repoRoot, 'tools/scripts/fs-tools.mjs')).href)) as Record<'readTextFile' | 'writeTextFile', FileTool>;

describe('write_file writes only under the writable folders', () => {
  it('writes under out/ by default, creating folders', async () => {
    const workspace = await checkedOut();
    expect(await call('write_file', { path: 'out/report/summary.md', content: '# ok\n' }, workspace)).toBe('wrote out/report/summary.md (5 bytes)');
    expect(await readFile(path.join(workspace, 'out/report/summary.md'), 'utf8')).toBe('# ok\n');
    expect(await call('write_file', { path: './out/x.txt', content: 'x' }, workspace)).toBe('wrote ./out/x.txt (1 bytes)');
    // Replacing keeps working, and shortens the file.
    await call('write_file', { path: 'out/x.txt', content: 'longer text' }, workspace);
    await call('write_file', { path: 'out/x.txt', content: 'y' }, workspace);
    expect(await readFile(path.join(workspace, 'out/x.txt'), 'utf8')).toBe('y');
  });

  // What a later tool, hook or editor runs: nothing a block-list of names could cover in full.
  it.each(['GNUmakefile', 'Makefile', 'scripts/build.py', '.husky/pre-commit', '.yarnrc', '.vscode/tasks.json', 'package.json', 'src/index.ts', 'docs/conf.py', 'README.md', 'out/../GNUmakefile', 'OUT/x.txt', 'outside-out/x'])(
    'refuses %s, outside the writable folders',
    async (file) => {
      const workspace = await checkedOut();
      expect(await refusal('write_file', { path: file, content: 'all: ; touch pwned' }, workspace)).toMatch(/a plan may write only under out\/ \(the pipeline's writable\)/);
    },
  );

  it('writes where the pipeline says, and nowhere with writable: []', async () => {
    const workspace = await checkedOut();
    expect(await call('write_file', { path: 'docs/generated/api.md', content: 'x' }, workspace, ['docs/generated'])).toBe('wrote docs/generated/api.md (1 bytes)');
    expect(await refusal('write_file', { path: 'docs/api.md', content: 'x' }, workspace, ['docs/generated'])).toMatch(/only under docs\/generated\//);
    expect(await refusal('write_file', { path: 'out/x.md', content: 'x' }, workspace, [])).toMatch(/a plan may write nowhere \(writable: \[\]\)/);
  });

  it.each(['.git/config', '.git/hooks/pre-commit', '.GIT/config', '.Git/hooks/post-checkout', '.git./config', 'out/.git/hooks/pre-commit', 'out/.planexec/runs/x/events.ndjson', '.planexec/runs/x/events.ndjson'])(
    'never writes inside .git or .planexec: %s',
    async (file) => {
      const workspace = await checkedOut();
      expect(await refusal('write_file', { path: file, content: 'x' }, workspace, ['out', '.GIT', '.git.'])).toMatch(/\.git|\.planexec|writable/);
    },
  );
});

describe('write_file goes through no link', () => {
  const links: [string, string, string][] = [
    ['a link in out/ to .git', 'out/repo', '../.git'],
    ['out/ itself a link to .git', 'out', '.git'],
    ['an absolute link to .git/hooks', 'out/hooks', '__WS__/.git/hooks'],
    ['a link to .git/config itself', 'out/settings.ini', '../.git/config'],
    ['a dangling link to a hook not yet there', 'out/post-checkout', '../.git/hooks/post-checkout'],
    ['a link to a folder inside out/', 'out/alias', 'real'],
  ];
  it.each(links)('made by the workspace: %s', async (_what, at, to) => {
    const workspace = await checkedOut();
    await mkdir(path.join(workspace, 'out', 'real'), { recursive: true });
    if (at === 'out') await rm(path.join(workspace, 'out'), { recursive: true });
    await symlink(to.replace('__WS__', workspace), path.join(workspace, at));
    const inside = at === 'out' || at.endsWith('repo') || at.endsWith('hooks') || at.endsWith('alias');
    const target = inside ? `${at}/${at.endsWith('repo') ? 'hooks/pre-commit' : 'pre-commit'}` : at;
    expect(await refusal('write_file', { path: target, content: '#!/bin/sh\ntouch pwned\n' }, workspace)).toMatch(/symbolic link/);
    expect(await readFile(path.join(workspace, '.git/config'), 'utf8')).toContain(TOKEN);
    expect(existsSync(path.join(workspace, '.git/hooks/pre-commit'))).toBe(false);
    expect(existsSync(path.join(workspace, '.git/hooks/post-checkout'))).toBe(false);
  });

  it('made by an earlier step of the same plan', async () => {
    const workspace = await checkedOut();
    // A tool that can make links: an archive extractor or a clone can do the same with content the plan picks.
    const makeLink = commandTool('make_link', [process.execPath, '-e', 'require("fs").mkdirSync("out",{recursive:true});require("fs").symlinkSync(process.argv[1], process.argv[2])', '{{args.target}}', '{{args.path}}'], {
      args: { type: 'object', properties: { target: { type: 'string' }, path: { type: 'string', format: 'path' } }, required: ['target', 'path'], additionalProperties: false },
      cwd: workspace,
    });
    const planTools: ToolSpec[] = [makeLink, tool('write_file'), LLM_TOOL];
    const compiled = compilePlan(
      {
        steps: [
          { id: 1, tool: 'make_link', args: { target: '../.git/hooks', path: 'out/hooks' } },
          { id: 2, tool: 'write_file', args: { path: 'out/hooks/pre-commit', content: '#!/bin/sh\ntouch pwned\n' }, dependsOn: [1] },
        ],
      },
      planTools,
      { workspace },
    );
    if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
    const events: string[] = [];
    const state = await executePlan(compiled.graph, { planNumber: 1, concurrency: 2, emit: createEventEmitter([(event) => events.push(event.kind === 'step-failed' ? `failed ${event.stepId}: ${event.error}` : event.kind)]), toolContext: testToolContext({ cwd: workspace }) });
    expect(state.status).toBe('failed');
    expect(events.find((event) => event.startsWith('failed 2'))).toMatch(/goes through the symbolic link out\/hooks; a plan may not write through a symbolic link/);
    expect(await readdir(path.join(workspace, '.git/hooks'))).toEqual([]);
  });

  it('and the module refuses each link itself when it writes, for callers that skip the runner', async () => {
    const { writeTextFile } = await fsModule();
    const workspace = await checkedOut();
    await mkdir(path.join(workspace, 'out'));
    await symlink('../.git', path.join(workspace, 'out', 'repo'));
    await symlink('../.git/config', path.join(workspace, 'out', 'cfg'));
    await expect(writeTextFile({ path: 'out/repo/config', content: 'x' }, { cwd: workspace })).rejects.toThrow('refusing to write through the symbolic link out/repo');
    await expect(writeTextFile({ path: 'out/cfg', content: 'x' }, { cwd: workspace })).rejects.toThrow('refusing to write through the symbolic link out/cfg');
    await expect(writeTextFile({ path: 'GNUmakefile', content: 'x' }, { cwd: workspace })).rejects.toThrow('a plan may write only under out/');
    await expect(writeTextFile({ path: '.git/config', content: 'x' }, { cwd: workspace, writable: ['.'] })).rejects.toThrow('refusing to write inside .git');
    // An entry that could never be writable allows nothing, rather than the whole workspace.
    await expect(writeTextFile({ path: 'GNUmakefile', content: 'x' }, { cwd: workspace, writable: ['.', '..', '/tmp'] })).rejects.toThrow('a plan may write nowhere');
    expect(await readFile(path.join(workspace, '.git/config'), 'utf8')).toContain(TOKEN);
  });
});

describe('write_file and other links', () => {
  it('refuses a file that has another hard link (out/cfg sharing .git/config), and leaves it alone', async () => {
    const workspace = await checkedOut();
    await mkdir(path.join(workspace, 'out'));
    await link(path.join(workspace, '.git/config'), path.join(workspace, 'out/cfg'));
    expect(await refusal('write_file', { path: 'out/cfg', content: '[core]\n\tfsmonitor = touch pwned\n' }, workspace)).toMatch(/2 hard links: writing it would change the same file elsewhere too/);
    const { writeTextFile } = await fsModule();
    await expect(writeTextFile({ path: 'out/cfg', content: 'x' }, { cwd: workspace })).rejects.toThrow('it has 2 hard links');
    expect(await readFile(path.join(workspace, '.git/config'), 'utf8')).toContain(TOKEN);
  });

  it('refuses a FIFO instead of hanging on it', async () => {
    const workspace = await checkedOut();
    await mkdir(path.join(workspace, 'out'));
    execFileSync('mkfifo', [path.join(workspace, 'out/pipe')]);
    expect(await refusal('write_file', { path: 'out/pipe', content: 'x' }, workspace)).toMatch(/not a regular file/);
    const { writeTextFile } = await fsModule();
    await expect(writeTextFile({ path: 'out/pipe', content: 'x' }, { cwd: workspace })).rejects.toThrow('it is not a regular file');
  });
});

describe('read_file and the other path tools read nothing of .git', () => {
  it.each(['.git/config', '.GIT/config', 'docs/../.git/config', '.git', 'vendor/lib/.git/config'])('refuses %s', async (file) => {
    const workspace = await checkedOut();
    await mkdir(path.join(workspace, 'vendor/lib/.git'), { recursive: true });
    await writeFile(path.join(workspace, 'vendor/lib/.git/config'), TOKEN);
    const message = await refusal('read_file', { path: file }, workspace);
    expect(message).toMatch(/inside \.git, which holds the repository's configuration, hooks and credentials/);
    expect(message).not.toContain(TOKEN);
  });

  it('however it is reached: a link to .git, a link to its config, a hard link to its config', async () => {
    const workspace = await checkedOut();
    await symlink('../.git', path.join(workspace, 'docs/repo'));
    await symlink('.git/config', path.join(workspace, 'settings.ini'));
    await link(path.join(workspace, '.git/config'), path.join(workspace, 'docs/copy.ini'));
    for (const file of ['docs/repo/config', 'settings.ini', 'docs/copy.ini']) {
      const message = await refusal('read_file', { path: file }, workspace);
      expect(message, file).toMatch(/inside \.git/);
    }
    const { readTextFile } = await fsModule();
    for (const file of ['.git/config', '.Git/config', 'docs/repo/config', 'settings.ini', 'docs/copy.ini']) {
      await expect(readTextFile({ path: file }, { cwd: workspace }), file).rejects.toThrow(/inside \.git/);
    }
  });

  it('list_files lists nothing inside .git, even with all: true, and refuses to list .git itself', async () => {
    const workspace = await checkedOut();
    const all = (await call('list_files', { dir: '.', recursive: true, all: true }, workspace)) as string[];
    expect(all).toEqual(['README.md']);
    expect(await call('list_files', { dir: '.', all: true }, workspace)).toEqual(['.git/', 'README.md', 'docs/']);
    expect(await refusal('list_files', { dir: '.git/hooks' }, workspace)).toMatch(/inside \.git/);
  });

  it('also for other tools with path arguments: grep_lines cannot print the token', async () => {
    const workspace = await checkedOut();
    expect(await refusal('grep_lines', { pattern: 'extraheader', files: ['.git/config'] }, workspace)).toMatch(/argument "files\[0\]" is the path "\.git\/config", inside \.git/);
  });

  it('still reads the rest of the workspace, .gitignore and .github included', async () => {
    const workspace = await checkedOut();
    await writeFile(path.join(workspace, '.gitignore'), 'out/\n');
    await mkdir(path.join(workspace, '.github'));
    await writeFile(path.join(workspace, '.github/CODEOWNERS'), '* @me\n');
    expect(await call('read_file', { path: '.gitignore' }, workspace)).toBe('out/\n');
    expect(await call('read_file', { path: '.github/CODEOWNERS' }, workspace)).toBe('* @me\n');
    expect(await call('read_file', { path: 'README.md' }, workspace)).toBe('# project\n');
  });
});

describe('the plan compiler', () => {
  const compile = (steps: unknown[], writable?: string[]) => {
    const result = compilePlan({ steps }, [...tools.values(), LLM_TOOL], writable ? { writable } : {});
    return result.ok ? [] : result.problems.map((problem) => `${problem.code}: ${problem.message}`);
  };

  it('tells the model where it may write before anything runs', () => {
    expect(compile([{ id: 1, tool: 'write_file', args: { path: 'GNUmakefile', content: 'x' } }])).toEqual([
      'path-not-allowed: step 1 (write_file): argument "path" is the path "GNUmakefile", which is not inside a folder this pipeline lets plans write: a plan may write only under out/ (the pipeline\'s writable)',
    ]);
    expect(compile([{ id: 1, tool: 'write_file', args: { path: 'docs/x.md', content: 'x' } }], ['out', 'docs/generated'])[0]).toMatch(/only under out\/, docs\/generated\//);
    expect(compile([{ id: 1, tool: 'write_file', args: { path: 'out/report.md', content: 'x' } }])).toEqual([]);
    // Case is left to the runner, which knows the file system.
    expect(compile([{ id: 1, tool: 'write_file', args: { path: 'OUT/report.md', content: 'x' } }])).toEqual([]);
  });

  it('refuses .git for reading and writing alike', () => {
    expect(compile([{ id: 1, tool: 'read_file', args: { path: '.git/config' } }])[0]).toMatch(/^path-not-allowed: step 1 \(read_file\): argument "path" is the path "\.git\/config", inside \.git/);
    expect(compile([{ id: 1, tool: 'write_file', args: { path: 'out/.git/hooks/pre-commit', content: 'x' } }])[0]).toMatch(/inside \.git/);
    expect(compile([{ id: 1, tool: 'grep_lines', args: { pattern: 'x', files: ['docs/a.md', '.GIT/config'] } }])[0]).toMatch(/argument "files\[1\]" is the path "\.GIT\/config", inside \.git/);
  });
});

describe('comparing names as the file system does', () => {
  it('folds case only where the file system does', async () => {
    // This machine's temp directory is case-sensitive (Linux) or not (macOS, Windows): the probe agrees with the disk.
    const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-case-')));
    roots.push(dir);
    await writeFile(path.join(dir, 'Probe'), '');
    const insensitive = existsSync(path.join(dir, 'pROBE'));
    expect(await foldsCase(dir)).toBe(insensitive);
    expect(writableFolderOf(['OUT', 'x.md'], ['out'], true)).toBe('out');
    expect(writableFolderOf(['OUT', 'x.md'], ['out'], false)).toBeUndefined();
    expect(writableFolderOf(['docs', 'generated', 'a.md'], ['docs/generated'], false)).toBe('docs/generated');
    expect(writableFolderOf(['docs', 'gen', 'a.md'], ['docs/generated'], false)).toBeUndefined();
  });
});
