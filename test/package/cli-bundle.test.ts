import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliOutdir, repoRoot } from '../../scripts/build-cli.ts';
import { onlyHelp } from '../../scripts/load-cli.ts';
import { runCli } from '../support/run-cli.ts';
import { startScriptedServer } from '../support/scripted-server.ts';

// The bundled CLI (dist/bin/, what bin/planexec.js starts) is one script, cli.cjs, built in memory
// here. In it a module runs only when a module that imports it statically runs, so a command's static
// import closure over the script's input graph (esbuild's metafile) is what it runs. help.cjs, main.ts
// without the commands, serves a command line that asks only for help.

let cliScript: Metafile;
let helpScript: Metafile;
let sdk: Metafile;

/** The script's inputs a module runs: it and, transitively, what it imports statically. */
function closure(meta: Metafile, start: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of meta.inputs[name]?.imports ?? []) if ((imported.kind === 'import-statement' || imported.kind === 'require-call') && !imported.external) visit(imported.path);
  };
  visit(start);
  return [...seen];
}
const commandClosure = (command: string) => closure(cliScript, command);

const packagesIn = (inputs: readonly string[]) => new Set(inputs.flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? []));

describe('the bundled CLI', () => {
  beforeAll(async () => {
    const built = await buildCli({ write: false });
    ({ cli: cliScript, help: helpScript } = built);
    sdk = built.parts['sdk']!;
  }, 60_000);

  it('--help and usage errors run commander and the command table only, and help.cjs holds no more', () => {
    for (const meta of [cliScript, helpScript]) {
      const inputs = closure(meta, 'src/cli/main.ts');
      expect([...packagesIn(inputs)]).toEqual(['commander']);
      expect(inputs.filter((input) => input.startsWith('src/')).sort()).toEqual(['src/cli/exit-code.ts', 'src/cli/help-hint.ts', 'src/cli/ignore-closed-pipe.ts', 'src/cli/main.ts', 'src/cli/version.ts', 'src/run/exit-codes.ts']);
    }
    // What help.cjs holds beyond them is a throw for each command module main.ts imports.
    const held = Object.keys(helpScript.inputs).filter((input) => !input.startsWith('node-builtin:') && !input.startsWith('help-only:'));
    expect(held.filter((input) => !input.startsWith('node_modules/commander/')).sort()).toEqual(['src/cli/exit-code.ts', 'src/cli/help-hint.ts', 'src/cli/ignore-closed-pipe.ts', 'src/cli/main.ts', 'src/cli/version.ts', 'src/run/exit-codes.ts']);
    expect(Object.keys(helpScript.inputs).filter((input) => input.startsWith('help-only:'))).toContain('help-only:./run-command.ts');
  });

  it('leaves to help.cjs only a command line that runs no command', () => {
    const known = new Set(['run', 'validate']);
    for (const argv of [[], ['--help'], ['-h'], ['--version'], ['-v'], ['help'], ['help', 'run'], ['run', '--help'], ['validate', '-h']]) expect(onlyHelp(argv, known), argv.join(' ')).toBe(true);
    for (const argv of [['run'], ['run', 'p.yaml'], ['run', 'p.yaml', '--help'], ['--debug', '--help'], ['nosuch', '--help'], ['help', 'nosuch'], ['-V'], ['--help', 'run'], ['run', '--version'], ['help', 'run', 'x']]) expect(onlyHelp(argv, known), argv.join(' ')).toBe(false);
  });

  it('validate, runs and show load no model SDK, no queue, no listr2', () => {
    expect(cliScript.inputs['src/cli/validate-command.ts'], 'validate is in the script').toBeDefined();
    for (const command of ['src/cli/validate-command.ts', 'src/cli/runs-commands.ts']) {
      const packages = packagesIn(commandClosure(command));
      for (const heavy of ['openai', 'bullmq', 'ioredis', 'listr2']) expect(packages, command).not.toContain(heavy);
    }
  });

  it('validate loads no ajv compiler: args schemas are decided without it, the project schemas are generated code', () => {
    const inputs = commandClosure('src/cli/validate-command.ts').filter((input) => /node_modules\/ajv(-formats)?\//.test(input));
    // The generated validators need two small runtime helpers of ajv, nothing else of it.
    expect(inputs.map((input) => input.replace(/^.*node_modules\//, '')).sort()).toEqual(['ajv/dist/runtime/equal.js', 'ajv/dist/runtime/ucs2length.js']);
  });

  it('runs and show load no YAML parser, no templates, no schema validator', () => {
    const packages = packagesIn(commandClosure('src/cli/runs-commands.ts'));
    expect([...packages]).toEqual([]);
  });

  it('an offline run loads no model SDK and no queue', () => {
    const packages = packagesIn(commandClosure('src/cli/run-command.ts'));
    for (const heavy of ['openai', 'bullmq', 'ioredis']) expect(packages).not.toContain(heavy);
    // Nor does it read the SDK's code: that is a script of its own (dist/bin/sdk.cjs), read on a live call.
    expect(packagesIn(Object.keys(cliScript.inputs))).not.toContain('openai');
    expect(packagesIn(Object.keys(sdk.inputs))).toEqual(new Set(['openai']));
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
    await buildCli({ outdir: path.join(root, cliOutdir) });
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

  it('--help and validate load no child_process, network, worker, crypto or fs/promises built-ins (commander imports child_process at its top)', () => {
    for (const args of [['--help'], ['validate', 'pipelines/release-notes.yaml']]) {
      const loaded = builtinsLoadedBy(args);
      for (const heavy of ['child_process', 'dgram', 'worker_threads', 'http', 'https', 'zlib', 'crypto', 'fs/promises', 'internal/readline/interface']) expect(loaded, `${args.join(' ')} loads ${heavy}`).not.toContain(heavy);
    }
  });

  it('exits when the command is done, and waits for what a module tool left running, as Node would', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bundle-exit-'));
    // Tools that answer, then write a file a little later: on a timer, when a worker thread they started
    // says so, or when a job of the thread pool is done (no handle stands for those last two). A natural
    // exit waits for each.
    writeFileSync(
      path.join(dir, 'late.mjs'),
      [
        "import { writeFileSync } from 'node:fs';",
        "import { Worker } from 'node:worker_threads';",
        "import { pbkdf2 } from 'node:crypto';",
        "export function onTimer() { setTimeout(() => writeFileSync(new URL('./written-late', import.meta.url), 'yes'), 200); return 'answered'; }",
        "const sleeper = 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300); require(\"node:worker_threads\").parentPort.postMessage(\"done\");';",
        "export function onWorker() { new Worker(sleeper, { eval: true }).on('message', (text) => writeFileSync(new URL('./written-late', import.meta.url), text)); return 'answered'; }",
        "export function onPool() { pbkdf2('planexec', 'salt', 300000, 32, 'sha256', (error, key) => writeFileSync(new URL('./written-late', import.meta.url), key.toString('hex'))); return 'answered'; }",
      ].join('\n'),
    );
    const tool = (name: string) => `  - name: ${name}\n    description: Answers now, writes later\n    module: late.mjs\n    export: ${name}\n    args: { type: object }\n    output: text\n`;
    writeFileSync(path.join(dir, 'p.yaml'), `version: 1\nname: late\ntask: Answer\nmodel: { name: none }\ntools:\n${tool('onTimer')}${tool('onWorker')}${tool('onPool')}`);
    for (const name of ['onTimer', 'onWorker', 'onPool']) {
      rmSync(path.join(dir, 'written-late'), { force: true });
      writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ pipeline: 'late', steps: [{ id: 1, action: 'Answer', tool: name, args: {} }] }));
      const run = spawnSync(process.execPath, [cli(), 'run', 'p.yaml', '--plan', 'plan.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe('answered\n');
      expect(readFileSync(path.join(dir, 'written-late'), 'utf8'), name).toMatch(/^(yes|done|[0-9a-f]{64})$/);
    }
    // With nothing left, it exits at once, its output whole and its exit code kept.
    const failed = spawnSync(process.execPath, [cli(), 'validate', 'missing.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect({ status: failed.status, stderr: failed.stderr }).toEqual({ status: 2, stderr: 'missing.yaml:1:1 error: cannot read file: ENOENT: no such file or directory\n1 error in 1 file\n' });
    await rm(dir, { recursive: true, force: true });
  });

  it('draws the terminal view, listr2 bundled, where stderr is a terminal', () => {
    // stderr said to be a terminal before the CLI starts: the view it picks then is listr2's tree.
    const run = spawnSync(process.execPath, ['--import', 'data:text/javascript,process.stderr.isTTY = true', cli(), 'run', 'pipelines/release-notes.yaml'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^## v1\.1\.0\n/);
    // The tree's rows, as listr2 draws them (with its cursor codes), not the plain view's lines.
    expect(run.stderr).toMatch(/Plan 1: 3\/3 steps done/);
    expect(run.stderr).toMatch(/1\. Find feature commits \[grep_lines\]/);
    expect(run.stderr).toContain('\u001b[');
    expect(run.stderr).not.toMatch(/^\d\d:\d\d:\d\d\.\d{3} run started/m);
  });

  it('an offline run that needs no approval leaves process.stdin alone: it is made only to ask', () => {
    // Counts reads of process.stdin, an accessor that makes the stream on first read. (Run from source,
    // the ES module facade of node:process reads every property of it; the bundle has none.)
    const watch = [
      "const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');",
      'let reads = 0;',
      "Object.defineProperty(process, 'stdin', { ...stdin, get() { reads++; return stdin.get.call(process); } });",
      "process.on('exit', () => process.stderr.write(`\\n@@stdin reads: ${reads}\\n`));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(watch)}`, cli(), 'run', 'pipelines/release-notes.yaml'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/@@stdin reads: 0\n/);
  });

  it('an offline run loads no network, worker, crypto or fs/promises built-ins, cosmiconfig\'s search included', () => {
    const loaded = builtinsLoadedBy(['run', 'pipelines/release-notes.yaml']);
    // It runs commands: child_process, and the net and dgram it brings, are its own.
    expect(loaded).toContain('child_process');
    for (const heavy of ['worker_threads', 'http', 'https', 'zlib', 'crypto', 'fs/promises', 'internal/readline/interface']) expect(loaded, `run loads ${heavy}`).not.toContain(heavy);
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

  it('finds planexec.config.yaml through the bundled cosmiconfig, which imports a JavaScript meta-config as the source does', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bundle-config-'));
    await cp(path.join(project, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
    // A config with a wrong value: the run stops on it, naming its file, only if the config was found.
    writeFileSync(path.join(dir, 'planexec.config.yaml'), 'planning:\n  maxSteps: lots\n');
    mkdirSync(path.join(dir, '.config'));
    writeFileSync(path.join(dir, '.config/config.mjs'), "import { writeFileSync } from 'node:fs'; writeFileSync(new URL('../imported', import.meta.url), 'yes'); export default {};\n");
    const bundled = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: dir, entry: cli() });
    expect(readFileSync(path.join(dir, 'imported'), 'utf8')).toBe('yes');
    rmSync(path.join(dir, 'imported'));
    const source = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'imported'), 'utf8')).toBe('yes');
    expect(bundled.stderr).toMatch(/^planexec\.config\.yaml:2:\d+/m);
    expect({ code: bundled.code, stderr: bundled.stderr }).toEqual({ code: source.code, stderr: source.stderr });
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('calls a live endpoint through the model SDK, a script of its own beside the CLI script, with its own code cache', async () => {
    const server = await startScriptedServer([
      { match: (call) => call.text.trim() === 'Say hello', content: 'hello' },
      { match: /Greet/, json: { steps: [{ id: 1, action: 'Greet', tool: 'llm', args: { prompt: 'Say hello' } }] } },
    ]);
    try {
      const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bundle-live-'));
      writeFileSync(path.join(dir, 'p.yaml'), 'version: 1\nname: live\ntask: Greet the team\nmodel: { name: local-model }\ntools: []\n');
      const cacheRoot = await mkdtemp(path.join(tmpdir(), 'planexec-cc-'));
      const env = { NODE_COMPILE_CACHE: cacheRoot, OPENAI_API_KEY: 'sk-test-bundle-live-0000' };
      for (let start = 0; start < 2; start++) {
        const run = await runCli(['run', 'p.yaml', '--base-url', server.url], { cwd: dir, env, entry: cli() });
        expect(run.stderr).not.toMatch(/error/);
        expect(run.code).toBe(0);
        expect(run.stdout).toBe('hello\n');
      }
      expect(server.calls).toHaveLength(4);
      const caches = readdirSync(path.join(cacheRoot, readdirSync(cacheRoot)[0]!, 'planexec-code-cache')).map((name) => name.split('-')[0]).sort();
      expect(caches).toEqual(['run', 'run+sdk']);
      await rm(cacheRoot, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    } finally {
      await server.close();
    }
  }, 60_000);

  it('answers a command line that asks only for help or the version from help.cjs, as the source does', async () => {
    const cacheRoot = await mkdtemp(path.join(tmpdir(), 'planexec-cc-'));
    const env = { ...process.env, NO_COLOR: '1', NODE_COMPILE_CACHE: cacheRoot };
    for (const args of [[], ['--help'], ['-h'], ['--version'], ['-v'], ['help'], ['help', 'run'], ['run', '--help'], ['validate', '-h']]) {
      const bundled = spawnSync(process.execPath, [cli(), ...args], { cwd: project, encoding: 'utf8', env });
      const source = spawnSync(process.execPath, [path.join(repoRoot, 'src/cli/main.ts'), ...args], { cwd: project, encoding: 'utf8', env });
      expect({ status: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }, args.join(' ')).toEqual({ status: source.status, stdout: source.stdout, stderr: source.stderr });
      expect(bundled.stdout + bundled.stderr, args.join(' ')).toMatch(/Usage: planexec|^\d+\.\d+\.\d+/);
    }
    const caches = () => readdirSync(path.join(cacheRoot, readdirSync(cacheRoot)[0]!, 'planexec-code-cache')).map((name) => name.split('-')[0]).sort();
    // Only help.cjs ran: its one cache, whatever the command line.
    expect(caches()).toEqual(['help']);
    // Anything more is the whole CLI's to answer: a flag besides, a mistaken command.
    for (const args of [['--debug', '--help'], ['nosuch', '--help']]) {
      const bundled = spawnSync(process.execPath, [cli(), ...args], { cwd: project, encoding: 'utf8', env });
      const source = spawnSync(process.execPath, [path.join(repoRoot, 'src/cli/main.ts'), ...args], { cwd: project, encoding: 'utf8', env });
      expect({ status: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }, args.join(' ')).toEqual({ status: source.status, stdout: source.stdout, stderr: source.stderr });
    }
    expect(caches()).toEqual(['help', 'other']);
    await rm(cacheRoot, { recursive: true, force: true });
  }, 60_000);

  it('names the source in a --debug stack trace: each script\'s map, beside it, reads a frame of its minified code back', () => {
    for (const script of ['planexec.js', 'cli.cjs', 'help.cjs']) expect(existsSync(path.join(root, cliOutdir, `${script}.map`)), script).toBe(true);
    // An internal error, planted: the run command's first call of process.cwd() throws.
    const plant = 'process.cwd = () => { throw new Error("planted for the test"); };';
    const run = (debug: string[]) => spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(plant)}`, cli(), ...debug, 'run', 'pipelines/release-notes.yaml'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const plain = run([]);
    expect({ status: plain.status, stderr: plain.stderr }).toEqual({ status: 1, stderr: 'error: internal error: planted for the test (run with --debug for details)\n' });
    const debug = run(['--debug']);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^error: internal error: planted for the test\nError: planted for the test\n/);
    // Read back to the line of run-command.ts that asked, and to main.ts that called it; nothing left in the bundle.
    const cwdLine = readFileSync(path.join(repoRoot, 'src/cli/run-command.ts'), 'utf8').split('\n').findIndex((line) => line.includes('process.cwd()')) + 1;
    expect(debug.stderr).toMatch(new RegExp(`\\(src/cli/run-command\\.ts:${cwdLine}:\\d+\\)`));
    expect(debug.stderr).toMatch(/\(src\/cli\/main\.ts:\d+:\d+\)/);
    expect(debug.stderr).not.toMatch(/cli\.cjs:\d/);
  });

  it('reports each kind of error as the source does: the same words, the same exit code', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'planexec-bundle-errors-'));
    writeFileSync(path.join(empty, 'broken.yaml'), 'task: [unclosed\n');
    const cases: { args: string[]; status: number }[] = [
      // The run store's reader and a command-line mistake.
      { args: ['show', 'nosuchrun'], status: 2 },
      { args: ['completion', 'nosh'], status: 2 },
      // A diagnostic with its position, a file that is not there, a bad flag value.
      { args: ['validate', 'broken.yaml'], status: 2 },
      { args: ['validate', 'missing.yaml'], status: 2 },
      { args: ['run', 'broken.yaml', '--base-url', 'ftp://example.com'], status: 2 },
    ];
    for (const { args, status } of cases) {
      const bundled = spawnSync(process.execPath, [cli(), ...args], { cwd: empty, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const source = spawnSync(process.execPath, [path.join(repoRoot, 'src/cli/main.ts'), ...args], { cwd: empty, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(bundled.stderr, args.join(' ')).not.toMatch(/internal error/);
      expect({ status: bundled.status, stderr: bundled.stderr }, args.join(' ')).toEqual({ status: source.status, stderr: source.stderr });
      expect(bundled.status, args.join(' ')).toBe(status);
    }
    await rm(empty, { recursive: true, force: true });
  }, 60_000);

  describe('the code cache of the CLI script', () => {
    /** A start of the bundle with the compile cache (and so the script's code cache) in a folder of the test's. */
    const start = (cacheRoot: string, args: readonly string[], env: Readonly<Record<string, string>> = {}) => {
      const { NODE_DISABLE_COMPILE_CACHE: _, ...inherited } = process.env;
      const result = spawnSync(process.execPath, [cli(), ...args], { cwd: project, encoding: 'utf8', env: { ...inherited, NO_COLOR: '1', NODE_COMPILE_CACHE: cacheRoot, ...env } });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/Warning/);
      return result;
    };
    /** The script's cache files under a compile cache folder: name → a digest of the bytes. */
    const cacheFiles = (cacheRoot: string): Map<string, string> => {
      const found = new Map<string, string>();
      for (const version of readdirSync(cacheRoot)) {
        const dir = path.join(cacheRoot, version, 'planexec-code-cache');
        if (existsSync(dir)) for (const name of readdirSync(dir)) found.set(name, createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex'));
      }
      return found;
    };

    it('is written once per command, in a folder only this user may use, and V8 takes it at the next start', async () => {
      const cacheRoot = await mkdtemp(path.join(tmpdir(), 'planexec-cc-'));
      start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']);
      const first = cacheFiles(cacheRoot);
      expect([...first.keys()].map((name) => name.split('-')[0])).toEqual(['validate']);
      // Keyed by what the script holds, not its size or time (npm packs every file with one time, and
      // V8 checks only the source's length): another build's cache is never taken for this one's.
      const cliDigest = createHash('sha256').update(readFileSync(path.join(root, cliOutdir, 'cli.cjs'))).digest('hex').slice(0, 16);
      expect([...first.keys()]).toEqual([`validate-${process.version}-${cliDigest}.bin`]);
      const dir = path.join(cacheRoot, readdirSync(cacheRoot)[0]!, 'planexec-code-cache');
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, [...first.keys()][0]!)).mode & 0o777).toBe(0o600);
      // A cache V8 refused would be written anew; one it took is left as it is.
      const again = start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']);
      expect(again.stderr).toMatch(/1 file valid/);
      expect(cacheFiles(cacheRoot)).toEqual(first);
      start(cacheRoot, ['tools', 'pipelines/release-notes.yaml']);
      expect([...cacheFiles(cacheRoot).keys()].map((name) => name.split('-')[0]).sort()).toEqual(['tools', 'validate']);
      await rm(cacheRoot, { recursive: true, force: true });
    }, 60_000);

    it('keeps the caches of the newest other builds (two planexecs started in turn keep theirs), not older ones', async () => {
      const cacheRoot = await mkdtemp(path.join(tmpdir(), 'planexec-cc-'));
      start(cacheRoot, ['--version']);
      const dir = path.join(cacheRoot, readdirSync(cacheRoot)[0]!, 'planexec-code-cache');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Four other builds' caches, an hour to four hours old, and a temporary file left by a start long ago.
      const others = [1, 2, 3, 4].map((hours) => {
        const name = `validate-${process.version}-${String(hours).repeat(16)}.bin`;
        writeFileSync(path.join(dir, name), 'another build', { mode: 0o600 });
        utimesSync(path.join(dir, name), new Date(Date.now() - hours * 3_600_000), new Date(Date.now() - hours * 3_600_000));
        return name;
      });
      const stale = `validate-${process.version}-${'5'.repeat(16)}.bin.4242.tmp`;
      writeFileSync(path.join(dir, stale), '', { mode: 0o600 });
      utimesSync(path.join(dir, stale), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
      start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']);
      // (--version left help.cjs's cache, which is no build of validate's.)
      const ours = [...cacheFiles(cacheRoot).keys()].filter((name) => name.startsWith('validate-') && !others.includes(name) && name !== stale);
      expect(ours).toHaveLength(1);
      expect(readdirSync(dir).filter((name) => name.startsWith('validate-')).sort()).toEqual([ours[0]!, others[0]!, others[1]!].sort());
      await rm(cacheRoot, { recursive: true, force: true });
    }, 60_000);

    it('a damaged cache is refused by V8 and replaced; the command works all the same', async () => {
      const cacheRoot = await mkdtemp(path.join(tmpdir(), 'planexec-cc-'));
      start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']);
      const [name, digest] = [...cacheFiles(cacheRoot)][0]!;
      const file = path.join(cacheRoot, readdirSync(cacheRoot)[0]!, 'planexec-code-cache', name);
      writeFileSync(file, Buffer.alloc(statSync(file).size, 7));
      expect(start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']).stderr).toMatch(/1 file valid/);
      // Written anew from what this start compiled: not the damaged bytes.
      expect(cacheFiles(cacheRoot).get(name)).not.toBe(createHash('sha256').update(Buffer.alloc(statSync(file).size, 7)).digest('hex'));
      expect(statSync(file).size).toBeGreaterThan(1000);
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      await rm(cacheRoot, { recursive: true, force: true });
    }, 60_000);

    it('is neither read nor written in a folder others may write to, nor with NODE_DISABLE_COMPILE_CACHE=1', async () => {
      const cacheRoot = await mkdtemp(path.join(tmpdir(), 'planexec-cc-'));
      start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']);
      const dir = path.join(cacheRoot, readdirSync(cacheRoot)[0]!, 'planexec-code-cache');
      const [name] = [...cacheFiles(cacheRoot).keys()];
      // Planted: what a cache it read would run. Refused unread, so it stays as planted.
      chmodSync(dir, 0o777);
      writeFileSync(path.join(dir, name!), 'planted');
      expect(start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']).stderr).toMatch(/1 file valid/);
      expect(readFileSync(path.join(dir, name!), 'utf8')).toBe('planted');
      // A link in its place, to a folder of ours holding caches of other builds, is not followed:
      // nothing in that folder is read, swept or written.
      const elsewhere = await mkdtemp(path.join(tmpdir(), 'planexec-cc-elsewhere-'));
      const other = `validate-${process.version}-0000000000000000.bin`;
      writeFileSync(path.join(elsewhere, other), 'kept');
      await rm(dir, { recursive: true, force: true });
      await symlink(elsewhere, dir);
      expect(start(cacheRoot, ['validate', 'pipelines/release-notes.yaml']).stderr).toMatch(/1 file valid/);
      expect(readdirSync(elsewhere)).toEqual([other]);
      await rm(elsewhere, { recursive: true, force: true });
      const off = await mkdtemp(path.join(tmpdir(), 'planexec-cc-'));
      start(off, ['validate', 'pipelines/release-notes.yaml'], { NODE_DISABLE_COMPILE_CACHE: '1' });
      expect(cacheFiles(off).size).toBe(0);
      await rm(cacheRoot, { recursive: true, force: true });
      await rm(off, { recursive: true, force: true });
    }, 60_000);
  });
});
