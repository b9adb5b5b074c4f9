// Bundles the CLI (src/cli/main.ts) into dist/bin/, which bin/planexec.js starts: a few files instead
// of hundreds, so a start spends its time running planexec rather than resolving and reading modules.
// `npm run build` (and so `npm ci`, `npm pack`) writes it after tsc has written the library's dist/.
//
// The CLI is one script (dist/bin/cli.cjs: main.ts and all it imports), which the entry
// (dist/bin/planexec.js, scripts/load-cli.ts) runs through a V8 code cache of what the command ran;
// the model SDK is a script of its own (dist/bin/sdk.cjs), read only when a live endpoint is called.
// In the script a module still runs only when first imported, so `runs` starts no YAML parser and an
// offline run no model SDK. One script, not ES module chunks: Node's loader costs more per module
// than a cached script costs to read (an offline run started 9 ms sooner, `validate` 8 ms), and each
// of planexec's modules exists once, its classes included.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * Two levels under the package root on purpose, like dist/cli/: the code finds `schemas/` and
 * `package.json` at `../../` from its own module URL.
 */
export const cliOutdir = 'dist/bin';

/**
 * Node built-ins reach the bundle as CommonJS modules that load the built-in at first use. An ESM
 * `import` of a built-in builds a facade that reads every export once, and so does esbuild's interop
 * of a CommonJS module (it copies each property): both run the built-ins' lazy properties (`util` loads
 * 34 internal modules that way, `fs` its streams, `tty` the network bindings), and a built-in imported
 * at the top of a module loads even when the command never uses it (commander's `child_process`, which
 * brings net, dgram and streams, for executable subcommands planexec has none of). The shim lists no
 * keys, so the interop copies none, and its prototype hands each name to the built-in when it is read
 * (a function is then kept where it was read, so a call in a loop costs what a property read does).
 * `process` is the global itself.
 */
const lazyBuiltin = (name: string) =>
  name === 'node:process'
    ? 'module.exports = process;'
    : // A built-in that is a function (events' EventEmitter, stream, assert, module) is imported as one:
      // `import EventEmitter from 'node:events'; new EventEmitter()` (listr2). It is the built-in
      // itself, loaded when the module importing it first runs; these load with Node or with stdout.
      typeof process.getBuiltinModule(name) === 'function'
      ? `module.exports = process.getBuiltinModule(${JSON.stringify(name)});`
      : `let loaded;
const load = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(name)}));
const lookup = new Proxy(Object.create(null), {
  get(_, key, receiver) {
    const value = load()[key];
    // A function is kept on the object that asked, so the next call reads it as a plain property.
    if (typeof value === 'function') Object.defineProperty(receiver, key, { value, configurable: true, writable: true });
    return value;
  },
  set: (_, key, value) => { load()[key] = value; return true; },
  has: (_, key) => key in load(),
});
module.exports = Object.create(lookup);`;

/** Bundled packages whose compiled CommonJS copies a built-in's keys (`__importStar(require("fs"))`). */
const ENUMERATES_BUILTINS = /[\\/]node_modules[\\/]cosmiconfig[\\/]/;

const builtinsWithoutFacades: Plugin = {
  name: 'builtins-without-facades',
  setup(esbuild) {
    const names = new Set(builtinModules.filter((name) => !name.startsWith('_')));
    esbuild.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!names.has(name)) return undefined;
      // A shim lists no properties, so code that copies a module's keys (TypeScript's __importStar)
      // gets none: such packages get the built-in itself, loaded when their module first runs.
      if (ENUMERATES_BUILTINS.test(args.importer)) return { path: `node:${name}`, external: true };
      return { path: `node:${name}`, namespace: 'node-builtin' };
    });
    esbuild.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({ contents: lazyBuiltin(args.path), loader: 'js' }));
  },
};

const MAIN = path.join(repoRoot, 'src/cli/main.ts');
const LOADER = path.join(repoRoot, 'scripts/load-cli.ts');

/** The commands main.ts declares (`.command('run')`): each has a code cache of its own. */
function commandNames(): string[] {
  return [...new Set([...readFileSync(MAIN, 'utf8').matchAll(/\.command\('([\w-]+)'\)/g)].map((match) => match[1]!))];
}

