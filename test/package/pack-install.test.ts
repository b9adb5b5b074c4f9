import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-cli.ts';

// The package as users get it: `npm pack` (which builds dist/ through `prepare`), then `npm install`
// of the tarball into an empty project, with no dev dependencies, and the installed `planexec` run.
//
// Cost: about 6-10 s with a warm npm cache (pack with the tsc build ~2 s, install ~4 s, the runs
// ~2 s); the install needs the npm registry for the dependencies on a cold cache. It runs in a copy
// of the repository, so the checkout's own dist/ is never touched. PLANEXEC_SKIP_PACK_TEST=1 skips it
// (for a machine with neither registry access nor a warm cache).

const run = promisify(execFile);
const skip = process.env.PLANEXEC_SKIP_PACK_TEST === '1';
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

let work: string;
let tarball: string;
let app: string;
let packedFiles: string[];

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, env: npmEnv, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

describe.skipIf(skip)('npm pack → npm install → npx planexec', () => {
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'planexec-pack-'));
    const source = path.join(work, 'source');
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
    // What `files` ships, minus dist/ (built fresh by prepare), plus what the build needs.
    const parts = [...manifest.files.filter((entry) => entry !== 'dist'), 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts/build-cli.ts', 'scripts/load-cli.ts'];
    for (const part of parts) await cp(path.join(repoRoot, part), path.join(source, part), { recursive: true });
    await symlink(path.join(repoRoot, 'node_modules'), path.join(source, 'node_modules'), 'dir');
    const packed = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], source)) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed[0]!.filename);
    packedFiles = packed[0]!.files.map((file) => file.path).sort();

    app = path.join(work, 'app');
    await cp(path.join(repoRoot, 'README.md'), path.join(app, 'README.md')); // creates the folder
    await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    await npm(['install', tarball, '--prefer-offline', '--no-save'], app);
  }, 180_000);

  it('packs the CLI, the built library with declarations, schemas, examples and tools; no sources or tests', () => {
    for (const file of ['bin/planexec.js', 'dist/bin/planexec.js', 'dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'package.json', 'README.md']) expect(packedFiles).toContain(file);
    for (const name of ['pipeline', 'tool', 'config', 'plan', 'draft-07']) expect(packedFiles).toContain(`schemas/${name}.schema.json`);
    for (const name of ['git', 'fs', 'http', 'npm', 'text']) expect(packedFiles).toContain(`tools/${name}.yaml`);
    expect(packedFiles).toContain('pipelines/release-notes.yaml');
    expect(packedFiles).toContain('pipelines/recordings/release-notes.json');
    expect(packedFiles.filter((file) => /^(src|test|bench|scripts|\.ci)\/|^tsconfig|^dist\/.*\.test\.|^dist\/.*\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs without dev dependencies and `npx planexec --help` works', async () => {
    const installed = await readdir(path.join(app, 'node_modules'));
    expect(installed).toContain('planexec');
    expect(installed).not.toContain('typescript');
    expect(installed).not.toContain('vitest');
    const { stdout } = await run('npx', ['--no-install', 'planexec', '--help'], { cwd: app, env: npmEnv });
    expect(stdout).toMatch(/^Usage: planexec /);
    for (const command of ['run', 'plan', 'validate', 'tools', 'init']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('runs an example offline from the installed package, and validates its tools', async () => {
    // The command npx runs (checked above), without npm's own start-up each time.
    const planexec = path.join(app, 'node_modules/.bin/planexec');
    const { stdout } = await run(planexec, ['run', 'node_modules/planexec/pipelines/release-notes.yaml'], { cwd: app, env: npmEnv });
    expect(stdout).toContain('### Features');
    const validate = await run(planexec, ['validate', ...['git', 'fs', 'http', 'npm', 'text'].map((name) => `node_modules/planexec/tools/${name}.yaml`)], { cwd: app, env: npmEnv });
    expect(validate.stderr).toBe('5 files valid\n');
  });

  it('keeps a compile cache in the temp folder, and starts all the same when it cannot write one', async () => {
    const planexec = path.join(app, 'node_modules/.bin/planexec');
    const temp = await mkdtemp(path.join(tmpdir(), 'planexec-compile-cache-'));
    const env: NodeJS.ProcessEnv = { ...npmEnv };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const first = await run(planexec, ['--help'], { cwd: app, env: { ...env, TMPDIR: temp } });
    const cached = await readdir(path.join(temp, 'node-compile-cache'), { recursive: true });
    // Node's, of the entry (dist/bin/planexec.js); beside it, the code cache of the script --help ran.
    expect(cached.filter((entry) => /^v\d[^/]*[/\\][0-9a-f]+$/.test(entry)).length).toBeGreaterThanOrEqual(1);
    expect(cached.filter((entry) => /[/\\]planexec-code-cache[/\\]help-[^/\\]+\.bin$/.test(entry))).toHaveLength(1);
    // A temp "folder" that is a file: no cache can be made there.
    const blocked = path.join(temp, 'not-a-folder');
    await writeFile(blocked, '');
    const second = await run(planexec, ['--help'], { cwd: app, env: { ...env, TMPDIR: blocked } });
    expect({ stdout: second.stdout, stderr: second.stderr }).toEqual({ stdout: first.stdout, stderr: '' });
  });

  it('its type declarations type-check a consumer', async () => {
    await writeFile(
      path.join(app, 'index.ts'),
      [
        "import { loadPipeline, runPipeline, createLlmClient, type Pipeline, type RunOutcome } from 'planexec';",
        "const pipeline: Pipeline = await loadPipeline('node_modules/planexec/pipelines/release-notes.yaml');",
        'const outcome: RunOutcome = await runPipeline(pipeline, { llm: await createLlmClient(pipeline.model) });',
        'export const code: number = outcome.exitCode;',
        '',
      ].join('\n'),
    );
    const compilerOptions = { target: 'es2023', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules/@types')] };
    await writeFile(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
    const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');
    const result = await run(tsc, ['-p', 'tsconfig.json'], { cwd: app }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe('');
  });
});
