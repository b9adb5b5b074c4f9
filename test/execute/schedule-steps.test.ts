import { describe, expect, it } from 'vitest';
import { compilePlan, type StepGraph } from '../../src/index.ts';
import { INTERRUPTED, scheduleSteps, startSchedule, type StepOutcome } from '../../src/execute/schedule-steps.ts';
import { commandTool } from '../support/tools.ts';

const noop = commandTool('noop', ['true'], { args: { type: 'object', properties: { after: { type: 'string' } }, additionalProperties: false } });

/** Build a graph from an adjacency list: needs[i] are the indexes step i waits for. */
function graphOf(needs: number[][]): StepGraph {
  const steps = needs.map((deps, i) => ({ id: i + 1, tool: 'noop', args: deps.length ? { after: deps.map((d) => `\${steps.${d + 1}.output}`).join(' ') } : {} }));
  const result = compilePlan({ steps }, [noop], { limits: { maxSteps: 100_000 } });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.graph;
}

function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const shapes: Record<string, number[][]> = {
  chain: Array.from({ length: 30 }, (_, i) => (i === 0 ? [] : [i - 1])),
  diamond: [[], [0], [0], [1, 2]],
  'wide fan-out and join': [[], ...Array.from({ length: 40 }, () => [0]), Array.from({ length: 40 }, (_, i) => i + 1)],
};
const random = seededRandom(42);
for (let g = 0; g < 5; g++) {
  shapes[`random DAG #${g}`] = Array.from({ length: 60 }, (_, i) => Array.from({ length: i }, (_, j) => j).filter(() => random() < 0.08));
}

/** Runs steps with a deterministic interleaving: each finishes after a seeded number of microtask turns. */
async function runShape(needs: number[][], concurrency: number, failAt?: string) {
  const graph = graphOf(needs);
  const turns = seededRandom(7);
  const started: string[] = [];
  const finished = new Set<string>();
  let running = 0;
  let maxRunning = 0;
  const violations: string[] = [];
  const state = await scheduleSteps(graph, {
    concurrency,
    runStep: async (step): Promise<StepOutcome> => {
      for (const need of step.needs) if (!finished.has(need)) violations.push(`${step.id} started before ${need} finished`);
      started.push(step.id);
      running++;
      maxRunning = Math.max(maxRunning, running);
      const wait = Math.floor(turns() * 5);
      for (let i = 0; i < wait; i++) await Promise.resolve();
      running--;
      finished.add(step.id);
      return step.id === failAt ? { ok: false, error: 'boom' } : { ok: true, output: `out ${step.id}` };
    },
  });
  return { graph, state, started, maxRunning, violations };
}

describe('scheduleSteps', () => {
  for (const [name, needs] of Object.entries(shapes)) {
    for (const concurrency of [1, 3, 8]) {
      it(`${name}, concurrency ${concurrency}: every step runs once, after its dependencies, within the limit`, async () => {
        const { graph, state, started, maxRunning, violations } = await runShape(needs, concurrency);
        expect(state.status).toBe('succeeded');
        expect(violations).toEqual([]);
        expect([...started].sort()).toEqual(graph.steps.map((s) => s.id).sort());
        expect(new Set(started).size).toBe(started.length);
        expect(maxRunning).toBeLessThanOrEqual(concurrency);
        expect(state.outputs.size).toBe(graph.steps.length);
      });
    }
  }

  it('uses the concurrency it is given when the DAG allows', async () => {
    const { maxRunning } = await runShape(shapes['wide fan-out and join']!, 8);
    expect(maxRunning).toBe(8);
  });

  it('stops starting steps after a failure and reports what did not start', async () => {
    const { state, started } = await runShape(shapes.chain!, 2, '5');
    expect(state.status).toBe('failed');
    expect(state.failed?.step.id).toBe('5');
    expect(started).toEqual(['1', '2', '3', '4', '5']);
    expect(state.notStarted).toHaveLength(25);
    expect([...state.outputs.keys()]).toEqual(['1', '2', '3', '4']);
  });

  it('starts nothing new once aborted and says it was interrupted', async () => {
    const controller = new AbortController();
    const graph = graphOf(shapes.chain!);
    const skipped: string[] = [];
    const state = await scheduleSteps(graph, {
      concurrency: 1,
      signal: controller.signal,
      onSkipped: (step) => skipped.push(step.id),
      runStep: async (step) => {
        if (step.id === '3') controller.abort();
        return { ok: true, output: step.id };
      },
    });
    expect(state.status).toBe('interrupted');
    expect(state.outputs.size).toBe(3);
    expect(skipped).toHaveLength(27);
  });
});

