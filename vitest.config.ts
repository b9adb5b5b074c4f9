// Two projects. unit: the stages in-process (real files, the real SDK over loopback HTTP, no child
// process; test/support/in-process-only.ts holds them to it), seconds in all. e2e: whatever starts a
// process — the CLI, command tools, Redis and workers, git, npm packaging, the bundled action, the YAML
// language server.
// `npm test` runs both, `npm run test:unit` the first, `npm run test:e2e` the second.

import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** The e2e project's files; every other test file is a unit test. */
const e2e = [
  'test/action/action-files.test.ts', // action-validator
  'test/action/action-plan-input.test.ts', // the bundled action
  'test/action/bundle-fresh.test.ts', // esbuild
  'test/action/bundled-action.test.ts',
  'test/cli/**/*.test.ts',
  'test/events/event-consumers.test.ts', // tsc on a copy of src/
  'test/editor/yaml-language-server.test.ts', // yaml-language-server --stdio
  'test/execute/json-events.test.ts',
  'test/execute/open-file-limit.test.ts', // ulimit -n in a child
  'test/llm/record-target.test.ts', // the CLI
  'test/run/damaged-store.test.ts', // the CLI
  'test/run/state-dir.test.ts', // the CLI
  'test/source/special-files.test.ts', // the CLI, mkfifo
  'test/hostile/hostile.test.ts',
  'test/package/pack-install.test.ts',
  'test/package/cli-bundle.test.ts', // esbuild
  'test/package/readme-library-snippet.test.ts', // node on the snippet
  'test/pipeline/authoring-mistakes.test.ts',
  'test/replan/strategies-e2e.test.ts',
  'test/run/durable-runs.test.ts',
  'test/run/library-api.test.ts', // a command tool
  'test/store/run-store.test.ts', // a child that exits mid-turn
  'test/tool-library/fs-confinement.test.ts', // command steps, mkfifo
  'test/tool-library/tool-files.test.ts', // the CLI and git
  'test/tools/command-runner.test.ts',
  'test/tools/secrets-at-cuts.test.ts', // command steps
  'test/tools/tool-kinds-cli.test.ts',
  'test/workers/steps-on-workers.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Much of an e2e file's time is spent waiting on its child processes: twice as many files at once
    // as cores keeps the cores busy (vitest's default, cores - 1, is one file at a time on 2 cores).
    maxWorkers: Math.min(2 * availableParallelism(), 8),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...e2e],
          setupFiles: ['test/support/in-process-only.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: e2e,
          globalSetup: ['test/support/announce-redis.ts'],
        },
      },
    ],
  },
});
