import { describe, expect, it } from 'vitest';
import { planFlowchart } from '../../src/report/plan-flowchart.ts';
import { renderGraph, type ReviewedGraph } from '../../src/report/render-graph.ts';

const graph: ReviewedGraph = {
  steps: [
    { id: 'a-b', action: 'fetch\u001b[31m #quot;x#quot; \u0007<b>', tool: 'http_get', args: {}, needs: [], level: 0 },
    { id: 'a_b', action: '', tool: 'grep', args: { pattern: 'x' }, needs: ['a-b'], level: 1 },
  ],
  order: ['a-b', 'a_b'],
  criticalPathLength: 2,
};

describe('one Mermaid renderer', () => {
  it('draws the same chart for `plan --format mermaid` and the step summary', () => {
    expect(renderGraph(graph, 'mermaid')).toBe(planFlowchart(graph.steps));
  });

  it('puts each label on one line with control characters shown escaped, and no label text can read as Mermaid syntax or an entity', () => {
    expect(renderGraph(graph, 'mermaid')).toBe(
      ['flowchart TD', '  s1["a-b. fetch\\x1b[31m #35;quot;x#35;quot; \\x07#lt;b#gt; [http_get]"]', '  s2["a_b. grep [grep]"]', '  s1 --> s2', ''].join('\n'),
    );
  });

  it('labels DOT nodes with the same one-line text', () => {
    expect(renderGraph(graph, 'dot')).toContain('"a-b" [label="a-b. fetch\\\\x1b[31m #quot;x#quot; \\\\x07<b> [http_get]"];');
  });
});
