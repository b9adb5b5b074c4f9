// Setup file of the unit project: its tests run in-process, so a test file that starts a process (the
// CLI, a command tool, git, npm, redis-server) fails at once with where it belongs: the e2e project
// (vitest.config.ts). This keeps the split true as tests are added.

import childProcess, { ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const refusal = (what: string) =>
  new Error(`a unit test started a process (${what}): unit tests run in-process; list this file in the e2e project of vitest.config.ts`);

const guarded = Symbol.for('planexec.test.in-process-only');
// spawn, exec, execFile and fork all start their process in ChildProcess.prototype.spawn (not in its typings).
const prototype = ChildProcess.prototype as unknown as Record<symbol, boolean> & { spawn: (options: { file?: string }) => unknown };
// With isolate: false this file runs once per test file in the same worker: guard once.
if (!prototype[guarded]) {
  prototype[guarded] = true;
  prototype.spawn = (options) => {
    throw refusal(options.file ?? 'spawn');
  };
  for (const name of ['spawnSync', 'execSync', 'execFileSync'] as const) {
    (childProcess as unknown as Record<string, unknown>)[name] = (file: string) => {
      throw refusal(`${name} ${file}`);
    };
  }
  // `import { execFileSync } from 'node:child_process'` reads the patched functions too.
  syncBuiltinESMExports();
}
