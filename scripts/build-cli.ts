// Bundles the CLI (src/cli/main.ts) into dist/bin/, which bin/planexec.js starts: a few files instead
// of hundreds, so a start spends its time running planexec rather than resolving and reading modules.
// `npm run build` (and so `npm ci`, `npm pack`) writes it after tsc has written the library's dist/.
//
// Two parts: the entry (dist/bin/planexec.js: commander and the command table, all `--help` needs)
// and the core (dist/bin/core.cjs: every module main.ts imports with `await import()`, and what they
// import, in one script), which scripts/load-cli-core.ts loads through a V8 code cache of what the
// command ran. In the core a module still runs only when first imported, so `runs` starts no YAML
// parser and an offline run no model SDK.

import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Commands that read little (the run store, commander's own definitions) stay chunks of the entry:
 * loading the whole core, cached or not, would cost them more than it saves.
 */
const OUTSIDE_CORE = new Set(['./runs-commands.ts', './completion-command.ts']);

const MAIN = path.join(repoRoot, 'src/cli/main.ts');
const LOADER = path.join(repoRoot, 'scripts/load-cli-core.ts');

/** Each of main.ts's `await import('./x.ts')` outside OUTSIDE_CORE: the module's path in src/cli/. */
function lazyCommandModules(): string[] {
  const main = readFileSync(MAIN, 'utf8');
  return [...new Set([...main.matchAll(/await import\('(\.\/[\w-]+\.ts)'\)/g)].map((match) => match[1]!))].filter((module) => !OUTSIDE_CORE.has(module));
}

/**
 * A module both halves import that has an identity (an error class, the run store's reader) exists
 * once, in the entry: the core gets the entry's module objects from the loader. Two copies would make
 * two `UsageError`s, and `instanceof` in one half would not know the other's. A module of functions
 * and constants is bundled into each half instead, tree-shaken there: sharing it would cost `runs` and
 * `show` a chunk of it, and whole.
 */
interface Split {
  /** main.ts's lazy imports the core serves, as `./x.ts`. */
  readonly coreModules: readonly string[];
  /** Modules of both halves, by path from the repository root: the entry's, handed to the core. */
  readonly shared: readonly string[];
  /** Of those, the ones each core module uses (directly or through core modules), so it loads only them. */
  readonly sharedOf: ReadonlyMap<string, readonly string[]>;
  /** Each script's content digest (core, and each part), known once they are built: their code caches are keyed by it. */
  readonly ids: Readonly<Record<string, string>>;
}

/** In the entry, main.ts's `await import('./x.ts')` becomes that module of the core. */
function commandsFromCore(split: Split, exportsOf: ReadonlyMap<string, readonly string[]>): Plugin {
  const modules = new Set(split.coreModules);
  return {
    name: 'commands-from-core',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\/[\w-]+\.ts$/ }, (args) =>
        args.kind === 'dynamic-import' && args.importer === MAIN && modules.has(args.path) ? { path: args.path, namespace: 'cli-core' } : undefined,
      );
      esbuild.onResolve({ filter: /^planexec-shared-modules:/ }, (args) => ({ path: args.path.slice('planexec-shared-modules:'.length), namespace: 'cli-shared' }));
      esbuild.onLoad({ filter: /.*/, namespace: 'cli-core' }, (args) => ({
        contents: [
          `import { loadCliCore } from ${JSON.stringify(LOADER)};`,
          `import shared from ${JSON.stringify(`planexec-shared-modules:${args.path}`)};`,
          `const loaded = loadCliCore(shared, ${JSON.stringify(split.ids)})[${JSON.stringify(args.path)}]();`,
          ...(exportsOf.get(args.path) ?? []).map((name) => `export const ${name} = loaded.${name};`),
        ].join('\n'),
        resolveDir: repoRoot,
        loader: 'js',
      }));
      // The entry's modules a core module uses, by path: imported as module objects, handed to the core.
      esbuild.onLoad({ filter: /.*/, namespace: 'cli-shared' }, (args) => {
        const used = split.sharedOf.get(args.path) ?? [];
        return {
          contents: [
            ...used.map((module, index) => `import * as m${index} from ${JSON.stringify(`./${module}`)};`),
            `export default { ${used.map((module, index) => `${JSON.stringify(module)}: m${index}`).join(', ')} };`,
          ].join('\n'),
          resolveDir: repoRoot,
          loader: 'js',
        };
      });
    },
  };
}

