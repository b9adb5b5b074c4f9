// `--json`: every event as one line of JSON (NDJSON), for scripts.

import type { RunEvent } from '../events/run-events.ts';
import { visibleJson } from '../source/visible-text.ts';

/** Lines that stay inert when they reach a terminal: JSON escapes C0 controls, visibleJson the rest. */
export function createJsonView(write: (line: string) => void): (event: RunEvent) => void {
  return (event) => write(visibleJson(event));
}
