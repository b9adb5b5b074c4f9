// Bundles the CLI (src/cli/main.ts) into dist/bin/, which bin/planexec.js starts: a few files instead
// of hundreds, so a start spends its time running planexec rather than resolving and reading modules.
// `npm run build` (and so `npm ci`, `npm pack`) writes it after tsc has written the library's dist/.

import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * Two levels under the package root on purpose, like dist/cli/: the code finds `schemas/` and
 * `package.json` at `../../` from its own module URL.
 */
export const cliOutdir = 'dist/bin';

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
    // CommonJS dependencies inside an ESM bundle call require() for Node built-ins.
    banner: { js: "import { createRequire as __planexecRequire } from 'node:module'; const require = __planexecRequire(import.meta.url);" },
  };
}

// Silent, like tsc before it: `npm pack --json` prints its JSON on the same stdout as prepare.
if (import.meta.main) await build(cliBuildOptions());
