// planexec's prompts mask the data they put in (task, inputs, the model's steps and replies, outputs,
// errors) and send their own text — templates, tool descriptions, schemas — as written, even when a
// secret is a word of that text. The request names the secrets it masked (dataRedacted), so a
// redacting client with the same secrets leaves it.

import { describe, expect, it } from 'vitest';
import type { ExecutionState } from '../../src/execute/schedule-steps.ts';
import { compilePlan, type CompletionRequest, createRedactor, type LlmClient, type Pipeline } from '../../src/index.ts';
import { requestFixedArguments } from '../../src/planner/fix-arguments.ts';
import { renderPlanPrompt, renderReplanPrompt, renderTailPrompt } from '../../src/planner/plan-prompts.ts';
import { requestPlan } from '../../src/planner/request-plan.ts';
import { commandTool } from '../support/tools.ts';

// A secret that is also a word of the templates and of the tool's description and schema.
const secret = 'arguments';
const redactor = createRedactor([secret]);
const work = commandTool('work', ['true'], {
  description: 'Does the work given its arguments',
  args: { type: 'object', properties: { in: { type: 'string', description: 'one of the arguments' } }, additionalProperties: false },
});
const pipeline = { prompts: {}, planning: { maxSteps: 5, maxRepairs: 1, maxArgumentBytes: 65536, maxArgumentDepth: 16, maxPlanBytes: 1 << 20 }, policy: { untrustedFlow: 'reject' }, model: { name: 'm' }, tools: [work] } as unknown as Pipeline;

function failedRun() {
  const compiled = compilePlan({ steps: [{ id: 1, action: 'Collect the arguments', tool: 'work', args: {} }, { id: 2, tool: 'work', args: { in: 'the arguments ${steps.1.output}' } }] }, [work]);
  if (!compiled.ok) throw new Error('plan rejected');
  const graph = compiled.graph;
  const state: ExecutionState = { status: 'failed', outputs: new Map([['1', 'these are the arguments\nof step 1']]), failed: { step: graph.byId.get('2')!, error: 'bad arguments given' }, notStarted: [], cancelled: [] };
  return { graph, state };
}

/** The tool list as planexec writes it: the description and the schema as the pipeline has them. */
const toolText = ['- work: Does the work given its arguments', '"description":"one of the arguments"'];

describe('prompts mask their data, not their own text', () => {
  it('the plan prompt: the task and inputs masked, the tool list as written', () => {
    const prompt = renderPlanPrompt(pipeline, 'Check the arguments', { note: 'arguments here' }, redactor);
    expect(prompt).toContain('Check the ***');
    for (const text of toolText) expect(prompt).toContain(text);
  });

  it('the replan prompt: steps, outputs, the failed arguments and the error masked; the template as written', () => {
    const { graph, state } = failedRun();
    const prompt = renderReplanPrompt(pipeline, 'the task', graph, state, redactor);
    expect(prompt).toContain('step 1 (work): Collect the *** -- succeeded');
    expect(prompt).toContain('- step 1: these are the ***\nof step 1');
    expect(prompt).toContain('Failed: step 2 (work) with arguments {"in":"the *** ${steps.1.output}"}');
    expect(prompt).toContain('Error: bad *** given');
    for (const text of toolText) expect(prompt).toContain(text);
  });

  it('the tail prompt: the kept output masked before it is put on one line and cut', () => {
    const { graph, state } = failedRun();
    const prompt = renderTailPrompt(pipeline, 'the task', graph, state, { keep: ['1'], replace: ['2'] }, redactor);
    expect(prompt).toContain('output begins: these are the *** of step 1');
    expect(prompt).toContain('with arguments {"in":"the *** ${steps.1.output}"}');
  });

  it('the fix-arguments prompt: the step and error masked, the tool contract as written, marked dataRedacted', async () => {
    const { graph } = failedRun();
    const asked: CompletionRequest[] = [];
    const llm: LlmClient = { complete: async (request) => (asked.push(request), { text: '{"in": "x"}', usage: { promptTokens: 1, completionTokens: 1 } }) };
    await requestFixedArguments(pipeline, llm, graph, { stepId: '2', error: 'bad arguments given' }, undefined, redactor);
    const prompt = asked[0]!.messages[1]!.content;
    expect(asked[0]!.dataRedacted).toEqual([secret]);
    expect(prompt).toContain('Correct its arguments.');
    expect(prompt).toContain('Tool: work -- Does the work given its arguments');
    expect(prompt).toContain('Arguments that failed: {"in":"the *** ${steps.1.output}"}');
    expect(prompt).toContain('Error: bad *** given');
  });

  it('the repair prompt: the rejected reply and its problems masked', async () => {
    const asked: CompletionRequest[] = [];
    const replies = ['{"steps": [{"id": 1, "action": "the arguments", "tool": "arguments", "args": {}}]}', '{"steps": [{"id": 1, "tool": "work", "args": {}}]}'];
    const llm: LlmClient = { complete: async (request) => (asked.push(request), { text: replies[asked.length - 1]!, usage: { promptTokens: 1, completionTokens: 1 } }) };
    const planned = await requestPlan({ pipeline, llm, emit: () => undefined, redactor }, { planNumber: 1, purpose: 'plan', prompt: 'plan it' });
    expect(planned.ok).toBe(true);
    expect(asked.map((request) => request.dataRedacted)).toEqual([[secret], [secret]]);
    const [, , reply, repair] = asked[1]!.messages;
    expect(reply).toEqual({ role: 'assistant', content: '{"steps": [{"id": 1, "action": "the ***", "tool": "***", "args": {}}]}' });
    expect(repair!.content).toContain('unknown tool "***"');
    expect(repair!.content).toContain('The runner rejected your plan');
  });
});
