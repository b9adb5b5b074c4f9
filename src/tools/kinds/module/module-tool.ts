// The typed `module` tool: a function exported by a JS/TS module.

import type { DeclaredToolBase } from '../../tool-base.ts';

export interface ModuleTool extends DeclaredToolBase {
  readonly kind: 'module';
  /** Absolute path of the JS/TS module. */
  readonly module: string;
  /** Name of the exported function, called as `fn(args, { signal })`. */
  readonly export: string;
}
