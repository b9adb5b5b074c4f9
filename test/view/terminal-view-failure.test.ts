// The terminal tree is listr2's: if listr2 itself fails while drawing, the view says so once, gives the
// terminal back and lets the run go on, rather than leaving a blank screen or ending the process.

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EventBody } from '../../src/events/run-events.ts';
import { createTerminalView } from '../../src/view/terminal-view.ts';
import { emittedEvents } from '../support/emitted-events.ts';

const usage = { llmCalls: 1, promptTokens: 10, completionTokens: 5, replans: 0, stepRuns: 1, reusedSteps: 0 };
const steps = [{ id: '1', action: 'Fetch the page', tool: 'fetch', args: {}, dependsOn: [], needs: [] }];
const bodies = [
  { kind: 'run-started', runId: 'r1', pipeline: 'p', file: 'p.yaml', pipelineHash: 'h', inputs: {} },
  { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' },
  { kind: 'plan-accepted', planNumber: 1, steps, criticalPathLength: 1 },
  { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'fetch', action: 'Fetch the page' },
  { kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 5, outputPreview: 'ok' },
  { kind: 'run-finished', status: 'succeeded', result: 'done', usage },
] as EventBody[];


describe('the terminal view, when listr2 fails', () => {
  it('says so once, gives the terminal back, and takes the rest of the run', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
    let shown = '';
    stream.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    // The first frame with a step row in it cannot be written: listr2's drawing throws.
    const write = stream.write.bind(stream);
    let failed = false;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (!failed && String(chunk).includes('Fetch the page')) {
        failed = true;
        throw new Error('the terminal went away');
      }
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    const view = createTerminalView(stream as unknown as NodeJS.WriteStream, { now: () => 0, tickMs: 5 });
    for (const event of emittedEvents(bodies)) view.onEvent(event);
    await view.finished();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failed).toBe(true);
    expect(shown.match(/warning: the progress view stopped: the terminal went away\n/g)).toHaveLength(1);
    // Given back: what is written to the stream now reaches it.
    stream.write('after the view\n');
    expect(shown.endsWith('after the view\n')).toBe(true);
  });
});
