import { describe, expect, it } from 'vitest';
import { renderRunSummary } from '../../src/report/github-summary.ts';
import { codeSpan, fencedBlock, inlineText } from '../../src/report/markdown-text.ts';
import { planFlowchart } from '../../src/report/plan-flowchart.ts';
import type { RunEvent } from '../../src/index.ts';

const usage = { llmCalls: 1, promptTokens: 10, completionTokens: 5, replans: 0, stepRuns: 1, reusedSteps: 0 };

describe('Markdown from untrusted text', () => {
  it('a model-written action cannot add links, images, HTML or table cells', () => {
    expect(inlineText('![x](http://e.test/p.png) <img src=x> a|b\nc')).toBe('\\!\\[x\\](http://e.test/p.png) &lt;img src=x&gt; a\\|b c');
  });

  it('a result cannot close its code fence early', () => {
    expect(fencedBlock('a\n````\nb')).toBe('`````text\na\n````\nb\n`````\n');
    expect(codeSpan('a`b|c')).toBe('``a`b\\|c``');
  });

  it('Mermaid labels escape quotes, brackets and #; any step id gives a valid node name', () => {
    const chart = planFlowchart([
      { id: 'fetch-1', action: 'Say "hi" <b>#1</b>', tool: 'llm', needs: [] },
      { id: '2', action: '', tool: 'grep', needs: ['fetch-1'] },
    ], (id) => (id === '2' ? 'failed' : 'succeeded'));
    expect(chart).toBe(
      [
        'flowchart TD',
        '  s1["fetch-1. Say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; [llm]"]',
        '  s2["2. grep [grep]"]',
        '  s1 --> s2',
        '  classDef succeeded fill:#dcfce7,stroke:#16a34a,color:#14532d',
        '  class s1 succeeded',
        '  classDef failed fill:#fee2e2,stroke:#dc2626,color:#7f1d1d',
        '  class s2 failed',
        '',
      ].join('\n'),
    );
  });
});

describe('the step summary', () => {
  it('of a run that stopped before it started says why, with no plan or table', () => {
    const events: RunEvent[] = [{ kind: 'run-finished', status: 'invalid-input', error: 'missing input "topic"', usage: { ...usage, llmCalls: 0, promptTokens: 0, completionTokens: 0, stepRuns: 0 }, time: '2026-01-01T00:00:00.000Z' }];
    const summary = renderRunSummary({ pipelineName: 'p', pipelineFile: 'p.yaml' }, events, { status: 'invalid-input', runId: '', error: 'missing input "topic"', usage: { ...usage, llmCalls: 0 } });
    expect(summary).toContain('## planexec · p · ⚠️ invalid input');
    expect(summary).toContain('### Error\n\n```text\nmissing input "topic"\n```');
    expect(summary).not.toContain('```mermaid');
    expect(summary).not.toContain('### Steps');
  });
});
