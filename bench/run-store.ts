// Append 100,000 events to a run's log and fold them back: events/s written, fold time.
// Target: folding 100k events takes < 1 s.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { foldRun, readRunEvents, type RunEvent } from '../src/index.ts';
import { openRunStore } from '../src/store/run-store.ts';

/** A run of `total` events: plans of 1,000 steps, each started and succeeded (also read by bench/read-run.ts). */
export function* syntheticRun(total: number): Generator<RunEvent> {
  const time = new Date().toISOString();
  yield { kind: 'run-started', runId: 'bench', pipeline: 'bench', file: 'p.yaml', pipelineHash: 'x', inputs: {}, time };
  const stepsPerPlan = 1000;
  let emitted = 1;
  for (let plan = 1; emitted < total - 1; plan++) {
    const steps = Array.from({ length: stepsPerPlan }, (_, i) => ({ id: String(i + 1), action: `step ${i + 1}`, tool: 'work', args: { n: i }, dependsOn: [], needs: i ? [String(i)] : [] }));
    yield { kind: 'plan-accepted', planNumber: plan, steps, criticalPathLength: stepsPerPlan, time };
    emitted++;
    for (let i = 1; i <= stepsPerPlan && emitted < total - 1; i++) {
      yield { kind: 'step-started', planNumber: plan, stepId: String(i), tool: 'work', action: `step ${i}`, time };
      yield { kind: 'step-succeeded', planNumber: plan, stepId: String(i), durationMs: 3, outputPreview: `out ${i}`, args: { n: i }, output: `out ${i}`, time };
      emitted += 2;
    }
  }
  yield { kind: 'run-finished', status: 'succeeded', result: 'done', usage: { llmCalls: 1, promptTokens: 1, completionTokens: 1, replans: 0, stepRuns: 0, reusedSteps: 0 }, time };
}

export async function benchRunStore(total = 100_000): Promise<{ eventsPerSecond: number; foldMs: number; readMs: number }> {
  const root = await mkdtemp(path.join(tmpdir(), 'planexec-bench-store-'));
  try {
    const store = openRunStore(root, 'bench');
    let count = 0;
    const writeStart = performance.now();
    for (const event of syntheticRun(total)) {
      store.append(event);
      count++;
    }
    store.close();
    const writeMs = performance.now() - writeStart;
    const readStart = performance.now();
    const log = readRunEvents(root, 'bench');
    const readMs = performance.now() - readStart;
    const foldStart = performance.now();
    const run = foldRun(log.events);
    const foldMs = performance.now() - foldStart;
    if (run.status !== 'succeeded') throw new Error('bench run did not fold to succeeded');
    const eventsPerSecond = count / (writeMs / 1000);
    console.log(`run store: appended ${count} events in ${writeMs.toFixed(0)} ms (${Math.round(eventsPerSecond)} events/s, one fsync per event-loop turn)`);
    console.log(`run store: read ${(readMs).toFixed(0)} ms, fold ${foldMs.toFixed(0)} ms for ${count} events (target: fold < 1000 ms)`);
    return { eventsPerSecond, foldMs, readMs };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchRunStore();
