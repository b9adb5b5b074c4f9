// The one run status -> exit code map of the contract, in a module of its own that imports nothing
// at run time: `planexec --help` needs the numbers, not the error classes run/outcome.ts judges by.

import type { RunStatus } from '../events/run-events.ts';

export type ExitCode = 0 | 1 | 2 | 3 | 130;

/** How a run (or `planPipeline`: planned) ended -> the process exit code of the contract. */
export const exitCodes = {
  succeeded: 0,
  planned: 0,
  failed: 1,
  'not-approved': 1,
  'invalid-input': 2,
  'plan-failed': 3,
  interrupted: 130,
} as const satisfies Record<RunStatus | 'planned', ExitCode>;
