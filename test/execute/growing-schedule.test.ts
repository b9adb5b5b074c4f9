import { describe, expect, it } from 'vitest';
import { startSchedule, type StepOutcome } from '../../src/execute/schedule-steps.ts';
import { compilePlan, type StepGraph } from '../../src/index.ts';
import { commandTool } from '../support/tools.ts';

const noop = commandTool('noop', ['true'], { args: { type: 'object', properties: { after: { type: 'string' } }, additionalProperties: false } });

/** Steps 1..n; `needs[i]` are the 1-based ids step i+1 refers to. */
function graphOf(needs: number[][]): StepGraph {
  const steps = needs.map((deps, i) => ({ id: i + 1, tool: 'noop', args: deps.length ? { after: deps.map((d) => `\${steps.${d}.output}`).join(' ') } : {} }));
  const result = compilePlan({ steps }, [noop]);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.graph;
}

/** A runner whose steps finish only when the test says so. */
function controlledRunner() {
  const started: string[] = [];
  const finish = new Map<string, (outcome: StepOutcome) => void>();
  const cancelledWith = new Map<string, unknown>();
  const runStep = (step: { id: string }, _outputOf: unknown, signal: AbortSignal) =>
    new Promise<StepOutcome>((resolve) => {
      started.push(step.id);
      finish.set(step.id, resolve);
      signal.addEventListener('abort', () => {
        cancelledWith.set(step.id, signal.reason);
        resolve({ ok: false, error: 'cancelled' });
      });
    });
  return { started, finish: (id: string) => finish.get(id)!({ ok: true, output: `out ${id}` }), cancelledWith, runStep };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('a schedule whose steps arrive over time', () => {
  it('starts each step as it arrives once its needs are done, and ends only when the plan is complete', async () => {
    const graph = graphOf([[], [1], [], [2, 3]]);
    const runner = controlledRunner();
    const skipped: string[] = [];
    const schedule = startSchedule({ concurrency: 4, runStep: runner.runStep, onSkipped: (step) => skipped.push(step.id) });
    let settled = false;
    void schedule.done.then(() => (settled = true));

    schedule.add([graph.byId.get('1')!]);
    expect(runner.started).toEqual(['1']);
    runner.finish('1');
    await turn();
    // Idle, but the plan is not complete: the schedule waits.
    expect(settled).toBe(false);
    schedule.add([graph.byId.get('2')!]);
    expect(runner.started).toEqual(['1', '2']);
    runner.finish('2');
    await turn();

    // Step 3 was held back (say, side effects): it and step 4 come with the whole plan.
    schedule.complete(graph);
    expect(runner.started).toEqual(['1', '2', '3']);
    runner.finish('3');
    await turn();
    expect(runner.started).toEqual(['1', '2', '3', '4']);
    runner.finish('4');
    const state = await schedule.done;
    expect(state.status).toBe('succeeded');
    expect([...state.outputs.keys()]).toEqual(['1', '2', '3', '4']);
    expect(schedule.started).toEqual(['1', '2', '3', '4']);
    expect(skipped).toEqual([]);
  });

  it('abandoned: running steps are cancelled with the reason, the rest are skipped, nothing new starts', async () => {
    const graph = graphOf([[], [], [1]]);
    const runner = controlledRunner();
    const skipped: string[] = [];
    const schedule = startSchedule({ concurrency: 1, runStep: runner.runStep, onSkipped: (step, reason) => skipped.push(`${step.id}: ${reason}`) });
    schedule.add(graph.steps);
    expect(runner.started).toEqual(['1']);
    schedule.abandon('the whole plan was found invalid');
    const state = await schedule.done;
    expect(runner.cancelledWith.get('1')).toBe('the whole plan was found invalid');
    expect(state).toMatchObject({ status: 'interrupted', cancelled: ['1'], notStarted: ['2', '3'] });
    expect(skipped).toEqual(['2: not started: the whole plan was found invalid', '3: not started: the whole plan was found invalid']);
    // Later calls change nothing.
    schedule.add(graph.steps);
    schedule.complete(graph);
    expect(runner.started).toEqual(['1']);
  });
});