describe('scheduleSteps on failure and cancellation', () => {
  /** Steps that finish only when the test says so, each seeing its own signal. */
  function controlledRunner() {
    const pending = new Map<string, { finish: (outcome: StepOutcome) => void; signal: AbortSignal }>();
    const started: string[] = [];
    const runStep = (step: { id: string }, _outputOf: unknown, signal: AbortSignal) =>
      new Promise<StepOutcome>((resolve) => {
        started.push(step.id);
        pending.set(step.id, { finish: resolve, signal });
        // A well-behaved step stops when its signal aborts.
        signal.addEventListener('abort', () => resolve({ ok: false, error: `stopped: ${String(signal.reason)}` }), { once: true });
      });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    return { pending, started, runStep, settle };
  }
  const fanOut = shapes['wide fan-out and join']!;

  it('onFailure wait: running steps finish and keep their outputs; nothing new starts', async () => {
    const { pending, started, runStep, settle } = controlledRunner();
    const done = scheduleSteps(graphOf(fanOut), { concurrency: 3, onFailure: 'wait', runStep });
    await settle();
    pending.get('1')!.finish({ ok: true, output: 'root' });
    await settle();
    expect(started).toEqual(['1', '2', '3', '4']);
    pending.get('2')!.finish({ ok: false, error: 'boom' });
    await settle();
    expect(pending.get('3')!.signal.aborted).toBe(false);
    pending.get('3')!.finish({ ok: true, output: 'three' });
    pending.get('4')!.finish({ ok: true, output: 'four' });
    const state = await done;
    expect(state.status).toBe('failed');
    expect(state.failed).toMatchObject({ error: 'boom', step: { id: '2' } });
    expect([...state.outputs.keys()]).toEqual(['1', '3', '4']);
    expect(state.cancelled).toEqual([]);
    expect(started).toEqual(['1', '2', '3', '4']);
    expect(state.notStarted).toHaveLength(38);
  });

  it('onFailure cancel: running steps are cancelled with the failure as reason, and not counted as failures', async () => {
    const { pending, runStep, settle } = controlledRunner();
    const skipped: string[] = [];
    const done = scheduleSteps(graphOf(fanOut), { concurrency: 3, onFailure: 'cancel', runStep, onSkipped: (step) => skipped.push(step.id) });
    await settle();
    pending.get('1')!.finish({ ok: true, output: 'root' });
    await settle();
    pending.get('3')!.finish({ ok: false, error: 'boom' });
    const state = await done;
    expect(state.status).toBe('failed');
    expect(state.failed).toMatchObject({ error: 'boom', step: { id: '3' } });
    expect(pending.get('2')!.signal.reason).toBe('step 3 failed');
    expect(state.cancelled).toEqual(['2', '4']);
    expect([...state.outputs.keys()]).toEqual(['1']);
    expect(skipped).toHaveLength(38);
  });

  it('an aborted run cancels every running step and reports interrupted', async () => {
    const { pending, runStep, settle } = controlledRunner();
    const controller = new AbortController();
    const done = scheduleSteps(graphOf(fanOut), { concurrency: 4, signal: controller.signal, runStep });
    await settle();
    pending.get('1')!.finish({ ok: true, output: 'root' });
    await settle();
    controller.abort();
    const state = await done;
    expect(state.status).toBe('interrupted');
    expect(state.failed).toBeUndefined();
    expect(state.cancelled).toEqual(['2', '3', '4', '5']);
    expect(pending.get('2')!.signal.reason).toBe(INTERRUPTED);
  });

  it('a run aborted before it starts runs nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let ran = 0;
    const state = await scheduleSteps(graphOf(shapes.diamond!), { concurrency: 2, signal: controller.signal, runStep: async () => (ran++, { ok: true, output: '' }) });
    expect(ran).toBe(0);
    expect(state.status).toBe('interrupted');
    expect(state.notStarted).toEqual(['1', '2', '3', '4']);
  });

  it('a runStep that throws counts as a failed step instead of hanging the run', async () => {
    const state = await scheduleSteps(graphOf(shapes.diamond!), {
      concurrency: 2,
      runStep: async (step) => {
        if (step.id === '2') throw new Error('bug in runner');
        return { ok: true, output: step.id };
      },
    });
    expect(state.status).toBe('failed');
    expect(state.failed).toMatchObject({ error: 'bug in runner', step: { id: '2' } });
  });
});

