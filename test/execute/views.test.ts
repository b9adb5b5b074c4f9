import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createPlainView, describeEvent, plainViewText } from '../../src/view/plain-view.ts';
import { formatDuration } from '../../src/view/describe-progress.ts';
import { createTerminalView } from '../../src/view/terminal-view.ts';
import { createEventEmitter, type EventBody, type RunEvent } from '../../src/events/run-events.ts';

const usage = { llmCalls: 1, promptTokens: 10, completionTokens: 5, replans: 0, stepRuns: 5, reusedSteps: 0 };
const plan: EventBody = {
  kind: 'plan-accepted',
  planNumber: 1,
  criticalPathLength: 2,
  steps: ['1', '2', '3', '4', '5'].map((id) => ({ id, action: `do ${id}`, tool: 'work', args: {}, dependsOn: [], needs: id === '5' ? ['1', '2', '3', '4'] : [] })),
};

/** A stream that claims to be a terminal, collecting what is drawn on it. */
function fakeTerminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 });
  let drawn = '';
  stream.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
  // The last frame: what follows the final "erase lines" sequence, without escape codes.
  const lastFrame = () => drawn.split('\u001b[G').at(-1)!.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  return { stream: stream as unknown as NodeJS.WriteStream, drawn: () => drawn, lastFrame };
}

// What the view draws appears on its renderer's next tick: the tests wait for it (vi.waitFor) rather than a fixed time.

