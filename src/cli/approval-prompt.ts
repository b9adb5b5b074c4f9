// Approval before a plan runs (pipeline `approve: true`, tool `confirm: true`): show the compiled plan
// on stderr and ask on the terminal; `--yes` approves; with no terminal to ask on, stop with exit 2.

import { createInterface } from 'node:readline/promises';
import { maskedGraph, renderGraph } from '../report/render-graph.ts';
import type { ApprovePlan } from '../run/options.ts';
import { RunError } from '../run/outcome.ts';
import { visibleJson } from '../source/visible-text.ts';

/** The terminal the prompt talks to: stdin and stderr, unless a test gives its own. */
interface PromptTerminal {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

export function approvalPrompt(yes: boolean, terminal?: { readonly finished: () => Promise<void> }, terminalIo?: PromptTerminal): ApprovePlan {
  return async ({ graph, planNumber, reason, redact }) => {
    if (yes) return true;
    // Made only when a plan needs approval: process.stdin is a stream set up on first read of it.
    const io = terminalIo ?? { input: process.stdin, output: process.stderr };
    if (!io.input.isTTY || !io.output.isTTY) {
      throw new RunError('invalid-input', `plan ${planNumber} needs approval before it runs (${reason}), and there is no terminal to ask on; pass --yes to approve`);
    }
    await terminal?.finished();
    // The plan is as the model wrote it: secrets in it are masked for showing.
    const shown = maskedGraph(graph, redact);
    // As JSON with every control character escaped, so model-written text cannot redraw the terminal.
    const steps = shown.steps.map((step) => `  ${visibleJson(step.id)} ${step.tool} ${visibleJson(step.args)}${step.needs.length ? `  (after ${step.needs.join(', ')})` : ''}`);
    io.output.write(`\nPlan ${planNumber} needs approval (${reason}):\n${steps.join('\n')}\n\n${renderGraph(shown, 'mermaid')}\n`);
    const readline = createInterface({ input: io.input, output: io.output });
    try {
      const answer = await readline.question('Run this plan? [y/N] ');
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      readline.close();
    }
  };
}
