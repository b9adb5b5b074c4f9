// `planexec show`'s tree and Markdown: counts read as English, one of a thing is singular.

import { describe, expect, it } from 'vitest';
import { formatRunMarkdown, formatRunTree } from '../../src/report/run-report.ts';
import { foldRun } from '../../src/store/fold-run.ts';
import type { RunEvent } from '../../src/events/run-events.ts';

const time = '2025-01-01T00:00:00.000Z';
const step = { id: '1', action: 'do 1', tool: 'work', args: {}, dependsOn: [], needs: [] };

/** One model call, one step run, one replan (a full one, whose new plan never came). */
const events = [
  { kind: 'run-started', runId: 'r1', pipeline: 'p', file: 'p.yaml', inputs: {}, time },
  { kind: 'llm-called', purpose: 'plan', promptTokens: 1, completionTokens: 0, durationMs: 1, time },
  { kind: 'plan-accepted', planNumber: 1, steps: [step], criticalPathLength: 1, time },
  { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'work', action: 'do 1', time },
  { kind: 'step-failed', planNumber: 1, stepId: '1', durationMs: 1, error: 'exit 1', time },
  { kind: 'replan-started', planNumber: 1, strategy: 'full', failedStepId: '1', replanNumber: 1, scope: 'full', kept: [], replaced: ['1'], time },
] as RunEvent[];

describe('the run report', () => {
  it('says 1 model call, 1 step run, 1 replan, 1 token in the singular', () => {
    const record = foldRun(events);
    const tree = formatRunTree(record);
    expect(tree).toMatch(/1 model call, 1 prompt \+ 0 completion tokens, 1 step run, 1 replan\n/);
    expect(formatRunMarkdown(record)).toContain('1 model call · 1 token · 1 replan');
  });
});
