// Bundles the CLI (src/cli/main.ts) into dist/bin/, which bin/planexec.js starts: a few files instead
// of hundreds, so a start spends its time running planexec rather than resolving and reading modules.
// `npm run build` (and so `npm ci`, `npm pack`) writes it after tsc has written the library's dist/.

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
 * keys, so the interop copies none, and its prototype hands each name to the built-in when it is read.
 * `process` is the global itself.
 */
const lazyBuiltin = (name: string) =>
  name === 'node:process'
    ? 'module.exports = process;'
    : `let loaded;
const load = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(name)}));
const lookup = new Proxy(Object.create(null), { get: (_, key) => load()[key], has: (_, key) => key in load() });
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  set: (_, key, value) => { load()[key] = value; return true; },
  has: (_, key) => key in load(),
  ownKeys: () => [],
  getPrototypeOf: () => lookup,
});`;

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

export function cliBuildOptions(): BuildOptions {
  return {
    absWorkingDir: repoRoot,
    entryPoints: { planexec: 'src/cli/main.ts' },
    bundle: true,
    // Each command's `await import(...)` becomes a chunk of its own, so what a command does not use
    // is never read: `--help` loads no YAML parser, `runs` no model SDK.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    target: 'node22',
    format: 'esm',
    outdir: cliOutdir,
    // Not bundled: BullMQ and ioredis (a native addon, loaded only with --backend) and cosmiconfig,
    // which loads config loaders with dynamic imports; each still loads only where it is imported.
    external: ['bullmq', 'ioredis', 'cosmiconfig'],
    // Whitespace and syntax only: names stay readable in a --debug stack trace.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [builtinsWithoutFacades],
    // No `require` banner: CommonJS dependencies' require() of a built-in resolves to the shims below, and
    // esbuild fails the build on any other require it cannot bundle.
  };
}

// Silent, like tsc before it: `npm pack --json` prints its JSON on the same stdout as prepare.
if (import.meta.main) await build(cliBuildOptions());

