// Entry point of the GitHub Action (bundled into action/dist/index.mjs, which action.yml runs).

import * as core from '@actions/core';
import { runAction } from './run-action.ts';

try {
  await runAction();
} catch (error) {
  // Not a problem of the workflow's making: say so in one line; the stack only in debug logging.
  core.setFailed(`planexec: internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.stack) core.debug(error.stack);
}
