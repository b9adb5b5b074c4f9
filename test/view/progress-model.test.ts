// The terminal tree's model without listr2 or a terminal: events in, the screen's groups, rows,
// titles and states out.

import { describe, expect, it } from 'vitest';
import { describeProgress, type ProgressScreen } from '../../src/view/describe-progress.ts';
import { emptyProgress, foldProgress, tickProgress, type ProgressModel } from '../../src/view/fold-progress.ts';
import type { EventBody, PlannedStep } from '../../src/events/run-events.ts';

const usage = { llmCalls: 1, promptTokens: 10, completionTokens: 5, replans: 0, stepRuns: 3, reusedSteps: 0 };
const step = (id: string, needs: string[] = []): PlannedStep => ({ id, action: `do ${id}`, tool: 'work', args: {}, dependsOn: [], needs });

/** Folds `[clock, event]` pairs (a bare event arrives at the clock of the one before). */
function fold(entries: readonly (EventBody | readonly [number, EventBody])[], from: ProgressModel = emptyProgress): ProgressModel {
  let clock = from.clock;
  return entries.reduce((model, entry) => {
    const [at, body] = Array.isArray(entry) ? entry : [clock, entry as EventBody];
    clock = at;
    return foldProgress(model, { ...body, time: '2025-01-01T00:00:00.000Z' } as Parameters<typeof foldProgress>[1], at);
  }, from);
}

/** The screen as text: one line per group and row, with its state. */
function lines(screen: ProgressScreen): string[] {
  return screen.groups.flatMap((group) =>
    group.kind === 'planning'
      ? [`[${group.state}] ${group.title}${group.error ? ` ! ${group.error}` : ''}`]
      : [`${group.cancelled ? '[cancelled] ' : ''}${group.title}`, ...group.rows.map((row) => `  [${row.state}] ${row.title}${row.message ? ` | ${row.message}` : ''}`)],
  );
}

const show = (model: ProgressModel) => lines(describeProgress(model));

