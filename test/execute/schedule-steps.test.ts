import { describe, expect, it } from 'vitest';
import { compilePlan, type StepGraph } from '../../src/index.ts';
import { INTERRUPTED, scheduleSteps, type StepOutcome } from '../../src/execute/schedule-steps.ts';
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