const shared: BuildOptions = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  target: 'node22',
  // Not bundled: BullMQ and ioredis (a native addon, loaded only with --backend); each still loads
  // only where it is imported.
  external: ['bullmq', 'ioredis'],
  // Names too: a start reads and V8 deserializes a third less (an offline run starts 2-3 ms sooner).
  // A --debug stack trace is read back to the source through each script's map (src/cli/source-stack.ts).
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  // No `require` banner: CommonJS dependencies' require() of a built-in resolves to the shims above, and
  // esbuild fails the build on any other require it cannot bundle.
};

/**
 * A script V8 compiles with a code cache cannot call `import()` without an experimental vm option, so in
 * the CLI's script each `import()` that is not one of planexec's own modules (cosmiconfig, a module
 * tool's file, BullMQ) calls `__planexecImport`, which the loader passes in: an `import()` of an ES
 * module of its own. (A type, `typeof import('x')`, is left as it is.)
 */
const importsThroughLoader: Plugin = {
  name: 'imports-through-loader',
  setup(esbuild) {
    // planexec's own modules and the packages bundled lazily are imported as bundled modules.
    const bundled = new RegExp(`(?<!typeof\\s*)\\bimport\\((?!\\s*['"](?:\\.\\.?/|(?:${BUNDLED_LAZILY.join('|')})['"]))`, 'g');
    esbuild.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({ contents: (await readFile(args.path, 'utf8')).replace(bundled, '__planexecImport('), loader: 'ts' }));
  },
};

/** src/cli/version.ts with the version written in: a start reads no package.json for it. */
const versionWrittenIn: Plugin = {
  name: 'version-written-in',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/]cli[\\/]version\.ts$/ }, () => {
      const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
      return { contents: `export const version = ${JSON.stringify(version)};\n`, loader: 'ts' };
    });
  },
};

/** node:fs calls as promises from its callbacks (src/source/fs-callbacks.ts), for cosmiconfig's search. */
const FS_CALLBACKS = JSON.stringify(path.join(repoRoot, 'src/source/fs-callbacks.ts'));

/**
 * cosmiconfig's text as bundled, by file: its `import()` of a JavaScript config file it finds (its
 * meta-config, `.config/config.mjs`) goes through the loader, and its file calls through node:fs's
 * callbacks, since loading node:fs/promises for a few stat calls costs a run 1.5 ms. Each replaced
 * text must be there: the build fails when a cosmiconfig release changes it.
 */
const COSMICONFIG_EDITS: Readonly<Record<string, readonly (readonly [RegExp, string])[]>> = {
  'loaders.js': [
    [/\bimport\(/g, '__planexecImport('],
    [/\brequire\("fs\/promises"\)/g, `require(${FS_CALLBACKS})`],
  ],
  'Explorer.js': [[/__importDefault\(require\("fs\/promises"\)\)/g, `{ default: require(${FS_CALLBACKS}) }`]],
  'util.js': [[/\bfs_1\.promises\.stat\(/g, `require(${FS_CALLBACKS}).stat(`]],
};

const cosmiconfigInBundle: Plugin = {
  name: 'cosmiconfig-in-bundle',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]cosmiconfig[\\/]dist[\\/][\w.]+\.js$/ }, async (args) => {
      const edits = COSMICONFIG_EDITS[path.basename(args.path)] ?? [];
      let contents = await readFile(args.path, 'utf8');
      for (const [pattern, replacement] of edits) {
        if (!pattern.test(contents)) throw new Error(`cosmiconfig's ${path.basename(args.path)} no longer holds ${pattern}: see COSMICONFIG_EDITS in scripts/build-cli.ts`);
        contents = contents.replace(pattern, replacement);
      }
      // Every file of it, edited or not: a release that starts using fs/promises elsewhere fails the build.
      if (/fs\/promises|\.promises\b/.test(contents)) throw new Error(`cosmiconfig's ${path.basename(args.path)} uses node:fs/promises: see COSMICONFIG_EDITS in scripts/build-cli.ts`);
      return edits.length === 0 ? undefined : { contents, loader: 'js' };
    });
  },
};

/** Packages planexec imports with `await import()` that are bundled all the same, so they load from the code cache. */
const BUNDLED_LAZILY = ['cosmiconfig'];

/** What a script is a function of: a CommonJS module's own, the script's URL, and what the loader passes in. */
const SCRIPT_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', '__planexecUrl', '__planexecImport', '__planexecPart'];

