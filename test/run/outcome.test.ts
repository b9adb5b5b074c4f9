// A run's outcome in one place: every status has the contract's exit code, and the errors a run
// expects end it with their status instead of escaping as bugs.

import { describe, expect, it } from 'vitest';
import { createEventEmitter, type RunEvent } from '../../src/events/run-events.ts';
import { UsageMeter } from '../../src/events/usage-meter.ts';
import { InputError, LlmError, MissingSecretError } from '../../src/index.ts';
import { TemplateError } from '../../src/prompt/template-engine.ts';
import { normalizeRunOptions } from '../../src/run/options.ts';
import { exitCodes } from '../../src/run/exit-codes.ts';
import { finishRun, RunError, statusOfError } from '../../src/run/outcome.ts';

describe('run outcomes', () => {
  it('map every status to the exit code of the contract', () => {
    // CONTRACT.md: 0 succeeded · 1 the run failed · 2 invalid input · 3 no usable plan · 130 interrupted.
    expect(exitCodes).toEqual({ succeeded: 0, planned: 0, failed: 1, 'not-approved': 1, 'invalid-input': 2, 'plan-failed': 3, interrupted: 130 });
  });

  it('end a run with the status an error carries, and leave unexpected errors alone', () => {
    expect(statusOfError(new RunError('not-approved', 'no'))).toBe('not-approved');
    expect(statusOfError(new InputError('missing input "word"'))).toBe('invalid-input');
    expect(statusOfError(new MissingSecretError(['TOKEN']))).toBe('invalid-input');
    expect(statusOfError(new TemplateError('task: "x" is not defined'))).toBe('invalid-input');
    expect(statusOfError(new LlmError('budget', 'budget exceeded'))).toBe('plan-failed');
    expect(statusOfError(new TypeError('a bug'))).toBeUndefined();
    expect(statusOfError('thrown text')).toBeUndefined();
  });

  it('keep the names of the errors they replace the status of', () => {
    expect(new InputError('x').name).toBe('InputError');
    expect(new MissingSecretError(['A']).name).toBe('MissingSecretError');
    expect(new RunError('invalid-input', 'x').name).toBe('RunError');
  });

  it('finish with run-finished, redacting the result and the error the run returns', () => {
    const events: RunEvent[] = [];
    const outcome = finishRun(
      { runId: 'r1', emit: createEventEmitter([(event) => events.push(event)]), usage: new UsageMeter(), redactText: (text) => text.replaceAll('s3cret', '***') },
      'failed',
      { error: 'step 1 failed: s3cret' },
    );
    expect(outcome).toMatchObject({ status: 'failed', exitCode: 1, runId: 'r1', error: 'step 1 failed: ***' });
    expect(events).toMatchObject([{ kind: 'run-finished', status: 'failed', error: 'step 1 failed: ***' }]);
  });
});

describe('run options', () => {
  it('are given every default once, and keep what the caller set', () => {
    const llm = { complete: async () => ({ text: '', usage: { promptTokens: 0, completionTokens: 0 } }) };
    const defaults = normalizeRunOptions({ llm });
    expect(defaults).toMatchObject({ llm, inputs: {}, sinks: [], cwd: process.cwd(), env: process.env });
    expect(defaults.signal.aborted).toBe(false);
    expect(defaults.now()).toBeInstanceOf(Date);

    const sink = () => {};
    const now = () => new Date(0);
    const given = normalizeRunOptions({ llm, onEvent: sink, cwd: '/work', env: {}, now, concurrency: 3 });
    expect(given).toMatchObject({ sinks: [sink], cwd: '/work', env: {}, now, concurrency: 3 });
    expect(normalizeRunOptions({ llm, onEvent: [sink, sink] }).sinks).toEqual([sink, sink]);
  });
});
