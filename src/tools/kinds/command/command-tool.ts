// The typed `command` tool: an argv of templates, run without a shell.

import type { DeclaredToolBase } from '../../tool-base.ts';

export interface CommandTool extends DeclaredToolBase {
  readonly kind: 'command';
  /** argv; each element is a Handlebars template over `args` rendered without HTML escaping; never a shell line. */
  readonly command: readonly string[];
  /** Working directory (absolute); defaults to the directory the run starts in. */
  readonly cwd?: string;
  /** Extra environment variables for the process; a value may use `{{secrets.NAME}}` (and nothing else). */
  readonly env?: Readonly<Record<string, string>>;
  /** Exit codes that mean "try again later" (e.g. 75, EX_TEMPFAIL); retried when `retries` is set. */
  readonly retryOn?: readonly number[];
}