/** In the core, a module the entry holds is the entry's module object, which the loader passes in. */
function sharedFromEntry(shared: readonly string[]): Plugin {
  const paths = new Set(shared.map((module) => path.join(repoRoot, module)));
  return {
    name: 'shared-from-entry',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\.?\// }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path);
        return paths.has(resolved) ? { path: path.relative(repoRoot, resolved), namespace: 'entry-shared' } : undefined;
      });
      esbuild.onLoad({ filter: /.*/, namespace: 'entry-shared' }, (args) => ({
        contents: `module.exports = __planexecShared[${JSON.stringify(args.path)}] ?? (() => { throw new Error(${JSON.stringify(`the CLI's entry did not pass ${args.path} to its core (scripts/build-cli.ts)`)}); })();`,
        loader: 'js',
      }));
    },
  };
}

const shared: BuildOptions = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  target: 'node22',
  // Not bundled: BullMQ and ioredis (a native addon, loaded only with --backend); each still loads
  // only where it is imported.
  external: ['bullmq', 'ioredis'],
  // Whitespace and syntax only: names stay readable in a --debug stack trace.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  // No `require` banner: CommonJS dependencies' require() of a built-in resolves to the shims above, and
  // esbuild fails the build on any other require it cannot bundle.
};

/** The entry: main.ts, commander, the core's loader, and the modules the core shares with it. */
function entryBuildOptions(split: Split, exportsOf: ReadonlyMap<string, readonly string[]>, outdir: string): BuildOptions {
  return {
    ...shared,
    entryPoints: { planexec: 'src/cli/main.ts' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    outdir,
    plugins: [builtinsWithoutFacades, commandsFromCore(split, exportsOf)],
    metafile: true,
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
    // planexec's own modules and the packages bundled into the core are imported as bundled modules.
    const bundled = new RegExp(`(?<!typeof\\s*)\\bimport\\((?!\\s*['"](?:\\.\\.?/|(?:${BUNDLED_LAZILY.join('|')})['"]))`, 'g');
    esbuild.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({ contents: (await readFile(args.path, 'utf8')).replace(bundled, '__planexecImport('), loader: 'ts' }));
    // cosmiconfig imports a JavaScript config file it finds (its meta-config, `.config/config.mjs`).
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]cosmiconfig[\\/]dist[\\/]loaders\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/\bimport\(/g, '__planexecImport('),
      loader: 'js',
    }));
  },
};

/** Packages the core imports with `await import()` that are bundled all the same, so they load from the code cache. */
const BUNDLED_LAZILY = ['cosmiconfig'];

/** What the core is a function of: a CommonJS module's own, the core's URL, and what the loader passes in. */
const CORE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', '__planexecUrl', '__planexecImport', '__planexecShared', '__planexecPart'];

/**
 * Packages the core loads as scripts of their own (dist/bin/<part>.cjs, each with its code cache), on
 * the one path that uses them: the model SDK is a third of the core and runs only when a live endpoint
 * is called, so `validate` and an offline run read none of it.
 */
const PARTS: Readonly<Record<string, string>> = { sdk: 'openai' };

