import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkToolFileSource } from '../../src/pipeline/tool-file.ts';
import type { DeclaredToolSpec, HttpTool } from '../../src/pipeline/types.ts';
import { LLM_TOOL } from '../../src/pipeline/builtin-tools.ts';
import { compilePlan } from '../../src/index.ts';
import { readYamlSource } from '../../src/source/yaml-source.ts';
import { renderHttpRequest } from '../../src/tools/kinds/http/render-http-request.ts';
import { runTool } from '../../src/tools/run-tool.ts';
import { repoRoot, runCli } from '../support/run-cli.ts';
import { testToolContext } from '../tools/tool-context.ts';

// The reusable tool files in tools/: they validate, and each tool does what its description promises
// when it really runs (git against a temp repository, text and fs tools on temp files, npm_ls on the
// fixture's lock file). npm_outdated, npm_view and the http tools need the network: their requests
// are only rendered here.

const library = ['git', 'fs', 'http', 'npm', 'text'] as const;
const tools = new Map<string, DeclaredToolSpec>();

beforeAll(async () => {
  for (const name of library) {
    const file = await checkToolFileSource(await readYamlSource(`tools/${name}.yaml`, repoRoot));
    expect(file.diagnostics).toEqual([]);
    for (const { tool } of file.tools) tools.set(tool.name, tool);
  }
});

function tool(name: string): DeclaredToolSpec {
  const found = tools.get(name);
  if (!found) throw new Error(`no tool ${name} in tools/`);
  return found;
}

async function run(name: string, args: Record<string, unknown>, cwd: string): Promise<unknown> {
  return (await runTool(tool(name), args, testToolContext({ cwd }))).output;
}

