// Bundles the GitHub Action (src/action/main.ts and everything it imports) into the one committed
// file action.yml runs, so a runner needs no `npm install`. `npm run build:action` writes it;
// test/action/bundle-fresh.test.ts rebuilds in memory and fails when the committed file differs.

import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * Where the bundle lives, relative to the repository root. Two levels deep on purpose: the library
 * reads `schemas/*.json` at `../../schemas/` from its own module URL, which from here is the
 * repository's `schemas/` folder — present wherever the action's repository is checked out.
 */
export const bundlePath = 'action/dist/index.mjs';

function options(): BuildOptions {
  return {
    absWorkingDir: repoRoot,
    entryPoints: ['src/action/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    legalComments: 'eof',
    charset: 'utf8',
    logLevel: 'silent',
    // CommonJS dependencies inside an ESM bundle call require() for Node built-ins.
    banner: { js: "import { createRequire as __planexecRequire } from 'node:module'; const require = __planexecRequire(import.meta.url);" },
  };
}

/** The bundle's text, built in memory. */
export async function buildActionBundle(): Promise<string> {
  const result = await build({ ...options(), write: false, outfile: bundlePath });
  const [file] = result.outputFiles ?? [];
  if (file === undefined) throw new Error('esbuild produced no output');
  return file.text;
}

if (import.meta.main) {
  const result = await build({ ...options(), outfile: bundlePath, metafile: true });
  const bytes = Object.values(result.metafile?.outputs ?? {}).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`${bundlePath}: ${(bytes / 1024).toFixed(0)} KiB`);
}