/** In the core, a part's package is what the loader's `__planexecPart` returns. */
const partsOutsideCore: Plugin = {
  name: 'parts-outside-core',
  setup(esbuild) {
    for (const [part, pkg] of Object.entries(PARTS)) {
      esbuild.onResolve({ filter: new RegExp(`^${pkg}$`) }, () => ({ path: part, namespace: 'core-part' }));
    }
    esbuild.onLoad({ filter: /.*/, namespace: 'core-part' }, (args) => ({ contents: `module.exports = __planexecPart(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** The wrapper that makes a script the function the loader runs, and how it is written. */
function asLoaderFunction(): BuildOptions {
  return {
    // The file is the function the loader runs, so V8 compiles it as read, with no copy made to wrap it;
    // ASCII (other characters escaped) so the loader reads it as Latin-1, a plain copy of its bytes.
    banner: { js: `(function (${CORE_PARAMETERS.join(', ')}) {` },
    footer: { js: '})' },
    charset: 'ascii',
    format: 'cjs',
    define: { 'import.meta.url': '__planexecUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    metafile: true,
  };
}

/** A part: its package, whole, as the module.exports of a script. */
function partBuildOptions(part: string, outdir: string): BuildOptions {
  return {
    ...shared,
    ...asLoaderFunction(),
    stdin: { contents: `module.exports = require(${JSON.stringify(PARTS[part])});\n`, resolveDir: repoRoot, sourcefile: `${part}.js`, loader: 'js' },
    outfile: path.join(outdir, `${part}.cjs`),
    plugins: [builtinsWithoutFacades],
  };
}

/** The core: one CommonJS script whose exports map each of main.ts's lazy imports to a function that runs it. */
function coreBuildOptions(split: Pick<Split, 'coreModules' | 'shared'>, outdir: string): BuildOptions {
  const table = split.coreModules.map((module) => `  ${JSON.stringify(module)}: () => require(${JSON.stringify(module)}),`).join('\n');
  return {
    ...shared,
    stdin: { contents: `module.exports = {\n${table}\n};\n`, resolveDir: path.join(repoRoot, 'src/cli'), sourcefile: 'cli-core.js', loader: 'js' },
    ...asLoaderFunction(),
    outfile: path.join(outdir, 'core.cjs'),
    plugins: [builtinsWithoutFacades, importsThroughLoader, sharedFromEntry(split.shared), partsOutsideCore],
  };
}

/**
 * A module whose copies would differ: one that declares a class or a symbol, or keeps state in a
 * top-level variable or collection. (test/package/cli-bundle.test.ts lists the modules copied into
 * both halves, so a new one is looked at.)
 */
export const IDENTITY = /\bclass\s+\w+|\bSymbol\(|^(?:export\s+)?(?:let|var)\s|^(?:export\s+)?const\s+\w+[^=\n]*=\s*new\s+(?:Map|Set|WeakMap|WeakSet|WeakRef|EventEmitter)\b/m;

function hasIdentity(module: string): boolean {
  return IDENTITY.test(readFileSync(path.join(repoRoot, module), 'utf8'));
}

const sourceInputs = (metafile: Metafile) => Object.keys(metafile.inputs).filter((input) => input.startsWith('src/'));

export interface BuiltCli {
  readonly entry: Metafile;
  readonly core: Metafile;
  /** Each part's (PARTS), by name. */
  readonly parts: Readonly<Record<string, Metafile>>;
}

/**
 * Builds the entry and the core into `outdir` (or only in memory): first both as they would be without
 * sharing, to learn which modules both import; then the core, handed those from the entry; then the
 * entry, which knows the core's digest.
 */
export async function buildCli(options: { readonly outdir?: string; readonly write?: boolean } = {}): Promise<BuiltCli> {
  const outdir = options.outdir ?? path.join(repoRoot, cliOutdir);
  const write = options.write ?? true;
  const coreModules = lazyCommandModules();
  const exportsOf = await moduleExports(coreModules);
  const trial = { coreModules, shared: [], sharedOf: new Map(), ids: {} };
  const [entryAlone, coreAlone] = await Promise.all([
    build({ ...entryBuildOptions(trial, exportsOf, outdir), write: false }),
    build({ ...coreBuildOptions(trial, outdir), write: false }),
  ]);
  const inCore = new Set(sourceInputs(coreAlone.metafile!));
  const sharedModules = sourceInputs(entryAlone.metafile!).filter((input) => inCore.has(input) && hasIdentity(input)).sort();
  // A lazy import main.ts makes of a shared module is served by the entry's chunk of it.
  const servedByCore = coreModules.filter((module) => !sharedModules.includes(path.posix.join('src/cli', module)));
  const [core, ...parts] = await Promise.all([
    build({ ...coreBuildOptions({ coreModules: servedByCore, shared: sharedModules }, outdir), write: false }),
    ...Object.keys(PARTS).map((part) => build({ ...partBuildOptions(part, outdir), write: false })),
  ]);
  const scripts = [core!, ...parts].map((result) => ({ result, file: result.outputFiles![0]! }));
  const ids: Record<string, string> = {};
  for (const { result, file } of scripts) {
    const name = path.basename(file.path, '.cjs');
    ids[name] = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
    const left = Object.values(result.metafile!.outputs).flatMap((output) => output.imports.filter((imported) => imported.kind === 'dynamic-import').map((imported) => imported.path));
    if (left.length > 0) throw new Error(`dist/bin/${name}.cjs calls import() for ${left.join(', ')}: route it through __planexecImport (scripts/build-cli.ts)`);
    if (!/^[\x00-\x7f]*$/.test(file.text)) throw new Error(`dist/bin/${name}.cjs holds characters other than ASCII, which the loader reads as Latin-1 (scripts/build-cli.ts)`);
  }
  const split = { coreModules: servedByCore, shared: sharedModules, sharedOf: new Map(servedByCore.map((module) => [module, sharedUsedBy(core!.metafile!, path.posix.join('src/cli', module))])), ids };
  // Written only once every check has passed, with the scripts: never an entry beside another build's core.
  const entry = await build({ ...entryBuildOptions(split, exportsOf, outdir), write: false });
  const inEntry = new Set(sourceInputs(entry.metafile!));
  const twice = sourceInputs(core!.metafile!).filter((input) => inEntry.has(input) && hasIdentity(input));
  // A package in both would be two copies of it, classes and state included.
  const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  const entryPackages = new Set(Object.keys(entry.metafile!.inputs).map(packageOf));
  twice.push(...new Set(Object.keys(core!.metafile!.inputs).map(packageOf).filter((name): name is string => name !== undefined && entryPackages.has(name))));
  if (twice.length > 0) throw new Error(`${twice.join(', ')} would be in both the entry and the core (scripts/build-cli.ts)`);
  if (write) {
    mkdirSync(outdir, { recursive: true });
    for (const file of [...scripts.map((script) => script.file), ...entry.outputFiles!]) writeFileSync(file.path, file.contents);
    chmodSync(path.join(outdir, 'planexec.js'), 0o755);
  }
  return { entry: entry.metafile!, core: core!.metafile!, parts: Object.fromEntries(parts.map((result, index) => [Object.keys(PARTS)[index]!, result.metafile!])) };
}

/** The shared modules a core module reaches inside the core, through static and bundled dynamic imports. */
function sharedUsedBy(core: Metafile, start: string): string[] {
  const seen = new Set<string>();
  const visit = (input: string) => {
    if (seen.has(input)) return;
    seen.add(input);
    // Dynamic imports too: bundled, they run a module of the core as well (run-command's batch-command).
    if (!input.startsWith('entry-shared:')) for (const imported of core.inputs[input]?.imports ?? []) if (imported.kind === 'import-statement' || imported.kind === 'require-call' || imported.kind === 'dynamic-import') visit(imported.path);
  };
  visit(start);
  return [...seen].filter((input) => input.startsWith('entry-shared:')).map((input) => input.slice('entry-shared:'.length)).sort();
}

/** The names each core module exports, read by esbuild from the sources in one build, unbundled. */
async function moduleExports(modules: readonly string[]): Promise<Map<string, readonly string[]>> {
  const { metafile } = await build({ entryPoints: modules.map((module) => path.join(repoRoot, 'src/cli', module)), bundle: false, write: false, metafile: true, format: 'esm', outdir: 'out', absWorkingDir: repoRoot, logLevel: 'silent' });
  const byEntry = new Map(Object.values(metafile.outputs).flatMap((output) => (output.entryPoint === undefined ? [] : [[output.entryPoint, output.exports] as const])));
  return new Map(
    modules.map((module) => {
      const names = byEntry.get(path.posix.join('src/cli', module));
      if (names === undefined || names.length === 0) throw new Error(`no exports found for src/cli/${module.slice(2)} (scripts/build-cli.ts)`);
      return [module, names];
    }),
  );
}

// Silent, like tsc before it: `npm pack --json` prints its JSON on the same stdout as prepare.
if (import.meta.main) await buildCli();