/**
 * Packages the CLI loads as scripts of their own (dist/bin/<part>.cjs, each with its code cache), on
 * the one path that uses them: the model SDK is a third of the CLI and runs only when a live endpoint
 * is called, so `validate` and an offline run read none of it.
 */
const PARTS: Readonly<Record<string, string>> = { sdk: 'openai' };

/** In the CLI's script, a part's package is what the loader's `__planexecPart` returns. */
const partsOutsideCli: Plugin = {
  name: 'parts-outside-cli',
  setup(esbuild) {
    for (const [part, pkg] of Object.entries(PARTS)) {
      esbuild.onResolve({ filter: new RegExp(`^${pkg}$`) }, () => ({ path: part, namespace: 'cli-part' }));
    }
    esbuild.onLoad({ filter: /.*/, namespace: 'cli-part' }, (args) => ({ contents: `module.exports = __planexecPart(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** The wrapper that makes a script the function the loader runs, and how it is written. */
function asLoaderFunction(): BuildOptions {
  return {
    // The file is the function the loader runs, so V8 compiles it as read, with no copy made to wrap it;
    // ASCII (other characters escaped) so the loader reads it as Latin-1, a plain copy of its bytes.
    banner: { js: `(function (${SCRIPT_PARAMETERS.join(', ')}) {` },
    footer: { js: '})' },
    charset: 'ascii',
    format: 'cjs',
    // dist/bin/<script>.cjs.map, with no comment in the script naming it: read only for a --debug trace.
    sourcemap: 'external',
    sourcesContent: false,
    // `import.meta.main` is false: main.ts starts itself only when run as a file (the source).
    define: { 'import.meta.url': '__planexecUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename', 'import.meta.main': 'false' },
    metafile: true,
  };
}

/**
 * The CLI: main.ts and everything it imports, in one script. A module still runs only when first
 * imported (esbuild keeps each ES module's body in a function it calls once), so `runs` starts no
 * YAML parser and an offline run no model SDK; and being one script, every module exists once.
 */
function cliBuildOptions(outdir: string): BuildOptions {
  return {
    ...shared,
    ...asLoaderFunction(),
    entryPoints: [MAIN],
    outfile: path.join(outdir, 'cli.cjs'),
    plugins: CLI_PLUGINS,
  };
}

/** How main.ts and what it imports are bundled, in cli.cjs and help.cjs alike. */
const CLI_PLUGINS = [builtinsWithoutFacades, versionWrittenIn, importsThroughLoader, cosmiconfigInBundle, partsOutsideCli];

/**
 * help.cjs: main.ts without any command's code, for a command line that only asks for help or the
 * version (scripts/load-cli.ts's onlyHelp), which runs no command: commander and the command table,
 * a twentieth of cli.cjs. An `import()` of a command's module would throw, were it ever reached; an
 * error commander did not make is reported as cli.cjs reports an internal one.
 */
function helpBuildOptions(outdir: string): BuildOptions {
  const withoutCommands: Plugin = {
    name: 'without-commands',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\/[\w-]+\.ts$/ }, (args) => (args.kind === 'dynamic-import' && args.importer === MAIN ? { path: args.path, namespace: 'help-only' } : undefined));
      esbuild.onLoad({ filter: /.*/, namespace: 'help-only' }, (args) => ({
        contents:
          args.path === './cli-io.ts'
            ? // main.ts's report of an error commander did not make: the words of cli.cjs's for an internal one.
              "export function reportFailure(error) { process.stderr.write(`error: internal error: ${error instanceof Error ? error.message : String(error)} (run with --debug for details)\\n`); return 1; }"
            : `throw new Error(${JSON.stringify(`dist/bin/help.cjs holds no command, yet ${args.path} was imported: the loader should have run cli.cjs (scripts/load-cli.ts)`)});`,
        loader: 'js',
      }));
    },
  };
  return { ...cliBuildOptions(outdir), outfile: path.join(outdir, 'help.cjs'), plugins: [withoutCommands, ...CLI_PLUGINS] };
}

/** A part: its package, whole, as the module.exports of a script. */
function partBuildOptions(part: string, outdir: string): BuildOptions {
  return {
    ...shared,
    ...asLoaderFunction(),
    stdin: { contents: `module.exports = require(${JSON.stringify(PARTS[part])});\n`, resolveDir: repoRoot, sourcefile: `${part}.js`, loader: 'js' },
    outfile: path.join(outdir, `${part}.cjs`),
    // A package's own code, not planexec's: no map to ship for it.
    sourcemap: false,
    plugins: [builtinsWithoutFacades],
  };
}

/**
 * The entry, dist/bin/planexec.js (what bin/planexec.js imports): the loader, which knows each
 * script's digest (their code caches are keyed by it) and main.ts's commands (each has a cache).
 */
function entryBuildOptions(ids: Readonly<Record<string, string>>, outdir: string): BuildOptions {
  return {
    ...shared,
    stdin: {
      contents: `import { startCli } from ${JSON.stringify(LOADER)};\nawait startCli(${JSON.stringify(ids)}, ${JSON.stringify(commandNames())});\n`,
      resolveDir: repoRoot,
      sourcefile: 'planexec.js',
      loader: 'js',
    },
    format: 'esm',
    outfile: path.join(outdir, 'planexec.js'),
    sourcemap: 'external',
    sourcesContent: false,
    plugins: [builtinsWithoutFacades],
    metafile: true,
  };
}

export interface BuiltCli {
  /** dist/bin/planexec.js: the loader. */
  readonly entry: Metafile;
  /** dist/bin/cli.cjs: main.ts and all it imports. */
  readonly cli: Metafile;
  /** dist/bin/help.cjs: main.ts without the commands. */
  readonly help: Metafile;
  /** Each part's (PARTS), by name. */
  readonly parts: Readonly<Record<string, Metafile>>;
}

/**
 * Builds the CLI's script and its parts into `outdir` (or only in memory), then the entry, which
 * knows their digests; writes them only once every check has passed, never an entry beside another
 * build's script.
 */
export async function buildCli(options: { readonly outdir?: string; readonly write?: boolean } = {}): Promise<BuiltCli> {
  const outdir = options.outdir ?? path.join(repoRoot, cliOutdir);
  const write = options.write ?? true;
  const [cli, help, ...parts] = await Promise.all([
    build({ ...cliBuildOptions(outdir), write: false }),
    build({ ...helpBuildOptions(outdir), write: false }),
    ...Object.keys(PARTS).map((part) => build({ ...partBuildOptions(part, outdir), write: false })),
  ]);
  const scripts = [cli!, help!, ...parts].map((result) => ({ result, file: result.outputFiles!.find((output) => output.path.endsWith('.cjs'))! }));
  const ids: Record<string, string> = {};
  for (const { result, file } of scripts) {
    const name = path.basename(file.path, '.cjs');
    ids[name] = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
    const left = Object.values(result.metafile!.outputs).flatMap((output) => output.imports.filter((imported) => imported.kind === 'dynamic-import').map((imported) => imported.path));
    if (left.length > 0) throw new Error(`dist/bin/${name}.cjs calls import() for ${left.join(', ')}: route it through __planexecImport (scripts/build-cli.ts)`);
    if (!/^[\x00-\x7f]*$/.test(file.text)) throw new Error(`dist/bin/${name}.cjs holds characters other than ASCII, which the loader reads as Latin-1 (scripts/build-cli.ts)`);
  }
  const entry = await build({ ...entryBuildOptions(ids, outdir), write: false });
  if (write) {
    mkdirSync(outdir, { recursive: true });
    for (const file of [...scripts.flatMap((script) => script.result.outputFiles!), ...entry.outputFiles!]) writeFileSync(file.path, file.path.endsWith('.map') ? sourcesFromRoot(file.text, outdir) : file.contents);
  }
  return { entry: entry.metafile!, cli: cli!.metafile!, help: help!.metafile!, parts: Object.fromEntries(parts.map((result, index) => [Object.keys(PARTS)[index]!, result.metafile!])) };
}

/** A source map whose sources are named from the repository root (`src/cli/main.ts`), wherever it is written. */
function sourcesFromRoot(map: string, outdir: string): string {
  const parsed = JSON.parse(map) as { sources: string[] };
  // A module of a plugin's (`node-builtin:node:fs`) keeps its name.
  parsed.sources = parsed.sources.map((source) => (/^[\w-]+:/.test(source) ? source : path.relative(repoRoot, path.resolve(outdir, source)).split(path.sep).join('/')));
  return JSON.stringify(parsed);
}

// Silent, like tsc before it: `npm pack --json` prints its JSON on the same stdout as prepare.
if (import.meta.main) await buildCli();
