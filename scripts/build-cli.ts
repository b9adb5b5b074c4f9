// Bundles the CLI (src/cli/main.ts) into dist/bin/, which bin/planexec.js starts: a few files instead
// of hundreds, so a start spends its time running planexec rather than resolving and reading modules.
// `npm run build` (and so `npm ci`, `npm pack`) writes it after tsc has written the library's dist/.
//
// Two parts: the entry (dist/bin/planexec.js: commander and the command table, all `--help` needs)
// and the core (dist/bin/core.cjs: every module main.ts imports with `await import()`, and what they
// import, in one script), which scripts/load-cli-core.ts loads through a V8 code cache of what the
// command ran. In the core a module still runs only when first imported, so `runs` starts no YAML
// parser and an offline run no model SDK.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { build, type BuildOptions, type Plugin } from 'esbuild';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * Two levels under the package root on purpose, like dist/cli/: the code finds `schemas/` and
 * `package.json` at `../../` from its own module URL.
 */
export const cliOutdir = 'dist/bin';

/**
 * Node built-ins as CommonJS: `module.exports = process.getBuiltinModule(...)`. An ESM `import` of a built-in
 * builds a facade that reads every export once, which runs the built-in's lazy getters (`fs` loads its
 * streams and promises API, `child_process` is needed whole) — ~10 ms a start for what no command asked for.
 * Through esbuild's CommonJS interop a named import is read where it is used.
 */
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

const builtinsWithoutFacades: Plugin = {
  name: 'builtins-without-facades',
  setup(esbuild) {
    const names = new Set(builtinModules.filter((name) => !name.startsWith('_')));
    esbuild.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      return names.has(name) ? { path: `node:${name}`, namespace: 'node-builtin' } : undefined;
    });
    esbuild.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({ contents: lazyBuiltin(args.path), loader: 'js' }));
  },
};

/**
 * Commands that read little (the run store, commander's own definitions) stay chunks of the entry:
 * loading the whole core, cached or not, would cost them more than it saves.
 */
const OUTSIDE_CORE = new Set(['./runs-commands.ts', './completion-command.ts']);

/** Each of main.ts's `await import('./x.ts')` that the core serves: the module's path in src/cli/. */
export function coreModules(): string[] {
  const main = readFileSync(path.join(repoRoot, 'src/cli/main.ts'), 'utf8');
  return [...new Set([...main.matchAll(/await import\('(\.\/[\w-]+\.ts)'\)/g)].map((match) => match[1]!))].filter((module) => !OUTSIDE_CORE.has(module));
}

const LOADER = path.join(repoRoot, 'scripts/load-cli-core.ts');

/** In the entry, main.ts's `await import('./x.ts')` becomes that module of the core. */
const commandsFromCore: Plugin = {
  name: 'commands-from-core',
  setup(esbuild) {
    const modules = new Set(coreModules());
    esbuild.onResolve({ filter: /^\.\/[\w-]+\.ts$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer === path.join(repoRoot, 'src/cli/main.ts') && modules.has(args.path) ? { path: args.path, namespace: 'cli-core' } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'cli-core' }, async (args) => {
      // The names the module exports, read by esbuild from its source without bundling it.
      const { metafile } = await build({ entryPoints: [path.join(repoRoot, 'src/cli', args.path)], bundle: false, write: false, metafile: true, format: 'esm', outdir: 'out', logLevel: 'silent' });
      const names = Object.values(metafile.outputs).flatMap((output) => output.exports);
      return {
        contents: `import { loadCliCore } from ${JSON.stringify(LOADER)};\nconst loaded = loadCliCore()[${JSON.stringify(args.path)}]();\n${names.map((name) => `export const ${name} = loaded.${name};`).join('\n')}\n`,
        resolveDir: repoRoot,
        loader: 'js',
      };
    });
  },
};

const shared: BuildOptions = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  target: 'node22',
  // Not bundled: BullMQ and ioredis (a native addon, loaded only with --backend) and cosmiconfig,
  // which loads config loaders with dynamic imports; each still loads only where it is imported.
  external: ['bullmq', 'ioredis', 'cosmiconfig'],
  // Whitespace and syntax only: names stay readable in a --debug stack trace.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  // No `require` banner: CommonJS dependencies' require() of a built-in resolves to the shims above, and
  // esbuild fails the build on any other require it cannot bundle.
};

/** The entry: main.ts, commander, and the core's loader. */
export function cliBuildOptions(): BuildOptions {
  return {
    ...shared,
    entryPoints: { planexec: 'src/cli/main.ts' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    outdir: cliOutdir,
    plugins: [builtinsWithoutFacades, commandsFromCore],
  };
}

/**
 * A script V8 compiles with a code cache cannot call `import()` without an experimental vm option, so in
 * the core each `import()` that is not one of planexec's own modules (cosmiconfig, a module tool's file)
 * calls `__planexecImport`, which the loader passes in: an `import()` of an ES module of its own. (A
 * type, `typeof import('x')`, is left as it is.)
 */
const importsThroughLoader: Plugin = {
  name: 'imports-through-loader',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/(?<!typeof\s*)\bimport\((?!\s*['"]\.\.?\/)/g, '__planexecImport('),
      loader: 'ts',
    }));
  },
};

/** The core: one CommonJS script whose exports map each of main.ts's lazy imports to a function that runs it. */
export function coreBuildOptions(): BuildOptions {
  const table = coreModules().map((module) => `  ${JSON.stringify(module)}: () => require(${JSON.stringify(module)}),`).join('\n');
  return {
    ...shared,
    stdin: { contents: `module.exports = {\n${table}\n};\n`, resolveDir: path.join(repoRoot, 'src/cli'), sourcefile: 'cli-core.js', loader: 'js' },
    format: 'cjs',
    outfile: path.join(cliOutdir, 'core.cjs'),
    // The loader runs the core as a function of these (a CommonJS module's own, and the core's URL).
    define: { 'import.meta.url': '__planexecUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    plugins: [builtinsWithoutFacades, importsThroughLoader],
    metafile: true,
  };
}

export async function buildCli(): Promise<void> {
  await build(cliBuildOptions());
  const { metafile } = await build(coreBuildOptions());
  const left = Object.values(metafile!.outputs).flatMap((output) => output.imports.filter((imported) => imported.kind === 'dynamic-import').map((imported) => imported.path));
  if (left.length > 0) throw new Error(`dist/bin/core.cjs calls import() for ${left.join(', ')}: route it through __planexecImport (scripts/build-cli.ts)`);
}

// Silent, like tsc before it: `npm pack --json` prints its JSON on the same stdout as prepare.
if (import.meta.main) await buildCli();
