import { describe, expect, it } from 'vitest';
import { createEventEmitter, type EventBody, type PlannedStep, type RunEvent } from '../../src/events/run-events.ts';
import { foldRun } from '../../src/index.ts';

const step = (id: string, needs: string[] = []): PlannedStep => ({ id, action: `do ${id}`, tool: 'work', args: {}, dependsOn: [], needs });
const usage = { llmCalls: 1, promptTokens: 1, completionTokens: 1, replans: 0, stepRuns: 2, reusedSteps: 0 };

function fold(bodies: EventBody[]) {
  const events: RunEvent[] = [];
  const emit = createEventEmitter([(event) => events.push(event)]);
  emit({ kind: 'run-started', runId: 'r', pipeline: 'p', file: 'p.yaml', pipelineHash: 'h', inputs: {} });
  for (const body of bodies) emit(body);
  return foldRun(events);
}

describe('a stored run whose plan streamed', () => {
  it('keeps what streamed steps did before plan-accepted', () => {
    const run = fold([
      { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' },
      { kind: 'step-planned', planNumber: 1, step: step('1') },
      { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' },
      { kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 5, outputPreview: 'one', output: 'one', args: {} },
      { kind: 'llm-called', purpose: 'plan', promptTokens: 1, completionTokens: 1, durationMs: 9 },
      { kind: 'plan-accepted', planNumber: 1, steps: [step('1'), step('2', ['1'])], criticalPathLength: 2, streamed: true },
      { kind: 'step-started', planNumber: 1, stepId: '2', tool: 'work', action: 'do 2' },
      { kind: 'step-succeeded', planNumber: 1, stepId: '2', durationMs: 5, outputPreview: 'two', output: 'two', args: {} },
      { kind: 'run-finished', status: 'succeeded', result: 'two', usage },
    ]);
    const records = run.plans[0]!.records;
    expect(records.get('1')).toMatchObject({ status: 'succeeded', stored: { output: 'one' }, attempts: 1, step: step('1') });
    expect(records.get('2')).toMatchObject({ status: 'succeeded', stored: { output: 'two' } });
    expect(run.usage).toMatchObject({ llmCalls: 1, stepRuns: 2 });
  });

  it('starts the repaired plan clean, keeping what the rejected streamed reply ran for the audit trail', () => {
    const run = fold([
      { kind: 'step-planned', planNumber: 1, step: step('1') },
      { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1' },
      { kind: 'step-cancelled', planNumber: 1, stepId: '1', durationMs: 5, reason: 'the whole plan was found invalid' },
      { kind: 'plan-rejected', planNumber: 1, attempt: 1, problems: [{ code: 'duplicate-id', message: 'duplicate step id 1' }], streamed: true, ran: ['1'] },
      { kind: 'plan-accepted', planNumber: 1, steps: [step('1')], criticalPathLength: 1 },
    ]);
    expect(run.plans).toHaveLength(1);
    expect(run.plans[0]!.records.get('1')).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(run.usage.stepRuns).toBe(1);
    // …but the audit trail keeps what ran before the problem was found.
    expect(run.ranBeforeRejection).toHaveLength(1);
    expect(run.ranBeforeRejection[0]).toMatchObject({ planNumber: 1, records: [{ status: 'cancelled', attempts: 1, step: step('1') }] });
  });
});
