// Approval before a plan runs (pipeline `approve: true`, tool `confirm: true`): show the compiled plan
// on stderr and ask on the terminal; `--yes` approves; with no terminal to ask on, stop with exit 2.

import { createInterface } from 'node:readline/promises';
import { renderGraph } from '../report/render-graph.ts';
import type { ApprovePlan } from '../run/options.ts';
import { RunError } from '../run/outcome.ts';
import { visibleJson } from '../source/visible-text.ts';

export function approvalPrompt(yes: boolean, terminal?: { readonly finished: () => Promise<void> }): ApprovePlan {
  return async ({ graph, planNumber, reason }) => {
    if (yes) return true;
    if (!process.stdin.isTTY || !process.stderr.isTTY) {
      throw new RunError('invalid-input', `plan ${planNumber} needs approval before it runs (${reason}), and there is no terminal to ask on; pass --yes to approve`);
    }
    await terminal?.finished();
    // As JSON with every control character escaped, so model-written text cannot redraw the terminal.
    const steps = graph.steps.map((step) => `  ${visibleJson(step.id)} ${step.tool} ${visibleJson(step.args)}${step.needs.length ? `  (after ${step.needs.join(', ')})` : ''}`);
    process.stderr.write(`\nPlan ${planNumber} needs approval (${reason}):\n${steps.join('\n')}\n\n${renderGraph(graph, 'mermaid')}\n`);
    const readline = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await readline.question('Run this plan? [y/N] ');
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      readline.close();
    }
  };
}
