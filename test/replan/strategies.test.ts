import { describe, expect, it } from 'vitest';
import type { ExecutionState } from '../../src/execute/schedule-steps.ts';
import { compilePlan } from '../../src/plan/compile-plan.ts';
import type { StepGraph } from '../../src/plan/plan-types.ts';
import { strategyFor } from '../../src/replan/choose-strategy.ts';
import type { FailureSituation, ReplanPolicy } from '../../src/replan/replan-types.ts';
import { commandTool } from '../support/tools.ts';

const work = commandTool('work', ['true'], { args: { type: 'object', properties: { in: { type: 'string' } }, additionalProperties: false } });

// 1 → 2 → 4 → 6, 3 → 5 (independent branch), 4 fails after 1, 2, 3 succeeded; 5 and 6 did not start.
function sixSteps(): StepGraph {
  const result = compilePlan(
    {
      steps: [
        { id: 1, tool: 'work', args: {} },
        { id: 2, tool: 'work', args: { in: '${steps.1.output}' } },
        { id: 3, tool: 'work', args: {} },
        { id: 4, tool: 'work', args: { in: '${steps.2.output}' } },
        { id: 5, tool: 'work', args: { in: '${steps.3.output}' } },
        { id: 6, tool: 'work', args: { in: '${steps.4.output}' } },
      ],
    },
    [work],
  );
  if (!result.ok) throw new Error('plan rejected');
  return result.graph;
}

function situation(policy: Partial<ReplanPolicy>, counts: { replans?: number; retries?: number } = {}): FailureSituation {
  const graph = sixSteps();
  const state: ExecutionState = {
    status: 'failed',
    outputs: new Map([['1', 'a'], ['2', 'b'], ['3', 'c']]),
    failed: { step: graph.byId.get('4')!, error: 'boom' },
    notStarted: ['5', '6'],
    cancelled: [],
  };
  return {
    graph,
    state,
    policy: { strategy: 'full', maxReplans: 2, retries: 2, fixArgs: false, fallback: 'tail-only', ...policy },
    replansSoFar: counts.replans ?? 0,
    retriesOfFailedStep: counts.retries ?? 0,
  };
}

describe('replanning strategies', () => {
  it('full asks for a whole new plan until maxReplans is reached', () => {
    expect(strategyFor('full')(situation({ strategy: 'full' }))).toEqual({ kind: 'replan', scope: 'full', strategy: 'full' });
    expect(strategyFor('full')(situation({ strategy: 'full', maxReplans: 2 }, { replans: 2 }))).toEqual({
      kind: 'give-up',
      reason: 'replanning exhausted (replan.maxReplans: 2)',
    });
  });

  it('tail-only keeps every step not downstream of the failure and replaces the failed step and its dependents', () => {
    expect(strategyFor('tail-only')(situation({ strategy: 'tail-only' }))).toEqual({
      kind: 'replan',
      scope: 'tail',
      strategy: 'tail-only',
      keep: ['1', '2', '3', '5'],
      replace: ['4', '6'],
    });
  });

  it('retry-step reruns the failed step, then falls back as configured', () => {
    const retry = strategyFor('retry-step');
    expect(retry(situation({ strategy: 'retry-step', retries: 2, fixArgs: true }, { retries: 1 }))).toEqual({ kind: 'retry', stepId: '4', fixArgs: true, attempt: 2 });
    expect(retry(situation({ strategy: 'retry-step', retries: 2 }, { retries: 2 }))).toMatchObject({ kind: 'replan', scope: 'tail', replace: ['4', '6'] });
    expect(retry(situation({ strategy: 'retry-step', retries: 2, fallback: 'full' }, { retries: 2 }))).toMatchObject({ kind: 'replan', scope: 'full' });
    expect(retry(situation({ strategy: 'retry-step', retries: 1, fallback: 'none' }, { retries: 1 }))).toEqual({
      kind: 'give-up',
      reason: 'step 4 failed after 1 retry (replan.retries) and replan.fallback is none',
    });
  });

  it('none gives up at once', () => {
    expect(strategyFor('none')(situation({ strategy: 'none' }))).toEqual({ kind: 'give-up', reason: 'replanning is off (replan.strategy: none)' });
  });
});