describe('scheduleSteps with critical: false', () => {
  const optional = commandTool('optional', ['false'], { critical: false, args: noop.args });
  /** Steps by tool name and needs: `[tool, needs (1-based ids)]`. */
  function planOf(steps: readonly (readonly [string, number[]])[]): StepGraph {
    const raw = steps.map(([tool, needs], i) => ({ id: i + 1, tool, args: needs.length ? { after: needs.map((n) => `\${steps.${n}.output}`).join(' ') } : {} }));
    const result = compilePlan({ steps: raw }, [noop, optional], { limits: { maxSteps: 100 } });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    return result.graph;
  }
  function controlled() {
    const pending = new Map<string, (outcome: StepOutcome) => void>();
    const started: string[] = [];
    const runStep = (step: { id: string }) => new Promise<StepOutcome>((resolve) => (started.push(step.id), pending.set(step.id, resolve)));
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    return { pending, started, runStep, settle };
  }

  it('a failed step nothing needs is tolerated at once: independent steps start while others still run', async () => {
    // 1 runs long; 2 (critical: false) fails; 3 must start in 2's slot while 1 still runs.
    const graph = planOf([['noop', []], ['optional', []], ['noop', []], ['noop', [1, 3]]]);
    const { pending, started, runStep, settle } = controlled();
    const tolerated: string[] = [];
    const skipped: string[] = [];
    const done = scheduleSteps(graph, { concurrency: 2, runStep, onTolerated: (step, reason) => tolerated.push(`${step.id}: ${reason}`), onSkipped: (step) => skipped.push(step.id) });
    await settle();
    pending.get('2')!({ ok: false, error: 'exit 1' });
    await settle();
    expect(tolerated).toEqual(['2: tool "optional" is marked critical: false and no step needs its output']);
    expect(started).toEqual(['1', '2', '3']);
    pending.get('3')!({ ok: true, output: 'three' });
    pending.get('1')!({ ok: true, output: 'one' });
    await settle();
    pending.get('4')!({ ok: true, output: 'four' });
    const state = await done;
    expect(state).toMatchObject({ status: 'succeeded', tolerated: ['2'], notStarted: [] });
    expect(state.failed).toBeUndefined();
    expect(skipped).toEqual([]);
    expect(state.outputs.get('2')).toBeNull();
  });

  it('a failed non-critical step that another step needs fails the plan like any other', async () => {
    const graph = planOf([['optional', []], ['noop', [1]]]);
    const tolerated: string[] = [];
    const state = await scheduleSteps(graph, { concurrency: 2, runStep: async () => ({ ok: false, error: 'exit 1' }), onTolerated: (step) => tolerated.push(step.id) });
    expect(state).toMatchObject({ status: 'failed', failed: { step: { id: '1' } }, notStarted: ['2'], tolerated: [] });
    expect(tolerated).toEqual([]);
  });

  it('the last step is never tolerated: its output is the result', async () => {
    const graph = planOf([['noop', []], ['optional', []]]);
    const state = await scheduleSteps(graph, { concurrency: 1, runStep: async (step) => (step.id === '2' ? { ok: false, error: 'exit 1' } : { ok: true, output: '' }) });
    expect(state).toMatchObject({ status: 'failed', failed: { step: { id: '2' } } });
  });

  it('in a plan still streaming in, a non-critical failure holds new starts until the whole plan says whether a step needs it', async () => {
    const whole = planOf([['optional', []], ['noop', []], ['noop', []]]);
    const { pending, started, runStep, settle } = controlled();
    const schedule = startSchedule({ concurrency: 1, runStep });
    schedule.add([whole.byId.get('1')!, whole.byId.get('2')!]);
    await settle();
    pending.get('1')!({ ok: false, error: 'exit 1' });
    await settle();
    expect(started).toEqual(['1']);
    schedule.complete(whole);
    await settle();
    expect(started).toEqual(['1', '2']);
    pending.get('2')!({ ok: true, output: '' });
    await settle();
    pending.get('3')!({ ok: true, output: '' });
    expect(await schedule.done).toMatchObject({ status: 'succeeded', tolerated: ['1'] });

    const needed = planOf([['optional', []], ['noop', [1]]]);
    const second = controlled();
    const growing = startSchedule({ concurrency: 1, runStep: second.runStep });
    growing.add([needed.byId.get('1')!]);
    await second.settle();
    second.pending.get('1')!({ ok: false, error: 'exit 1' });
    await second.settle();
    growing.complete(needed);
    expect(await growing.done).toMatchObject({ status: 'failed', failed: { step: { id: '1' } }, notStarted: ['2'] });
  });
});
