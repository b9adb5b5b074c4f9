// The Action's job log (src/action/log-run-events.ts) read the way the runner reads it: lines split at
// \n, \r\n and a lone \r, a line whose trimmed text starts with `::` run as a command, and the legacy
// `##[command]` form anywhere in a line. Model and tool text must never become a command.

import { describe, expect, it } from 'vitest';
import { actionLogLines, annotate, createActionLog } from '../../src/action/log-run-events.ts';
import type { RunEvent } from '../../src/index.ts';
import { runnerCommands } from '../support/runner-commands.ts';

/** Every way model text can try to start a command line, each with a command that would do harm. */
const hostile = [
  '::add-mask::planexec',
  '  ::warning file=README.md,line=1::Injected',
  '::stop-commands::x',
  '::endgroup::',
  'done\r::add-mask::planexec',
  'done\r::error title=Injected::Injected',
  'done\r\n::stop-commands::pwned',
  'done\r  \t::warning::Injected',
  'done\u0085::error::Injected',
  'done\u2028::error::Injected',
  'done\u2029::error::Injected',
  'done\u000b::error::Injected',
  'done\u000c::error::Injected',
  '\u00a0\u3000::error::Injected',
  'text ##[add-mask]planexec',
  'text ##[error]Injected',
  'text ##[set-output name=result;]pwned',
  'done\r##[warning]Injected',
];

describe('action log lines from model or tool text', () => {
  it.each(hostile.map((text) => [JSON.stringify(text), text]))('%s cannot become a workflow command', (_name, text) => {
    const printed = actionLogLines(text).map((line) => `${line}\n`).join('');
    expect(runnerCommands(printed)).toEqual([]);
    // The text is still there to read, with its terminators shown.
    expect(printed.replaceAll('\u200b', '')).toContain(text.trim().split(/[\r\n\u0085\u2028\u2029\u000b\u000c]/).at(-1)!.trim());
  });

  it('leaves ordinary lines alone and keeps \\n as a line break', () => {
    expect(actionLogLines('step 1 succeeded in 0.2s')).toEqual(['step 1 succeeded in 0.2s']);
    expect(actionLogLines('one\ntwo\r\nthree')).toEqual(['one', 'two', 'three']);
    expect(actionLogLines('bar\r::x')).toEqual(['bar\\r::x']);
  });

  it('holds for every event line and annotation the log writes', () => {
    const out: string[] = [];
    const write = (line: string) => out.push(`${line}\n`);
    // @actions/core's own escaping for commands it issues, as the runner receives them.
    const command = (name: string) => (message: string, properties: Record<string, unknown> = {}) => {
      const props = Object.entries(properties).map(([key, value]) => `${key}=${String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C')}`).join(',');
      write(`::${name}${props ? ` ${props}` : ''}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
    };
    const log = { info: write, startGroup: (title: string) => command('group')(title), endGroup: () => write('::endgroup::'), error: command('error'), warning: command('warning'), notice: command('notice') };
    const sink = createActionLog(log as never, { cwd: '/w', workspace: '/w' }, () => undefined);
    const time = '2025-01-01T00:00:00.000Z';
    const text = hostile.join('\n');
    const events = [
      { kind: 'plan-accepted', time, planNumber: 1, criticalPathLength: 1, steps: [{ id: 1, tool: 'echo', action: text, args: {}, needs: [], dependsOn: [] }] },
      { kind: 'step-started', time, planNumber: 1, stepId: '1', tool: 'echo', action: text },
      { kind: 'step-failed', time, planNumber: 1, stepId: '1', durationMs: 5, error: text },
      { kind: 'run-finished', time, status: 'failed', error: text, usage: { llmCalls: 1, promptTokens: 1, completionTokens: 1, stepRuns: 1, replans: 0, reusedSteps: 0 } },
    ] as unknown as RunEvent[];
    for (const event of events) sink(event);
    annotate(log as never, { level: 'error', message: text, title: `planexec: ${text}` });
    const commands = runnerCommands(out.join(''));
    // Only the log's own commands: the group, its end, and the two annotations (their text escaped by core).
    expect(commands.map((line) => line.slice(0, line.indexOf('::', 2) + 2).replace(/ .*::$/, '::'))).toEqual(['::group::', '::warning::', '::endgroup::', '::error::']);
    expect(out.join('')).not.toMatch(/[\u0085\u2028\u2029\u000b\u000c\u001b]/);
  });
});
