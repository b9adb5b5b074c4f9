import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { describeEvent } from '../../src/view/plain-view.ts';
import { createTerminalView } from '../../src/view/terminal-view.ts';
import { createEventEmitter, type PlannedStep } from '../../src/events/run-events.ts';

const usage = { llmCalls: 1, promptTokens: 10, completionTokens: 5, replans: 0, stepRuns: 3, reusedSteps: 0 };
const step = (id: string, needs: string[] = []): PlannedStep => ({ id, action: `do ${id}`, tool: 'work', args: {}, dependsOn: [], needs });
// What the view draws appears on its renderer's next tick: the tests wait for it (vi.waitFor) rather than a fixed time.

function fakeTerminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, rows: 40 });
  let drawn = '';
  stream.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
  const plain = () => drawn.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  return { stream: stream as unknown as NodeJS.WriteStream, plain };
}

describe('a plan shown as it streams in', () => {
  it('the terminal tree grows a line per streamed step, says which wait for the whole plan, then counts the whole plan', async () => {
    const terminal = fakeTerminal();
    let clock = 0;
    const view = createTerminalView(terminal.stream, { now: () => clock, tickMs: 10 });
    const emit = createEventEmitter([view.onEvent]);
    emit({ kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' });
    emit({ kind: 'step-planned', planNumber: 1, step: step('1') });
    emit({ kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' });
    await vi.waitFor(() => {
      expect(terminal.plain()).toContain('Plan 1: reading the plan as the model writes it');
      expect(terminal.plain()).toContain('Plan 1: 0/1 steps so far done · 1 running · the model is still writing the plan');
    });

    // Lines added after the group is drawn.
    emit({ kind: 'step-planned', planNumber: 1, step: step('2', ['1']) });
    emit({ kind: 'step-planned', planNumber: 1, step: step('3'), held: 'tool "work" has side effects' });
    clock = 1000;
    emit({ kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 1000, outputPreview: '' });
    emit({ kind: 'step-started', planNumber: 1, stepId: '2', tool: 'work', action: 'do 2' });
    await vi.waitFor(() => {
      expect(terminal.plain()).toContain('3. do 3 [work] (waits for the whole plan: tool "work" has side effects)');
      expect(terminal.plain()).toContain('Plan 1: 1/3 steps so far done · 1 running');
    });

    emit({ kind: 'plan-accepted', planNumber: 1, steps: [step('1'), step('2', ['1']), step('3'), step('4', ['3'])], criticalPathLength: 2, streamed: true });
    await vi.waitFor(() => {
      expect(terminal.plain()).toContain('Plan 1: 1/4 steps done · 1 running');
      expect(terminal.plain()).toContain('4. do 4 [work] (waiting for 3)');
    });

    clock = 2000;
    emit({ kind: 'step-succeeded', planNumber: 1, stepId: '2', durationMs: 1000, outputPreview: '' });
    emit({ kind: 'step-started', planNumber: 1, stepId: '3', tool: 'work', action: 'do 3' });
    emit({ kind: 'step-failed', planNumber: 1, stepId: '3', durationMs: 10, error: 'boom' });
    emit({ kind: 'step-skipped', planNumber: 1, stepId: '4', reason: 'not started: step 3 failed' });
    emit({ kind: 'run-finished', status: 'failed', error: 'step 3 failed', usage });
    await view.finished();
    const end = terminal.plain();
    expect(end).toContain('✔ 2. do 2 [work] [1.0s]');
    // A line added late: listr never ran it, and it still shows its error under it.
    expect(end).toMatch(/✖ 3\. do 3 \[work\] \[0\.0s\]\n\s+› boom/);
    expect(end).toContain('↓ 4. do 4 [work] — not started: step 3 failed');
  });

  it('a streamed plan rejected once complete closes its group and shows the repair', async () => {
    const terminal = fakeTerminal();
    const view = createTerminalView(terminal.stream, { now: () => 0, tickMs: 10 });
    const emit = createEventEmitter([view.onEvent]);
    emit({ kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' });
    emit({ kind: 'step-planned', planNumber: 1, step: step('1') });
    emit({ kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' });
    emit({ kind: 'step-cancelled', planNumber: 1, stepId: '1', durationMs: 5, reason: 'the whole plan was found invalid' });
    emit({ kind: 'plan-rejected', planNumber: 1, attempt: 1, problems: [{ code: 'duplicate-id', message: 'duplicate step id 1' }], streamed: true, ran: ['1'] });
    emit({ kind: 'plan-requested', planNumber: 1, attempt: 2, purpose: 'repair' });
    await vi.waitFor(() => expect(terminal.plain()).toContain('Plan 1: asking the model to repair its plan (repair 1)'));
    emit({ kind: 'plan-accepted', planNumber: 1, steps: [step('1')], criticalPathLength: 1 });
    emit({ kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' });
    emit({ kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 5, outputPreview: '' });
    emit({ kind: 'run-finished', status: 'succeeded', result: 'x', usage });
    await view.finished();
    const end = terminal.plain();
    expect(end).toContain('Plan 1: the complete plan was rejected with 1 problem; steps 1 had started');
    expect(end).toContain('Plan 1: asking the model to repair its plan (repair 1)');
    expect(end).toContain('Plan 1: 1/1 steps done');
  });

  it('plain lines name streamed steps, held ones, and what ran before a rejection', () => {
    const time = '2025-01-02T03:04:05.678Z';
    expect(describeEvent({ kind: 'step-planned', planNumber: 1, step: step('2', ['1']), time })).toBe('plan 1: step 2 streamed in: work: do 2 (after 1)');
    expect(describeEvent({ kind: 'step-planned', planNumber: 1, step: step('3'), held: 'tool "work" has side effects', time })).toBe(
      'plan 1: step 3 streamed in: work: do 3 (waits for the whole plan: tool "work" has side effects)',
    );
    expect(describeEvent({ kind: 'plan-rejected', planNumber: 1, attempt: 1, problems: [{ code: 'duplicate-id', message: 'duplicate step id 1' }], streamed: true, ran: ['1', '2'], time })).toBe(
      'plan 1: rejected (1 problem)\n  - duplicate step id 1\n  steps that started before the whole plan was checked: 1, 2',
    );
  });
});