async function failure(name: string, args: Record<string, unknown>, cwd: string): Promise<string> {
  try {
    await run(name, args, cwd);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${name} to fail`);
}

/** What the plan compiler tells the model about one step calling `name` with `args`. */
function compileProblems(name: string, args: Record<string, unknown>, workspace = repoRoot): string[] {
  const result = compilePlan({ steps: [{ id: 1, action: 'try', tool: name, args }] }, [...tools.values(), LLM_TOOL], { workspace });
  return result.ok ? [] : result.problems.map((p) => p.message);
}

async function tempDir(prefix: string): Promise<string> {
  return realpath(await mkdtemp(path.join(tmpdir(), prefix)));
}

describe('the tool library', () => {
  it('`planexec validate tools/*.yaml` passes', async () => {
    const result = await runCli(['validate', ...library.map((name) => `tools/${name}.yaml`)]);
    expect(result.stderr).toBe('5 files valid\n');
    expect(result.code).toBe(0);
  });

  it('every tool has a description and an args schema that closes its properties', () => {
    expect(tools.size).toBeGreaterThanOrEqual(18);
    for (const spec of tools.values()) {
      expect(spec.description.length, spec.name).toBeGreaterThan(30);
      expect(spec.args.type, spec.name).toBe('object');
      expect(spec.args.additionalProperties, spec.name).toBe(false);
    }
  });
});

describe('git.yaml', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await tempDir('planexec-git-');
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_AUTHOR_DATE: '2024-05-01T12:00:00Z', GIT_COMMITTER_DATE: '2024-05-01T12:00:00Z' },
      });
    git('init', '--quiet', '--initial-branch=main');
    await writeFile(path.join(repo, 'a.txt'), 'one\n');
    git('add', '.');
    git('commit', '--quiet', '-m', 'feat: first');
    git('tag', 'v1.0.0');
    await mkdir(path.join(repo, 'docs'));
    await writeFile(path.join(repo, 'docs/b.md'), 'two\n');
    await writeFile(path.join(repo, 'a.txt'), 'one\nmore\n');
    git('add', '.');
    git('commit', '--quiet', '-m', 'fix: second');
  });

  it('git_log lists commits, optionally a range and a path', async () => {
    expect(await run('git_log', {}, repo)).toEqual([expect.stringMatching(/^[0-9a-f]{7,} 2024-05-01 Ada: fix: second$/), expect.stringMatching(/ Ada: feat: first$/)]);
    expect(await run('git_log', { range: 'v1.0.0..HEAD' }, repo)).toEqual([expect.stringMatching(/fix: second$/)]);
    expect(await run('git_log', { path: 'docs', max: 5 }, repo)).toHaveLength(1);
  });

  it('git_diff, git_show, git_ls_files and git_tags read the repository', async () => {
    expect(await run('git_diff', { base: 'v1.0.0', stat: true }, repo)).toMatch(/2 files changed, 2 insertions\(\+\)/);
    expect(await run('git_diff', { base: 'v1.0.0', path: 'a.txt' }, repo)).toContain('+more');
    expect(await run('git_show', { rev: 'HEAD' }, repo)).toMatch(/^commit [0-9a-f]{40}\nAuthor: Ada\nDate: 2024-05-01\n\nfix: second\n[^]*\+two/);
    expect(await run('git_show', { rev: 'v1.0.0:a.txt' }, repo)).toBe('one');
    expect(await run('git_ls_files', {}, repo)).toEqual(['a.txt', 'docs/b.md']);
    expect(await run('git_tags', {}, repo)).toEqual(['v1.0.0 2024-05-01']);
  });

  it('a revision that looks like an option never reaches git', async () => {
    expect(compileProblems('git_log', { range: '--output=/tmp/x' }).join('\n')).toMatch(/step 1 \(git_log\): argument "range"/);
    // Past the compiler (as after a reference is filled in), the runner refuses it; and git itself
    // would read it as a revision, since it comes after --end-of-options.
    expect(await failure('git_log', { range: '--output=pwned' }, repo)).toMatch(/refused to run git|bad revision|unknown revision/);
  });
});

describe('text.yaml', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('planexec-text-');
    await writeFile(path.join(dir, 'a.ts'), 'const x = 1; // TODO: name\nconst y = 2;\n// todo lower case\n');
    await writeFile(path.join(dir, 'b.ts'), '// FIXME later\n');
  });

  it('grep_lines prints file:line:text, and nothing (not a failure) when nothing matches', async () => {
    expect(await run('grep_lines', { pattern: 'TODO|FIXME', files: ['a.ts', 'b.ts'] }, dir)).toEqual(['a.ts:1:const x = 1; // TODO: name', 'b.ts:1:// FIXME later']);
    expect(await run('grep_lines', { pattern: 'todo', files: ['a.ts'], ignoreCase: true }, dir)).toEqual(['a.ts:1:const x = 1; // TODO: name', 'a.ts:3:// todo lower case']);
    expect(await run('grep_lines', { pattern: 'nowhere', files: ['a.ts', 'b.ts'] }, dir)).toEqual([]);
    expect(await run('grep_lines', { pattern: 'const', files: ['a.ts'], max: 1 }, dir)).toEqual(['a.ts:1:const x = 1; // TODO: name', '... more matching lines not shown (max 1)']);
  });

  it('grep_lines takes a pattern starting with "-" as data, and fails for a missing file', async () => {
    await writeFile(path.join(dir, 'c.txt'), '-x flag\nplain\n');
    expect(compileProblems('grep_lines', { pattern: '-x', files: ['c.txt'] })).toEqual([]);
    expect(await run('grep_lines', { pattern: '-x', files: ['c.txt'] }, dir)).toEqual(['c.txt:1:-x flag']);
    expect(await failure('grep_lines', { pattern: 'x', files: ['missing.txt'] }, dir)).toMatch(/exited with code 2/);
  });

  it('word_count and head_lines', async () => {
    expect(await run('word_count', { files: ['a.ts'] }, dir)).toEqual([expect.stringMatching(/^\s*3\s+15\s+\d+ a\.ts$/)]);
    expect(await run('head_lines', { files: ['a.ts'], lines: 1 }, dir)).toBe('const x = 1; // TODO: name');
  });
});

describe('fs.yaml', () => {
  let workspace: string;
  let outside: string;
  const previous = process.cwd();
  beforeAll(async () => {
    workspace = await tempDir('planexec-fs-');
    outside = await tempDir('planexec-outside-');
    await mkdir(path.join(workspace, 'docs/deep'), { recursive: true });
    await writeFile(path.join(workspace, 'docs/b.md'), 'bee\n');
    await writeFile(path.join(workspace, 'docs/a.md'), 'ay\n');
    await writeFile(path.join(workspace, 'docs/deep/c.txt'), 'sea\n');
    await writeFile(path.join(workspace, 'docs/.hidden'), 'x\n');
    await writeFile(path.join(outside, 'secret.txt'), 'secret\n');
    await symlink(outside, path.join(workspace, 'escape'));
    // Module tools work in the directory planexec runs in, as the CLI does.
    process.chdir(workspace);
  });
  afterAll(() => process.chdir(previous));

  it('list_files lists sorted paths relative to the workspace, recursively on request', async () => {
    expect(await run('list_files', { dir: 'docs' }, workspace)).toEqual(['docs/a.md', 'docs/b.md', 'docs/deep/']);
    expect(await run('list_files', { dir: 'docs', recursive: true }, workspace)).toEqual(['docs/a.md', 'docs/b.md', 'docs/deep/c.txt']);
    expect(await run('list_files', { dir: 'docs', recursive: true, extension: '.txt' }, workspace)).toEqual(['docs/deep/c.txt']);
    expect(await run('list_files', { dir: 'docs', all: true }, workspace)).toContain('docs/.hidden');
  });

  it('read_file and write_file round-trip inside the workspace', async () => {
    expect(await run('write_file', { path: 'out/new/report.md', content: '# Report\n' }, workspace)).toBe('wrote out/new/report.md (9 bytes)');
    expect(await readFile(path.join(workspace, 'out/new/report.md'), 'utf8')).toBe('# Report\n');
    expect(await run('read_file', { path: 'out/new/report.md' }, workspace)).toBe('# Report\n');
    expect(await run('read_file', { path: 'docs/a.md', maxBytes: 1 }, workspace)).toBe('a\n… [2 more bytes not shown]');
    expect(await failure('read_file', { path: 'docs/none.md' }, workspace)).toMatch(/no such file: docs\/none\.md$/);
  });

  it('refuses paths out of the workspace: the compiler for "..", the runner and the module for links', async () => {
    expect(compileProblems('read_file', { path: '../etc/passwd' }, workspace).join('\n')).toMatch(/argument "path" is the path "\.\.\/etc\/passwd", which resolves to .*, outside the workspace/);
    expect(await failure('read_file', { path: 'escape/secret.txt' }, workspace)).toMatch(/outside the workspace/);
    expect(await failure('write_file', { path: 'escape/new.txt', content: 'x' }, workspace)).toMatch(/outside the workspace/);
    expect(await failure('write_file', { path: '.git/config', content: 'x' }, workspace)).toMatch(/inside \.git/);
    // Deny by default: a plan writes only under the writable folders (out/), so code and settings a later step or run would load are out of reach.
    for (const file of ['pipelines/scripts/csv-summary.mjs', 'tools/fs.yaml', 'package.json', 'planexec.config.yaml']) {
      expect(await failure('write_file', { path: file, content: 'x' }, workspace), file).toMatch(/a plan may write only under out\/ \(the pipeline's writable\)/);
    }
    expect(await failure('write_file', { path: '.planexec/runs/x/events.ndjson', content: '' }, workspace)).toMatch(/inside \.planexec, which a plan may never write/);
  });

  it('the module confines paths itself too, for runners that do not check `format: path`', async () => {
    type FileTool = (args: Record<string, unknown>, options: { cwd: string }) => Promise<string>;
    const fsTools = (await import(pathToFileURL(path.join(repoRoot, 'tools/scripts/fs-tools.mjs')).href)) as Record<'readTextFile' | 'writeTextFile', FileTool>;
    await expect(fsTools.readTextFile({ path: 'escape/secret.txt' }, { cwd: workspace })).rejects.toThrow(/outside the workspace through a symbolic link/);
    await expect(fsTools.readTextFile({ path: '../x' }, { cwd: workspace })).rejects.toThrow(/leads outside the workspace/);
    await expect(fsTools.writeTextFile({ path: '/tmp/x', content: '' }, { cwd: workspace })).rejects.toThrow(/is absolute/);
    await mkdir(path.join(workspace, 'out'), { recursive: true });
    await symlink(path.join(outside, 'not-yet.txt'), path.join(workspace, 'out', 'dangling'));
    await expect(fsTools.writeTextFile({ path: 'out/dangling', content: 'x' }, { cwd: workspace })).rejects.toThrow(/symbolic link/);
  });
});

describe('npm.yaml', () => {
  it('npm_ls reads the locked tree of a project from package-lock.json alone', async () => {
    const output = await run('npm_ls', { dir: 'pipelines/data/sample-repo', lockfileOnly: true, depth: 1 }, repoRoot);
    expect(output).toEqual({
      name: 'invoice-service',
      version: '1.4.0',
      dependencies: {
        commander: { version: '11.1.0' },
        picocolors: { version: '1.0.0' },
        semver: { version: '7.5.4', dependencies: { 'lru-cache': { version: '6.0.0' } } },
        yaml: { version: '2.3.4' },
      },
      problems: [],
    });
  });

  it('npm_view refuses a package name that could be an option', () => {
    expect(compileProblems('npm_view', { package: '--registry=http://evil' }).join('\n')).toMatch(/"package"/);
    expect(compileProblems('npm_view', { package: '@types/node@22' })).toEqual([]);
  });
});

describe('http.yaml', () => {
  const request = (name: string, args: Record<string, unknown>) => renderHttpRequest(tool(name) as HttpTool, args, {});

  it('each tool GETs JSON from its one allowed host, every argument encoded into its place', () => {
    expect(request('npm_package', { name: '@types/node' }).url.href).toBe('https://registry.npmjs.org/%40types%2Fnode/latest');
    expect(request('npm_package', { name: 'yaml', version: '2.4.1' }).url.href).toBe('https://registry.npmjs.org/yaml/2.4.1');
    expect(request('pypi_project', { name: 'requests' }).url.href).toBe('https://pypi.org/pypi/requests/json');
    expect(request('github_releases', { owner: 'nodejs', repo: 'node', limit: 3 }).url.href).toBe('https://api.github.com/repos/nodejs/node/releases?per_page=3');
    const issue = request('github_issue', { owner: 'nodejs', repo: 'node', number: 1 });
    expect(issue.url.href).toBe('https://api.github.com/repos/nodejs/node/issues/1');
    expect(issue.headers).toMatchObject({ accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' });
    for (const name of ['npm_package', 'pypi_project', 'github_repo', 'github_releases', 'github_issue']) {
      const spec = tool(name) as HttpTool;
      expect(spec.method, name).toBe('GET');
      expect(spec.output, name).toBe('json');
      expect(spec.allowHosts, name).toHaveLength(1);
    }
  });

  it('a model cannot add a path segment: a slash is encoded', () => {
    expect(compileProblems('github_repo', { owner: 'nodejs', repo: '../../user' }).join('\n')).toMatch(/"repo"/);
    expect(request('github_repo', { owner: 'a/b', repo: 'c' }).url.pathname).toBe('/repos/a%2Fb/c');
  });
});