describe('terminal view', () => {
  it('draws on its stream only: header with done/total and an ETA, waiting and cancelled steps', async () => {
    const terminal = fakeTerminal();
    const stdoutWrite = vi.spyOn(process.stdout, 'write');
    let clock = 0;
    const view = createTerminalView(terminal.stream, { now: () => clock, tickMs: 10 });
    const emit = createEventEmitter([view.onEvent]);
    emit({ kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' });
    emit(plan);
    for (const id of ['1', '2', '3', '4']) emit({ kind: 'step-started', planNumber: 1, stepId: id, tool: 'work', action: `do ${id}` });
    await vi.waitFor(() => {
      expect(terminal.drawn()).toContain('Plan 1: 0/5 steps done · 4 running');
      expect(terminal.drawn()).toContain('5. do 5 [work] (waiting for 1, 2, 3, 4)');
    });

    clock = 6000;
    for (const id of ['1', '2', '3']) emit({ kind: 'step-succeeded', planNumber: 1, stepId: id, durationMs: 6000, outputPreview: '' });
    emit({ kind: 'step-retrying', planNumber: 1, stepId: '4', attempt: 1, maxAttempts: 3, delayMs: 1000, error: 'GET /x answered 503' });
    // Steps take 6 s; step 4 has run that long already, and step 5 waits for it: about 6 s more.
    await vi.waitFor(() => {
      expect(terminal.drawn()).toContain('Plan 1: 3/5 steps done · 1 running · ETA 6.0s');
      expect(terminal.drawn()).toContain('1. do 1 [work] [6.0s]');
      expect(terminal.drawn()).toContain('4. do 4 [work] (6.0s, retry 1/2 in 1.0s after: GET /x answered 503)');
    });

    emit({ kind: 'step-cancelled', planNumber: 1, stepId: '4', durationMs: 6000, reason: 'the run was interrupted' });
    emit({ kind: 'step-skipped', planNumber: 1, stepId: '5', reason: 'not started: the run was interrupted' });
    emit({ kind: 'run-finished', status: 'interrupted', error: 'interrupted', usage });
    await view.finished();
    stdoutWrite.mockRestore();
    expect(stdoutWrite).not.toHaveBeenCalled();
    const frame = terminal.lastFrame();
    expect(frame).toContain('⊘ Plan 1: 3/5 steps done');
    expect(frame).toContain('⊘ 4. do 4 [work] [6.0s] cancelled: the run was interrupted');
    expect(frame).toContain('↓ 5. do 5 [work] — not started: the run was interrupted');
  });

  it('a failed line shows the time the step took, once, with its error under it', async () => {
    const terminal = fakeTerminal();
    let clock = 0;
    const view = createTerminalView(terminal.stream, { now: () => clock, tickMs: 10 });
    const emit = createEventEmitter([view.onEvent]);
    emit({ kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: [{ id: '1', action: 'do 1', tool: 'work', args: {}, dependsOn: [], needs: [] }, { id: '2', action: 'do 2', tool: 'work', args: {}, dependsOn: [], needs: [] }] });
    emit({ kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' });
    clock = 3000;
    await vi.waitFor(() => expect(terminal.drawn()).toContain('1. do 1 [work] (3.0s)'));
    emit({ kind: 'step-failed', planNumber: 1, stepId: '1', durationMs: 3400, error: 'exit 1' });
    emit({ kind: 'step-skipped', planNumber: 1, stepId: '2', reason: 'not started: step 1 failed' });
    emit({ kind: 'run-finished', status: 'failed', error: 'step 1 failed', usage });
    await view.finished();
    const frame = terminal.lastFrame();
    expect(frame).toMatch(/✖ 1\. do 1 \[work\] \[3\.4s\]\n\s+› exit 1/);
    expect(frame).not.toContain('(3.0s)');
  });

  it('formats durations compactly', () => {
    expect([950, 12_400, 65_000, 3_725_000].map(formatDuration)).toEqual(['0.9s', '12s', '1m05s', '1h02m']);
  });
});

describe('terminal view frames', () => {
  it('draws a turn of many changes as one frame, not one per change: a plan of 200 quick steps stays cheap to show', async () => {
    const terminal = fakeTerminal();
    const view = createTerminalView(terminal.stream, { now: () => 0, tickMs: 60_000 });
    const emit = createEventEmitter([view.onEvent]);
    const ids = Array.from({ length: 200 }, (_, i) => String(i + 1));
    emit({ kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' });
    emit({ kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: ids.map((id) => ({ id, action: `do ${id}`, tool: 'work', args: {}, dependsOn: [], needs: [] })) });
    // Every step starts and succeeds within one turn.
    for (const id of ids) {
      emit({ kind: 'step-started', planNumber: 1, stepId: id, tool: 'work', action: `do ${id}` });
      emit({ kind: 'step-succeeded', planNumber: 1, stepId: id, durationMs: 0, outputPreview: '' });
    }
    emit({ kind: 'run-finished', status: 'succeeded', usage: { ...usage, stepRuns: 200 } });
    await view.finished();
    expect(terminal.lastFrame()).toContain('Plan 1: 200/200 steps done');
    // A frame per change would redraw the 200 rows hundreds of times: megabytes.
    const frame = terminal.lastFrame().length;
    expect(terminal.drawn().length).toBeLessThan(10 * frame);
  });
});

describe('plain view', () => {
  it('writes one timestamped line per state change, without ANSI codes, including retries and cancels', () => {
    const lines: string[] = [];
    const emit = createEventEmitter([createPlainView((line) => lines.push(line))], () => new Date('2025-01-02T03:04:05.678Z'));
    emit({ kind: 'step-retrying', planNumber: 1, stepId: '2', attempt: 1, maxAttempts: 4, delayMs: 1500, error: 'GET https://api/x answered 503' });
    emit({ kind: 'step-cancelled', planNumber: 1, stepId: '3', durationMs: 400, reason: 'step 2 failed' });
    emit({ kind: 'step-succeeded', planNumber: 1, stepId: '4', durationMs: 900, outputPreview: 'x', note: 'output truncated at 1048576 bytes (execution.maxOutputBytes)' });
    expect(lines).toEqual([
      '03:04:05.678 step 2 attempt 1 failed: GET https://api/x answered 503; retry 1 of 3 in 1.5s',
      '03:04:05.678 step 3 cancelled after 0.4s: step 2 failed',
      '03:04:05.678 step 4 succeeded in 0.9s (output truncated at 1048576 bytes (execution.maxOutputBytes))',
    ]);
    expect(lines.join('\n')).not.toMatch(/\u001b/);
    expect(describeEvent({ kind: 'llm-called', purpose: 'plan', promptTokens: 1, completionTokens: 1, durationMs: 1, time: '' })).toBeUndefined();
  });

  it('writes an event of several lines as plainViewText\'s lines, one write each, control characters escaped', () => {
    const events: RunEvent[] = [];
    const lines: string[] = [];
    const view = createPlainView((line) => lines.push(line));
    const emit = createEventEmitter([(event) => events.push(event), view], () => new Date('2025-01-02T03:04:05.678Z'));
    emit(plan);
    emit({ kind: 'plan-rejected', planNumber: 2, attempt: 1, problems: [{ code: 'unknown-tool', stepId: '1', message: 'two\nlines \u001b[2J' }, { code: 'unknown-tool', stepId: '2', message: '' }] });
    expect(lines.length).toBeGreaterThan(events.length);
    expect(lines.map((line) => `${line}\n`).join('')).toBe(events.map((event) => plainViewText(event) ?? '').join(''));
  });
});
