import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExecutionState } from '../../src/execute/schedule-steps.ts';
import { compilePlan, type StepGraph } from '../../src/index.ts';
import { fullStrategy } from '../../src/replan/full-strategy.ts';
import { nextRequestFor, replanStrategies, replanStrategyNames } from '../../src/replan/replan-strategies.ts';
import { retryStepStrategy, type RetryStepDecision } from '../../src/replan/retry-step-strategy.ts';
import type { FailureSituation, ReplanPolicy } from '../../src/replan/strategy.ts';
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

const decide = (name: keyof typeof replanStrategies, given: FailureSituation) => replanStrategies[name].decide(given);

describe('replanning strategies decide', () => {
  it('full asks for a whole new plan until maxReplans is reached', () => {
    expect(decide('full', situation({ strategy: 'full' }))).toEqual({ kind: 'replan', scope: 'full', strategy: 'full' });
    expect(decide('full', situation({ strategy: 'full', maxReplans: 2 }, { replans: 2 }))).toEqual({
      kind: 'give-up',
      reason: 'replanning exhausted (replan.maxReplans: 2)',
    });
  });

  it('tail-only keeps every step not downstream of the failure and replaces the failed step and its dependents', () => {
    expect(decide('tail-only', situation({ strategy: 'tail-only' }))).toEqual({
      kind: 'replan',
      scope: 'tail',
      strategy: 'tail-only',
      keep: ['1', '2', '3', '5'],
      replace: ['4', '6'],
    });
  });

  it('retry-step reruns the failed step, then falls back as configured', () => {
    const retry = (given: FailureSituation) => decide('retry-step', given);
    expect(retry(situation({ strategy: 'retry-step', retries: 2, fixArgs: true }, { retries: 1 }))).toEqual({ kind: 'retry', strategy: 'retry-step', stepId: '4', fixArgs: true, attempt: 2 });
    expect(retry(situation({ strategy: 'retry-step', retries: 2 }, { retries: 2 }))).toMatchObject({ kind: 'replan', scope: 'tail', strategy: 'tail-only', replace: ['4', '6'] });
    expect(retry(situation({ strategy: 'retry-step', retries: 2, fallback: 'full' }, { retries: 2 }))).toMatchObject({ kind: 'replan', scope: 'full', strategy: 'full' });
    expect(retry(situation({ strategy: 'retry-step', retries: 1, fallback: 'none' }, { retries: 1 }))).toEqual({
      kind: 'give-up',
      reason: 'step 4 failed after 1 retry (replan.retries) and replan.fallback is none',
    });
  });

  it('none gives up at once', () => {
    expect(decide('none', situation({ strategy: 'none' }))).toEqual({ kind: 'give-up', reason: 'replanning is off (replan.strategy: none)' });
  });

  it('are exactly the ones the pipeline schema names, in its order (which the CLI and the Action list)', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/pipeline.schema.json', import.meta.url), 'utf8')) as { definitions: { replan: { properties: { strategy: { enum: string[] } } } } };
    expect(replanStrategyNames).toEqual(schema.definitions.replan.properties.strategy.enum);
    expect(replanStrategyNames).toEqual(['full', 'tail-only', 'retry-step', 'none']);
  });
});

// The request is plain data: which prompt (if any), how the reply compiles, what is kept, and what
// replan-started says. The run loop carries it out knowing no strategy by name.
describe('replanning strategies describe the next request', () => {
  it('full asks for a whole plan with the replan prompt, keeping nothing', () => {
    const failed = situation({ strategy: 'full' });
    expect(fullStrategy.nextRequest({ kind: 'replan', scope: 'full', strategy: 'full' }, failed)).toEqual({
      kind: 'new-plan',
      prompt: 'replan',
      compile: 'whole-plan',
      keptSteps: [],
      replacedSteps: ['1', '2', '3', '4', '5', '6'],
      keptOutputs: [],
      announce: { strategy: 'full', scope: 'full', kept: [], replaced: ['1', '2', '3', '4', '5', '6'] },
    });
  });

  it('tail-only asks for the tail with the tail prompt, compiled against the kept steps, keeping the outputs of kept steps that succeeded', () => {
    const failed = situation({ strategy: 'tail-only' });
    const decision = replanStrategies['tail-only'].decide(failed);
    if (decision.kind === 'give-up') throw new Error(decision.reason);
    expect(nextRequestFor(decision, failed)).toEqual({
      kind: 'new-plan',
      prompt: 'tail',
      compile: 'tail',
      keptSteps: ['1', '2', '3', '5'],
      replacedSteps: ['4', '6'],
      // Step 5 stays in the plan but had not run: it has no output to keep.
      keptOutputs: ['1', '2', '3'],
      announce: { strategy: 'tail-only', scope: 'tail', kept: ['1', '2', '3', '5'], replaced: ['4', '6'] },
    });
  });

  it('retry-step reruns the failed plan with every output so far, asking for corrected arguments only with fixArgs', () => {
    const failed = situation({ strategy: 'retry-step', fixArgs: true });
    expect(retryStepStrategy.nextRequest({ kind: 'retry', strategy: 'retry-step', stepId: '4', fixArgs: true, attempt: 1 }, failed)).toEqual({
      kind: 'rerun',
      stepId: '4',
      attempt: 1,
      fixArguments: true,
      keptOutputs: ['1', '2', '3'],
      announce: { strategy: 'retry-step', scope: 'retry', kept: ['1', '2', '3'], replaced: ['4'], fixArgs: true },
    });
    expect(retryStepStrategy.nextRequest({ kind: 'retry', strategy: 'retry-step', stepId: '4', fixArgs: false, attempt: 2 }, failed)).toMatchObject({
      kind: 'rerun',
      fixArguments: false,
      announce: { fixArgs: false },
    });
  });

  it("retry-step's fallback is carried out by the strategy it falls back on", () => {
    const failed = situation({ strategy: 'retry-step', retries: 1, fallback: 'tail-only' }, { retries: 1 });
    const fallback = replanStrategies['retry-step'].decide(failed);
    if (fallback.kind === 'give-up') throw new Error(fallback.reason);
    expect(nextRequestFor(fallback, failed)).toMatchObject({ kind: 'new-plan', prompt: 'tail', announce: { strategy: 'tail-only', scope: 'tail' } });

    const full = replanStrategies['retry-step'].decide(situation({ strategy: 'retry-step', retries: 1, fallback: 'full' }, { retries: 1 }));
    if (full.kind === 'give-up') throw new Error(full.reason);
    expect(nextRequestFor(full, failed)).toMatchObject({ kind: 'new-plan', prompt: 'replan', compile: 'whole-plan', announce: { strategy: 'full', scope: 'full' } });
  });

  it('announces exactly the fields of replan-started, in the order the event has always listed them', () => {
    const failed = situation({ strategy: 'retry-step', fixArgs: true });
    const decision: RetryStepDecision = { kind: 'retry', strategy: 'retry-step', stepId: '4', fixArgs: true, attempt: 1 };
    expect(Object.keys(nextRequestFor(decision, failed).announce)).toEqual(['strategy', 'scope', 'kept', 'replaced', 'fixArgs']);
    const full = fullStrategy.nextRequest({ kind: 'replan', scope: 'full', strategy: 'full' }, failed);
    expect(Object.keys(full.announce)).toEqual(['strategy', 'scope', 'kept', 'replaced']);
  });
});
