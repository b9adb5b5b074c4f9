// The exit codes by the names the commands use, in a module of its own so `planexec --help` loads
// nothing more than it needs; the numbers are the run statuses' (run/outcome.ts).

import { exitCodes } from '../run/exit-codes.ts';

/** The exit codes by the names the commands use; the numbers are the run statuses' (run/outcome.ts). */
export const exitCode = {
  ok: exitCodes.succeeded,
  runFailed: exitCodes.failed,
  invalidInput: exitCodes['invalid-input'],
  planFailed: exitCodes['plan-failed'],
  interrupted: exitCodes.interrupted,
} as const;
