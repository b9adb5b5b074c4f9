// Which view shows a run's progress: NDJSON on stdout with --json, the listr2 tree when stderr is a
// terminal, plain timestamped lines otherwise. `run` and `resume` choose the same way. Lines and JSON
// are written once per event-loop turn (gather-writes.ts), not once per event.

import { createJsonView } from '../view/json-view.ts';
import { plainViewText } from '../view/plain-view.ts';
import { gatherWrites } from './gather-writes.ts';
import type { TerminalView } from '../view/terminal-view.ts';
import type { EventSink } from '../events/run-events.ts';

export async function progressView(json: boolean): Promise<{ readonly sink: EventSink; readonly terminal?: TerminalView }> {
  if (json) {
    const { write } = gatherWrites(process.stdout);
    return { sink: createJsonView((line) => write(`${line}\n`)) };
  }
  if (process.stderr.isTTY) {
    // listr2 loads only here: CI logs, --json, `validate` and `runs` never pay for it.
    const { createTerminalView } = await import('../view/terminal-view.ts');
    const terminal = createTerminalView(process.stderr);
    return { sink: terminal.onEvent, terminal };
  }
  const { write } = gatherWrites(process.stderr);
  return {
    sink: (event) => {
      const text = plainViewText(event);
      if (text !== undefined) write(text);
    },
  };
}
