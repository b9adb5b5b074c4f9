// `--json`: every event as one line of JSON (NDJSON), for scripts.

import type { RunEvent } from '../events/run-events.ts';

export function createJsonView(write: (line: string) => void): (event: RunEvent) => void {
  return (event) => write(JSON.stringify(event));
}
