import { describe, expect, it } from 'vitest';
import { compilePlan, type CompileResult, type ToolSpec } from '../../src/index.ts';
import { createStreamedPlanReply } from '../../src/plan/streamed-plan-reply.ts';
import { commandTool, llmTool } from '../support/tools.ts';

const fetchPage = commandTool('fetch_page', ['echo', '{{args.url}}'], {
  trust: 'untrusted',
  args: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'], additionalProperties: false },
});
const sendMail = commandTool('send_mail', ['echo', '{{args.to}}', '{{args.body}}'], {
  sideEffects: true,
  args: { type: 'object', properties: { to: { type: 'string' }, body: { type: 'string' } }, required: ['to', 'body'], additionalProperties: false },
});
const postAny = commandTool('post_note', ['echo', '{{args.text}}'], { sideEffects: true, accepts: 'any', args: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } });
const search = commandTool('search', ['echo', '{{args.query}}', '{{args.site}}'], {
  args: { type: 'object', properties: { query: { type: 'string' }, site: { type: 'string', 'x-accepts': 'trusted' } }, required: ['query'] },
});
const transform = commandTool('transform', ['echo', '{{args.value}}']);
const tools: ToolSpec[] = [fetchPage, sendMail, postAny, search, transform, llmTool];

const fetch = { id: 1, action: 'Fetch', tool: 'fetch_page', args: { url: 'https://example.org' } };

function compile(steps: unknown[], options = {}): CompileResult {
  return compilePlan({ steps }, tools, options);
}
function messages(result: CompileResult): string[] {
  if (result.ok) throw new Error('expected the plan to be rejected');
  return result.problems.map((problem) => problem.message);
}

describe('the data-flow policy', () => {
  it('rejects untrusted data reaching a side-effect tool through an llm step, naming the whole path', () => {
    const result = compile([
      fetch,
      { id: 2, tool: 'transform', args: { value: 'x' } },
      { id: 3, tool: 'llm', args: { prompt: 'Summarise ${steps.1.output}' } },
      { id: 4, tool: 'send_mail', args: { to: '${steps.3.output}', body: 'hello' } },
    ]);
    expect(messages(result)).toEqual([
      'step 4 (send_mail) argument "to": untrusted data from step 1 (fetch_page) via step 3 (llm); an argument that accepts only trusted data may not hold the output of a trust: untrusted tool, nor anything made from it (an llm step\'s answer included): write it from the task and trusted outputs only',
    ]);
    expect(!result.ok && result.problems[0]!.code).toBe('untrusted-flow');
  });

  it('labels outputs transitively, through any tool; dependsOn alone carries nothing', () => {
    const result = compile([
      fetch,
      { id: 2, tool: 'transform', args: { value: '${steps.1.output}' } },
      { id: 3, tool: 'llm', args: { prompt: 'a ${steps.2.output}' } },
      { id: 4, tool: 'llm', args: { prompt: 'trusted, after the fetch' }, dependsOn: [1] },
      { id: 5, tool: 'send_mail', args: { to: 'me@example.org', body: '${steps.4.output}' } },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.graph.untrusted.keys()]).toEqual(['1', '2', '3']);
    expect(result.graph.untrusted.get('3')).toEqual({ source: '1', through: '2', depth: 2 });
  });

  it('names a long path shortened in the middle', () => {
    const chain = Array.from({ length: 10 }, (_, i) => ({ id: i + 2, tool: 'llm', args: { prompt: `\${steps.${i + 1}.output}` } }));
    const result = compile([fetch, ...chain, { id: 12, tool: 'send_mail', args: { to: 'x', body: '${steps.11.output}' } }]);
    expect(messages(result)[0]).toMatch(/^step 12 \(send_mail\) argument "body": untrusted data from step 1 \(fetch_page\) via … 4 more steps, step 6 \(llm\), step 7 \(llm\), step 8 \(llm\), step 9 \(llm\), step 10 \(llm\), step 11 \(llm\);/);
  });

  it('accepts: any lets untrusted data through; x-accepts: trusted guards one argument of a tool without side effects', () => {
    expect(compile([fetch, { id: 2, tool: 'post_note', args: { text: '${steps.1.output}' } }]).ok).toBe(true);
    expect(compile([fetch, { id: 2, tool: 'search', args: { query: '${steps.1.output}' } }]).ok).toBe(true);
    expect(messages(compile([fetch, { id: 2, tool: 'search', args: { query: 'q', site: '${steps.1.output}' } }]))[0]).toMatch(/^step 2 \(search\) argument "site": untrusted data from step 1 \(fetch_page\);/);
  });

  it('with untrustedFlow: ask, compiles the plan and notes the flow on the graph for the approval gate', () => {
    const result = compile([fetch, { id: 2, tool: 'send_mail', args: { to: '${steps.1.output}', body: 'b' } }], { untrustedFlow: 'ask' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.graph.untrustedFlows.map((flow) => flow.message.split(';')[0])).toEqual(['step 2 (send_mail) argument "to": untrusted data from step 1 (fetch_page)']);
  });

  it('an http tool that sends (method POST) accepts only trusted data unless it says so', () => {
    const post: ToolSpec = { kind: 'http', name: 'post_it', description: 'post', method: 'POST', url: 'https://example.org/x', allowHosts: ['example.org'], args: { type: 'object', properties: { text: { type: 'string' } } }, output: 'text' };
    const withPost = [...tools, post];
    expect(compilePlan({ steps: [fetch, { id: 2, tool: 'post_it', args: { text: '${steps.1.output}' } }] }, withPost).ok).toBe(false);
    expect(compilePlan({ steps: [fetch, { id: 2, tool: 'post_it', args: { text: '${steps.1.output}' } }] }, [...tools, { ...post, sideEffects: false }]).ok).toBe(true);
  });

  it('a streamed plan holds the step that would carry untrusted data into a trusted-only argument, and the whole plan is rejected', () => {
    const steps = [fetch, { id: 2, tool: 'search', args: { query: 'q', site: '${steps.1.output}' } }, { id: 3, tool: 'transform', args: { value: 'v' } }];
    const reply = createStreamedPlanReply(tools, {});
    reply.push(JSON.stringify({ steps }));
    expect(reply.advance().map((step) => step.id)).toEqual(['1']);
    const { compiled } = reply.end(JSON.stringify({ steps }));
    expect(compiled.ok).toBe(false);
  });

  it('stays linear on a 10,000-step chain through llm steps', () => {
    const chain = Array.from({ length: 9_998 }, (_, i) => ({ id: i + 2, tool: 'llm', args: { prompt: `\${steps.${i + 1}.output}` } }));
    const result = compilePlan({ steps: [fetch, ...chain, { id: 10_000, tool: 'send_mail', args: { to: 'x', body: '${steps.9999.output}' } }] }, tools, { limits: { maxSteps: 10_000 } });
    expect(messages(result)[0]).toContain('via … 9992 more steps, step 9994 (llm), step 9995 (llm)');
  });
});
