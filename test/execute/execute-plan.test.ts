import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executePlan, type ExecutePlanOptions } from '../../src/execute/execute-plan.ts';
import { compilePlan, type ModuleTool, type ToolSpec } from '../../src/index.ts';
import { createEventEmitter, type RunEvent } from '../../src/events/run-events.ts';
import { ToolError, type ToolResult } from '../../src/tools/tool-call.ts';
import { testToolContext } from '../tools/tool-context.ts';

const flaky: ModuleTool = {
  kind: 'module',
  name: 'work',
  description: 'work',
  module: '/not/used.js',
  export: 'default',
  args: { type: 'object', properties: { n: { type: 'integer' }, input: {} }, additionalProperties: false },
  output: 'json',
  retries: { attempts: 2, backoffMs: 100, maxBackoffMs: 1000 },
};

function graph(steps: unknown[], tools: ToolSpec[] = [flaky]) {
  const result = compilePlan({ steps }, tools, { limits: { maxSteps: 1000 } });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.graph;
}

/** Runs a plan with an injected tool runner, a fake clock and no real waits; returns its events. */
async function run(steps: unknown[], runTool: NonNullable<ExecutePlanOptions['runTool']>, extra: Partial<ExecutePlanOptions> = {}) {
  const events: RunEvent[] = [];
  let clock = 0;
  const slept: number[] = [];
  const state = await executePlan(graph(steps), {
    planNumber: 1,
    concurrency: 4,
    emit: createEventEmitter([(e) => events.push(e)], () => new Date(0)),
    toolContext: testToolContext(),
    now: () => (clock += 10),
    timing: { sleep: async (ms) => void slept.push(ms), random: () => 0 },
    runTool,
    ...extra,
  });
  const summary = events.map((e) => `${e.kind}${'stepId' in e ? ` ${e.stepId}` : ''}`);
  return { state, events, summary, slept };
}

describe('executePlan', () => {
  it('retries a transient failure inside the step and emits step-retrying', async () => {
    let calls = 0;
    const { state, events, summary, slept } = await run([{ id: 1, tool: 'work', args: { n: 1 } }], async (): Promise<ToolResult> => {
      if (++calls < 3) throw new ToolError(`503 number ${calls}`, { transient: true });
      return { output: { fine: true } };
    });
    expect(state.status).toBe('succeeded');
    expect(summary).toEqual(['step-started 1', 'step-retrying 1', 'step-retrying 1', 'step-succeeded 1']);
    expect(slept).toEqual([50, 100]);
    expect(events[1]).toMatchObject({ kind: 'step-retrying', attempt: 1, maxAttempts: 3, delayMs: 50, error: '503 number 1' });
  });

  it('hands the referenced output to the next step as data', async () => {
    const seen: unknown[] = [];
    const { state } = await run(
      [
        { id: 1, tool: 'work', args: { n: 1 } },
        { id: 2, tool: 'work', args: { n: 2, input: '${steps.1.output.items}' } },
      ],
      async (_tool, args) => {
        seen.push(args);
        return { output: { items: ['{{args.n}}', '$(id)'] } };
      },
    );
    expect(state.status).toBe('succeeded');
    expect(seen[1]).toEqual({ n: 2, input: ['{{args.n}}', '$(id)'] });
  });

  it('onFailure cancel: a running step is cancelled (step-cancelled, not step-failed)', async () => {
    const { state, summary, events } = await run(
      [
        { id: 1, tool: 'work', args: { n: 1 } },
        { id: 2, tool: 'work', args: { n: 2 } },
        { id: 3, tool: 'work', args: { n: 3 }, dependsOn: [1, 2] },
      ],
      (_tool, args, context) =>
        args.n === 1
          ? new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new ToolError('stopped'))))
          : Promise.reject(new ToolError('permanent')),
      { onFailure: 'cancel' },
    );
    expect(state.status).toBe('failed');
    expect(state.failed?.step.id).toBe('2');
    expect(state.cancelled).toEqual(['1']);
    expect(summary).toEqual(['step-started 1', 'step-started 2', 'step-failed 2', 'step-cancelled 1', 'step-skipped 3']);
    expect(events.find((e) => e.kind === 'step-cancelled')).toMatchObject({ reason: 'step 2 failed' });
  });

  it('runs a real module tool: 100 steps, the export gets the arguments and a signal', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-exec-'));
    const file = path.join(dir, 'double.mjs');
    await writeFile(file, 'export async function double(args, { signal }) { return { value: args.n * 2, aborted: signal.aborted }; }\n');
    const tool: ModuleTool = { ...flaky, module: file, export: 'double', retries: undefined };
    const steps = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, tool: 'work', args: { n: i } }));
    const events: RunEvent[] = [];
    const state = await executePlan(graph(steps, [tool]), { planNumber: 1, concurrency: 8, emit: createEventEmitter([(e) => events.push(e)]), toolContext: testToolContext() });
    expect(state.status).toBe('succeeded');
    expect(state.outputs.get('42')).toEqual({ value: 82, aborted: false });
    expect(events.filter((e) => e.kind === 'step-succeeded')).toHaveLength(100);
  });
});