describe('the progress model', () => {
  it('counts done/total steps in the header, and after three finished steps an ETA from the steps left and what they wait for', () => {
    const planned = fold([
      [0, { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' }],
      [0, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 2, steps: [step('1'), step('2'), step('3'), step('4'), step('5', ['1', '2', '3', '4'])], promptTokens: 90, completionTokens: 10 }],
      ...['1', '2', '3', '4'].map((id) => [0, { kind: 'step-started', planNumber: 1, stepId: id, tool: 'work', action: `do ${id}` }] as const),
    ]);
    expect(show(planned)).toEqual([
      '[done] Plan 1: 5 steps planned (100 tokens) [0.0s]',
      'Plan 1: 0/5 steps done · 4 running',
      '  [running] 1. do 1 [work] (0.0s)',
      '  [running] 2. do 2 [work] (0.0s)',
      '  [running] 3. do 3 [work] (0.0s)',
      '  [running] 4. do 4 [work] (0.0s)',
      '  [waiting] 5. do 5 [work] (waiting for 1, 2, 3, 4)',
    ]);
    const later = fold(
      [
        ...['1', '2', '3'].map((id) => [6000, { kind: 'step-succeeded', planNumber: 1, stepId: id, durationMs: 6000, outputPreview: '' }] as const),
        [6000, { kind: 'step-retrying', planNumber: 1, stepId: '4', attempt: 1, maxAttempts: 3, delayMs: 1000, error: 'GET /x answered 503' }],
      ],
      planned,
    );
    // Steps take 6 s; step 4 has run that long already, and step 5 waits for it: about 6 s more.
    expect(show(later).slice(1)).toEqual([
      'Plan 1: 3/5 steps done · 1 running · ETA 6.0s',
      '  [succeeded] 1. do 1 [work] [6.0s]',
      '  [succeeded] 2. do 2 [work] [6.0s]',
      '  [succeeded] 3. do 3 [work] [6.0s]',
      '  [running] 4. do 4 [work] (6.0s, retry 1/2 in 1.0s after: GET /x answered 503)',
      '  [waiting] 5. do 5 [work] (waiting for 4)',
    ]);
  });

  it('a finished planning line and a finished plan show the time they took, from the events (not from when they were drawn)', () => {
    const model = fold([
      [1000, { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' }],
      [3500, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: [step('1'), step('2')] }],
      [3500, { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' }],
      [3600, { kind: 'step-started', planNumber: 1, stepId: '2', tool: 'work', action: 'do 2' }],
      [4500, { kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 1000, outputPreview: '' }],
    ]);
    expect(show(model).slice(0, 2)).toEqual(['[done] Plan 1: 2 steps planned [2.5s]', 'Plan 1: 1/2 steps done · 1 running']);
    const done = fold([[5800, { kind: 'step-succeeded', planNumber: 1, stepId: '2', durationMs: 2200, outputPreview: '' }]], model);
    expect(show(done)[1]).toBe('Plan 1: 2/2 steps done [2.3s]');
  });

  it('shows times as of the last step change or tick, not of other events', () => {
    const running = fold([
      [0, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: [step('1')] }],
      [0, { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' }],
      [2500, { kind: 'llm-called', purpose: 'tool', promptTokens: 1, completionTokens: 1, durationMs: 1 }],
    ]);
    expect(show(running)).toContain('  [running] 1. do 1 [work] (0.0s)');
    expect(show(tickProgress(running, 2500))).toContain('  [running] 1. do 1 [work] (2.5s)');
    expect(describeProgress(running).ticking).toBe(true);
  });

  it('ends a step row with its duration, its error or the reason it did not run', () => {
    const ended = fold([
      [0, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 2, steps: [step('1'), step('2'), step('3', ['2'])] }],
      [0, { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' }],
      [0, { kind: 'step-started', planNumber: 1, stepId: '2', tool: 'work', action: 'do 2' }],
      [400, { kind: 'step-failed', planNumber: 1, stepId: '2', durationMs: 400, error: 'exit 1' }],
      [400, { kind: 'step-cancelled', planNumber: 1, stepId: '1', durationMs: 400, reason: 'step 2 failed' }],
      [400, { kind: 'step-skipped', planNumber: 1, stepId: '3', reason: 'not started: step 2 failed' }],
      [400, { kind: 'run-finished', status: 'failed', error: 'step 2 failed', usage }],
    ]);
    expect(show(ended)).toEqual([
      'Plan 1: 0/3 steps done [0.4s]',
      '  [cancelled] 1. do 1 [work] [0.4s] cancelled: step 2 failed',
      '  [failed] 2. do 2 [work] [0.4s] | exit 1',
      '  [skipped] 3. do 3 [work] | 3. do 3 [work] — not started: step 2 failed',
    ]);
    expect(describeProgress(ended).ticking).toBe(false);
  });

  it('grows a streamed plan row by row, says which rows wait for the whole plan, then counts the whole plan', () => {
    const streaming = fold([
      { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' },
      { kind: 'step-planned', planNumber: 1, step: step('1') },
      { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' },
      { kind: 'step-planned', planNumber: 1, step: step('2'), held: 'tool "work" has side effects' },
    ]);
    expect(show(streaming)).toEqual([
      '[done] Plan 1: reading the plan as the model writes it',
      'Plan 1: 0/2 steps so far done · 1 running · the model is still writing the plan',
      '  [running] 1. do 1 [work] (0.0s)',
      '  [waiting] 2. do 2 [work] (waits for the whole plan: tool "work" has side effects)',
    ]);
    expect(describeProgress(streaming).groups[1]).toMatchObject({ streamed: true, growing: true });

    const accepted = fold([{ kind: 'plan-accepted', planNumber: 1, steps: [step('1'), step('2'), step('3', ['1'])], criticalPathLength: 2, streamed: true }], streaming);
    expect(show(accepted).slice(1)).toEqual(['Plan 1: 0/3 steps done · 1 running', '  [running] 1. do 1 [work] (0.0s)', '  [waiting] 2. do 2 [work] (queued)', '  [waiting] 3. do 3 [work] (waiting for 1)']);
    expect(describeProgress(accepted).groups[1]).toMatchObject({ growing: true });

    const done = fold(['1', '2', '3'].map((id) => ({ kind: 'step-succeeded', planNumber: 1, stepId: id, durationMs: 0, outputPreview: '' }) as const), accepted);
    // Every row finished: nothing can join the group any more.
    expect(describeProgress(done).groups[1]).toMatchObject({ title: 'Plan 1: 3/3 steps done [0.0s]', growing: false, released: false });
  });

  it('closes a streamed plan that was rejected once complete and shows the repair on a new planning line', () => {
    const model = fold([
      { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' },
      { kind: 'step-planned', planNumber: 1, step: step('1') },
      { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' },
      { kind: 'step-cancelled', planNumber: 1, stepId: '1', durationMs: 5, reason: 'the whole plan was found invalid' },
      { kind: 'plan-rejected', planNumber: 1, attempt: 1, problems: [{ code: 'duplicate-id', message: 'duplicate step id 1' }], streamed: true, ran: ['1'] },
      { kind: 'plan-requested', planNumber: 1, attempt: 2, purpose: 'repair' },
    ]);
    expect(show(model)).toEqual([
      '[done] Plan 1: reading the plan as the model writes it',
      'Plan 1: the complete plan was rejected with 1 problem; steps 1 had started',
      '  [cancelled] 1. do 1 [work] [0.0s] cancelled: the whole plan was found invalid',
      '[running] Plan 1: asking the model to repair its plan (repair 1)',
    ]);
    expect(describeProgress(model)).toMatchObject({ ticking: false, groups: [{}, { growing: false, released: true }, {}] });
  });

  it('names the failed step and the replaced ones while replanning, and shows kept and reused steps', () => {
    const model = fold([
      { kind: 'replan-started', planNumber: 1, strategy: 'tail-only', failedStepId: '2', replanNumber: 1, scope: 'tail', kept: ['1'], replaced: ['2', '3'] },
      { kind: 'plan-requested', planNumber: 2, attempt: 1, purpose: 'replan' },
    ]);
    expect(show(model)).toEqual(['[running] Plan 2: step 2 failed; asking the model to replace steps 2, 3 (tail-only)']);
    const replanned = fold(
      [
        { kind: 'plan-accepted', planNumber: 2, criticalPathLength: 3, kept: ['1'], steps: [step('1'), step('2', ['1']), step('3')], promptTokens: 40, completionTokens: 2 },
        { kind: 'step-succeeded', planNumber: 2, stepId: '3', durationMs: 0, outputPreview: '', reused: true },
      ],
      model,
    );
    expect(show(replanned)).toEqual([
      '[done] Plan 2: 2 new steps planned, 1 kept (42 tokens) [0.0s]',
      'Plan 2: 2/3 steps done',
      '  [succeeded] 1. do 1 [work] (kept)',
      '  [waiting] 2. do 2 [work] (queued)',
      '  [succeeded] 3. do 3 [work] (reused)',
    ]);
    const full = fold([
      { kind: 'replan-started', planNumber: 1, strategy: 'full', failedStepId: '2', replanNumber: 1, scope: 'full', kept: [], replaced: ['1', '2'] },
      { kind: 'plan-requested', planNumber: 2, attempt: 1, purpose: 'replan' },
    ]);
    expect(show(full)).toEqual(['[running] Plan 2: step 2 failed; asking the model for a new plan (full)']);
  });

  it('fails a planning line with the first line of the run error, never ending on the colon of a list', () => {
    const asking = fold([{ kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' }]);
    const endpoint = fold([{ kind: 'run-finished', status: 'plan-failed', error: 'model endpoint http://x answered HTTP 500 after 3 attempts\nmore detail', usage }], asking);
    expect(show(endpoint)).toEqual(['[failed] Plan 1: asking the model for a plan [0.0s] ! model endpoint http://x answered HTTP 500 after 3 attempts']);
    const listed = fold([{ kind: 'run-finished', status: 'plan-failed', error: 'the model did not give a usable plan:\n  - step 2: unknown tool "grpe"\n  - step 3: cycle', usage }], asking);
    expect(show(listed)).toEqual(['[failed] Plan 1: asking the model for a plan [0.0s] ! the model did not give a usable plan: step 2: unknown tool "grpe" (and 1 more problem)']);
    const bare = fold([{ kind: 'run-finished', status: 'plan-failed', error: 'nothing to list:', usage }], asking);
    expect(show(bare)).toEqual(['[failed] Plan 1: asking the model for a plan [0.0s] ! nothing to list']);
  });

  it('gives each rejected plan and each repair a line of its own, the rejection with its first problem', () => {
    const model = fold([
      { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' },
      { kind: 'plan-rejected', planNumber: 1, attempt: 1, problems: [{ code: 'unknown-tool', message: 'step 2: unknown tool "grpe"' }, { code: 'cycle', message: 'b' }] },
      { kind: 'plan-requested', planNumber: 1, attempt: 2, purpose: 'repair' },
      { kind: 'plan-rejected', planNumber: 1, attempt: 2, problems: [{ code: 'cycle', message: 'steps 1 and 3 need each other' }] },
      { kind: 'plan-requested', planNumber: 1, attempt: 3, purpose: 'repair' },
    ]);
    expect(show(model)).toEqual([
      '[failed] Plan 1: rejected with 2 problems [0.0s] ! step 2: unknown tool "grpe" (and 1 more problem)',
      '[failed] Plan 1: rejected with 1 problem [0.0s] ! steps 1 and 3 need each other',
      '[running] Plan 1: asking the model to repair its plan (repair 2)',
    ]);
    const accepted = fold([{ kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: [step('1')], promptTokens: 5, completionTokens: 5 }], model);
    expect(show(accepted).slice(2)).toEqual(['[done] Plan 1: 1 step planned by repair 2 (10 tokens) [0.0s]', 'Plan 1: 0/1 steps done', '  [waiting] 1. do 1 [work] (queued)']);
    // The last repair rejected too: the run ends with its lines as they are.
    const spent = fold([{ kind: 'plan-rejected', planNumber: 1, attempt: 3, problems: [{ code: 'cycle', message: 'c' }] }, { kind: 'run-finished', status: 'plan-failed', error: 'the model did not give a usable plan:\n  - c', usage }], model);
    expect(show(spent).at(-1)).toBe('[failed] Plan 1: rejected with 1 problem [0.0s] ! c');
  });

  it('the ETA counts what is left of a running step, and is left out once that step has run past the average', () => {
    // One at a time, three steps of 2 s, then step 4.
    const model = fold([
      [0, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 4, steps: [step('1'), step('2', ['1']), step('3', ['2']), step('4', ['3'])] }],
      ...['1', '2', '3'].flatMap((id, i) => [
        [i * 2000, { kind: 'step-started', planNumber: 1, stepId: id, tool: 'work', action: `do ${id}` }] as const,
        [(i + 1) * 2000, { kind: 'step-succeeded', planNumber: 1, stepId: id, durationMs: 2000, outputPreview: '' }] as const,
      ]),
      [6000, { kind: 'step-started', planNumber: 1, stepId: '4', tool: 'work', action: 'do 4' }],
    ]);
    expect(show(tickProgress(model, 6000))[0]).toBe('Plan 1: 3/4 steps done · 1 running · ETA 2.0s');
    expect(show(tickProgress(model, 7500))[0]).toBe('Plan 1: 3/4 steps done · 1 running · ETA 0.5s');
    expect(show(tickProgress(model, 9000))[0]).toBe('Plan 1: 3/4 steps done · 1 running');

    // Four independent steps: once one fails, the one waiting will not start in this plan.
    const wide = fold([
      [0, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: ['1', '2', '3', '4', '5'].map((id) => step(id)) }],
      ...['1', '2', '3'].map((id) => [2000, { kind: 'step-succeeded', planNumber: 1, stepId: id, durationMs: 2000, outputPreview: '' }] as const),
    ]);
    expect(show(wide)[0]).toBe('Plan 1: 3/5 steps done · ETA 2.0s');
    expect(show(fold([[2000, { kind: 'step-failed', planNumber: 1, stepId: '4', durationMs: 2000, error: 'exit 1' }]], wide))[0]).toBe('Plan 1: 3/5 steps done');
  });

  it('counts retries as retries.attempts does: attempts 3 is retry 1/3, "in" only until the retry starts', () => {
    const model = fold([
      [0, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: [step('1')] }],
      [0, { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' }],
      // retries: { attempts: 3 } gives a step 4 attempts in all.
      [500, { kind: 'step-retrying', planNumber: 1, stepId: '1', attempt: 1, maxAttempts: 4, delayMs: 1000, error: 'exit 75' }],
    ]);
    expect(show(model)[1]).toBe('  [running] 1. do 1 [work] (0.5s, retry 1/3 in 1.0s after: exit 75)');
    expect(show(tickProgress(model, 1000))[1]).toBe('  [running] 1. do 1 [work] (1.0s, retry 1/3 in 0.5s after: exit 75)');
    expect(show(tickProgress(model, 2000))[1]).toBe('  [running] 1. do 1 [work] (2.0s, retry 1/3 after: exit 75)');
  });

  it('shows a tolerated failure (critical: false) on its line and in the header, and nothing running once the run ended', () => {
    const model = fold([
      [0, { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 2, steps: [step('1'), step('2'), step('3', ['1'])] }],
      [0, { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' }],
      [0, { kind: 'step-started', planNumber: 1, stepId: '2', tool: 'work', action: 'do 2' }],
      [300, { kind: 'step-failed', planNumber: 1, stepId: '2', durationMs: 300, error: 'exit 1' }],
      [300, { kind: 'failure-tolerated', planNumber: 1, stepId: '2', reason: 'tool "work" is marked critical: false and no step needs its output' }],
    ]);
    expect(show(model)).toEqual([
      'Plan 1: 0/3 steps done · 1 failed (critical: false) · 1 running',
      '  [running] 1. do 1 [work] (0.3s)',
      '  [failed] 2. do 2 [work] [0.3s] (critical: false; the run goes on) | exit 1',
      '  [waiting] 3. do 3 [work] (waiting for 1)',
    ]);
    const done = fold(
      [
        [900, { kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 900, outputPreview: '' }],
        [900, { kind: 'step-started', planNumber: 1, stepId: '3', tool: 'work', action: 'do 3' }],
        // A row whose end the view never heard of (the run stopped some other way) is not "running" in the final header.
        [1000, { kind: 'run-finished', status: 'failed', error: 'x', usage }],
      ],
      model,
    );
    expect(show(done)[0]).toBe('Plan 1: 1/3 steps done · 1 failed (critical: false)');
  });

  it('marks the running plan cancelled when the run is interrupted', () => {
    const model = fold([
      { kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: [step('1'), step('2')] },
      { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' },
      { kind: 'run-finished', status: 'interrupted', error: 'interrupted', usage },
    ]);
    expect(describeProgress(model).groups[0]).toMatchObject({ cancelled: true, released: true });
  });

  it('ignores step events for steps the current plan does not have', () => {
    const model = fold([{ kind: 'plan-accepted', planNumber: 1, criticalPathLength: 1, steps: [step('1')] }]);
    const after = fold([[900, { kind: 'step-started', planNumber: 1, stepId: 'nine', tool: 'work', action: 'do 9' }]], model);
    expect(after).toBe(model);
  });
});
