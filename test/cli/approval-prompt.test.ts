// The approval prompt shows the plan as the model wrote it, so the run's secrets in it are masked
// before anything is escaped for the terminal or the Mermaid chart.

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { approvalPrompt } from '../../src/cli/approval-prompt.ts';
import { compilePlan, createRedactor } from '../../src/index.ts';
import { commandTool } from '../support/tools.ts';

const secret = 'tok#Zq7wX9"c0rpus<4Lm2Vt';

describe('the approval prompt', () => {
  it('masks secrets in the steps and the chart it shows, and reads the answer', async () => {
    const tool = commandTool('work', ['true'], { args: { type: 'object', properties: { key: { type: 'string' } } } });
    const compiled = compilePlan({ steps: [{ id: 1, action: `Send ${secret}`, tool: 'work', args: { key: secret } }] }, [tool]);
    if (!compiled.ok) throw new Error('plan rejected');
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = Object.assign(new PassThrough(), { isTTY: true });
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    const redactor = createRedactor([secret]);
    const answer = approvalPrompt(false, undefined, { input, output })({ graph: compiled.graph, planNumber: 1, reason: 'the pipeline sets approve: true', redact: (text) => redactor.redactText(text) });
    setTimeout(() => input.write('n\n'), 20);
    expect(await answer).toBe(false);
    expect(shown).toContain('"1" work {"key":"***"}');
    expect(shown).toContain('1. Send *** [work]');
    for (const part of ['Zq7wX9', 'c0rpus', '4Lm2Vt']) expect(shown).not.toContain(part);
  });
});
