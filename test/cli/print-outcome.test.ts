// How `run` and `resume` print the result: byte for byte into a pipe or file (it is data), with the
// control characters of model text escaped when stdout is a terminal (a person reads it there).

import { afterEach, describe, expect, it, vi } from 'vitest';
import { printOutcome } from '../../src/cli/print-outcome.ts';
import type { RunOutcome } from '../../src/index.ts';

const usage = { llmCalls: 1, promptTokens: 1, completionTokens: 1, replans: 0, stepRuns: 1, reusedSteps: 0 };
const result = 'Notes\n\u001b]52;c;cm0gLXJmIH4=\u0007copied\u001b[2J\u009b2J\r\n';
const wasTTY = process.stdout.isTTY;

afterEach(() => {
  process.stdout.isTTY = wasTTY;
  vi.restoreAllMocks();
});

async function printed(isTTY: boolean, outcome: RunOutcome): Promise<{ stdout: string; stderr: string }> {
  process.stdout.isTTY = isTTY;
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  await printOutcome(outcome, { json: false });
  vi.restoreAllMocks();
  return { stdout, stderr };
}

describe('the result and error a run ends with', () => {
  it('on a terminal, the result shows its control characters escaped', async () => {
    const { stdout } = await printed(true, { status: 'succeeded', exitCode: 0, runId: 'r', result, usage });
    expect(stdout).toBe('Notes\n\\x1b]52;c;cm0gLXJmIH4=\\x07copied\\x1b[2J\\x9b2J\n');
  });

  it('into a pipe or a file, the result is exactly what the run produced', async () => {
    const { stdout } = await printed(false, { status: 'succeeded', exitCode: 0, runId: 'r', result, usage });
    expect(stdout).toBe(result);
  });

  it('the error line is escaped wherever stderr goes', async () => {
    const { stderr } = await printed(false, { status: 'failed', exitCode: 1, runId: 'r', error: `step 1 failed: ${result}`, usage });
    expect(stderr).toBe('error: step 1 failed: Notes\n\\x1b]52;c;cm0gLXJmIH4=\\x07copied\\x1b[2J\\x9b2J\n\n');
  });
});
