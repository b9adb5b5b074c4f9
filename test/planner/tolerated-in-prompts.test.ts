// A failure tolerated under critical: false is not a success to the model: the replan and tail
// prompts say it failed and was passed over, and list no output for it.

import { describe, expect, it } from 'vitest';
import type { ExecutionState } from '../../src/execute/schedule-steps.ts';
import { compilePlan, type Pipeline } from '../../src/index.ts';
import { renderReplanPrompt, renderTailPrompt } from '../../src/planner/plan-prompts.ts';
import { commandTool } from '../support/tools.ts';

const work = commandTool('work', ['true']);
const notify = commandTool('notify', ['false'], { critical: false });
const pipeline = { prompts: {}, planning: { maxSteps: 5 }, model: { name: 'm' }, tools: [work, notify] } as unknown as Pipeline;

function failedRun() {
  const compiled = compilePlan({ steps: [{ id: 1, action: 'Work', tool: 'work', args: {} }, { id: 2, action: 'Notify', tool: 'notify', args: {} }, { id: 3, action: 'More work', tool: 'work', args: { value: '${steps.1.output}' } }] }, [work, notify]);
  if (!compiled.ok) throw new Error('plan rejected');
  const graph = compiled.graph;
  const state: ExecutionState = { status: 'failed', outputs: new Map<string, unknown>([['1', 'one'], ['2', null]]), tolerated: ['2'], failed: { step: graph.byId.get('3')!, error: 'exit 1' }, notStarted: [], cancelled: [] };
  return { graph, state };
}

describe('a tolerated failure in the replanning prompts', () => {
  it('the replan prompt lists it as failed and passed over, with no output', () => {
    const { graph, state } = failedRun();
    const prompt = renderReplanPrompt(pipeline, 'the task', graph, state);
    expect(prompt).toContain('step 1 (work): Work -- succeeded');
    expect(prompt).toContain('step 2 (notify): Notify -- failed; passed over (critical: false)');
    expect(prompt).toContain('- step 1: one');
    expect(prompt).not.toMatch(/^- step 2: /m);
  });

  it('the tail prompt keeps it as failed and passed over, with no output', () => {
    const { graph, state } = failedRun();
    const prompt = renderTailPrompt(pipeline, 'the task', graph, state, { keep: ['1', '2'], replace: ['3'] });
    expect(prompt).toContain('- step 2 (notify): Notify -- failed; passed over (critical: false)\n');
    expect(prompt).toContain('- step 1 (work): Work -- succeeded; output begins: one');
  });
});
