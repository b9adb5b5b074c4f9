import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuildOptions, cliOutdir, repoRoot } from '../../scripts/build-cli.ts';

// The bundled CLI (dist/bin/, what bin/planexec.js starts) keeps each command's heavy modules out of
// what every start loads: built in memory here, and each command's static import closure read from
// esbuild's metafile.

let metafile: Metafile;

/** The inputs a chunk loads before it runs: itself and, transitively, its static imports. */
function staticClosure(output: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of metafile.outputs[name]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(output);
  return [...seen].flatMap((name) => Object.keys(metafile.outputs[name]!.inputs));
}

/** The output esbuild made for a module the CLI imports with `await import()`. */
function chunkOf(entry: string): string {
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entry);
  if (found === undefined) throw new Error(`no chunk for ${entry}`);
  return found[0];
}

const packagesIn = (inputs: readonly string[]) => new Set(inputs.flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? []));

describe('the bundled CLI', () => {
  it('--help and usage errors load commander and the command table only', async () => {
    ({ metafile } = await build({ ...cliBuildOptions(), write: false, metafile: true }));
    const entry = path.posix.join('dist/bin', 'planexec.js');
    expect(Object.keys(metafile.outputs)).toContain(entry);
    const inputs = staticClosure(entry);
    expect([...packagesIn(inputs)]).toEqual(['commander']);
    expect(inputs.filter((input) => input.startsWith('src/')).sort()).toEqual(['src/cli/exit-code.ts', 'src/cli/help-hint.ts', 'src/cli/ignore-closed-pipe.ts', 'src/cli/main.ts', 'src/llm/types.ts', 'src/prompt/template-error.ts', 'src/run/outcome.ts']);
  }, 60_000);

  it('validate, runs and show load no model SDK, no queue, no listr2', () => {
    for (const command of ['src/cli/validate-command.ts', 'src/cli/runs-commands.ts']) {
      const packages = packagesIn(staticClosure(chunkOf(command)));
      for (const heavy of ['openai', 'bullmq', 'ioredis', 'listr2']) expect(packages, `${command} loads ${heavy}`).not.toContain(heavy);
    }
  });

  it('validate loads no ajv compiler: args schemas are decided without it, the project schemas are generated code', () => {
    const inputs = staticClosure(chunkOf('src/cli/validate-command.ts')).filter((input) => /node_modules\/ajv(-formats)?\//.test(input));
    // The generated validators need two small runtime helpers of ajv, nothing else of it.
    expect(inputs.map((input) => input.replace(/^.*node_modules\//, '')).sort()).toEqual(['ajv/dist/runtime/equal.js', 'ajv/dist/runtime/ucs2length.js']);
  });

  it('runs and show load no YAML parser, no templates, no schema validator', () => {
    const packages = packagesIn(staticClosure(chunkOf('src/cli/runs-commands.ts')));
    expect([...packages]).toEqual([]);
  });

  it('an offline run loads no model SDK and no queue', () => {
    const packages = packagesIn(staticClosure(chunkOf('src/cli/run-command.ts')));
    for (const heavy of ['openai', 'bullmq', 'ioredis']) expect(packages).not.toContain(heavy);
  });
});

// The bundle itself, built into a folder laid out like the package (dist/bin/ two levels under the
// files it reads), run as a process.
describe('the bundled CLI, run', () => {
  let root: string;
  let project: string;
  const cli = () => path.join(root, cliOutdir, 'planexec.js');

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'planexec-bundle-'));
    for (const name of ['package.json', 'schemas', 'tools', 'node_modules']) await symlink(path.join(repoRoot, name), path.join(root, name));
    await build({ ...cliBuildOptions(), absWorkingDir: repoRoot, outdir: path.join(root, cliOutdir) });
    project = path.join(root, 'project');
    for (const folder of ['pipelines', 'tools']) await cp(path.join(repoRoot, folder), path.join(project, folder), { recursive: true });
    await cp(path.join(repoRoot, 'planexec.config.yaml'), path.join(project, 'planexec.config.yaml'));
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** The built-ins a command loaded that plain `node` does not, as `process.moduleLoadList` names them. */
  const builtinsLoadedBy = (args: readonly string[]) => {
    const report = "process.on('exit', () => process.stderr.write('\\n@@' + JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)))))";
    const result = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, cli(), ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stderr.slice(result.stderr.lastIndexOf('@@') + 2)) as string[];
  };

  it('--help and validate load no child_process, network or worker built-ins (commander imports child_process at its top)', () => {
    for (const args of [['--help'], ['validate', 'pipelines/release-notes.yaml']]) {
      const loaded = builtinsLoadedBy(args);
      for (const heavy of ['child_process', 'dgram', 'worker_threads', 'http', 'https', 'zlib']) expect(loaded, `${args.join(' ')} loads ${heavy}`).not.toContain(heavy);
    }
  });

  it('runs every gallery pipeline\'s tests: command, module, http and built-in tools, templates, schemas and the run store work through the built-in shims', () => {
    const result = spawnSync(process.execPath, [cli(), 'test', ...readdirSync(path.join(project, 'pipelines')).filter((name) => name.endsWith('.yaml')).map((name) => `pipelines/${name}`)], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).not.toMatch(/Dynamic require|is not a function|is not a constructor/);
    expect(result.stdout + result.stderr).toMatch(/\b9 passed, 0 failed/);
    expect(result.status).toBe(0);
    const run = spawnSync(process.execPath, [cli(), 'run', 'pipelines/release-notes.yaml'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\S/);
  }, 120_000);
});
