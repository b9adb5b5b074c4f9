// The `module` kind: a function of a JS/TS module, run in planexec's process. Its code is part of
// what runs, so the module's source is part of the pipeline's identity.

import { readRegularFileSync } from '../../../source/read-regular-file.ts';
import type { ToolKind } from '../../tool-kind.ts';
import { checkModuleTool, moduleFields } from './check-module-tool.ts';
import type { ModuleTool } from './module-tool.ts';

/** The runner, once loaded. */
let runner: typeof import('./run-module.ts').runModule | undefined;

export const moduleKind: ToolKind<ModuleTool> = {
  declaration: { field: 'module', check: checkModuleTool, fields: moduleFields },
  // Loaded on the first call: checking a pipeline or a plan needs the kind's facts, not its runner.
  run: async (tool, args, context) => (runner ??= (await import('./run-module.ts')).runModule)(tool, args, context),
  secretTemplates: () => [],
  envTemplates: () => [],
  pathBase: () => ({ kind: 'workspace' }),
  argumentProblems: () => [],
  streamHold: () => undefined,
  // An edited module is a changed pipeline (`resume` notices); a missing one hashes as such.
  identity: (tool) => moduleSource(tool.module),
  retries: (tool) => tool.retries,
  runsOnWorker: true,
};

/** Largest module source hashed whole; past it, its size stands for it. */
const maxModuleBytes = 16 * 1024 * 1024;

function moduleSource(file: string): Buffer | string {
  const read = readRegularFileSync(file, maxModuleBytes);
  if (read.ok) return read.bytes;
  return read.code === 'ENOENT' ? 'missing' : `unreadable: ${read.reason}`;
}
