// Terminal escape sequences from model or tool text (an action, an error, an output, the result) in
// every human view: plain lines, the terminal tree, `show` as a tree, Markdown and JSON, the GitHub
// summary, reviews of a plan. None may reach its reader raw: each is shown as an escape like \x1b.

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EventBody, RunEvent } from '../../src/events/run-events.ts';
import { renderRunSummary } from '../../src/report/github-summary.ts';
import { foldRun, renderGraph } from '../../src/index.ts';
import { formatRunMarkdown, formatRunTree, summarizeRun } from '../../src/report/run-report.ts';
import { visibleJson, visibleLines, visibleText } from '../../src/source/visible-text.ts';
import { describeProgress } from '../../src/view/describe-progress.ts';
import { emptyProgress, foldProgress } from '../../src/view/fold-progress.ts';
import { createJsonView } from '../../src/view/json-view.ts';
import { createPlainView } from '../../src/view/plain-view.ts';
import { createTerminalView } from '../../src/view/terminal-view.ts';
import { emittedEvents } from '../support/emitted-events.ts';

/** Each a way text can act on a terminal instead of being shown. */
const sequences = {
  'OSC 52 clipboard write': '\u001b]52;c;cGF5bG9hZA==\u0007',
  'screen clear and cursor home': '\u001b[2J\u001b[H',
  'OSC 8 hyperlink': '\u001b]8;;https://evil.example/\u001b\\click here\u001b]8;;\u001b\\',
  'C1 CSI': '\u009b2J',
  'C1 OSC': '\u009d52;c;eA==\u009c',
  'backspaces over text': 'safe\b\b\b\bEVIL',
  'DEL': 'a\u007fb',
  'carriage return rewriting the line': 'harmless\rEVIL',
  'bidi override': 'txt.\u202Eexe',
  'bell': 'ding\u0007',
  'line separator': 'one\u2028two',
  'vertical tab and form feed': 'a\u000bb\u000cc',
};
const hostile = Object.values(sequences).join(' | ');

/** Every character a view must not pass on raw (tab and newline are fine). */
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const usage = { llmCalls: 2, promptTokens: 10, completionTokens: 5, replans: 0, stepRuns: 2, reusedSteps: 0 };
const steps = [
  { id: '1', action: `Fetch ${hostile}`, tool: 'fetch', args: { url: hostile }, dependsOn: [], needs: [] },
  { id: '2', action: `Summarise ${hostile}`, tool: 'llm', args: { prompt: hostile }, dependsOn: [], needs: ['1'] },
];
const bodies: EventBody[] = [
  { kind: 'run-started', runId: 'r1', pipeline: 'p', file: 'p.yaml', pipelineHash: 'h', inputs: { topic: hostile } },
  { kind: 'plan-requested', planNumber: 1, attempt: 1, purpose: 'plan' },
  { kind: 'plan-rejected', planNumber: 1, attempt: 1, problems: [{ code: 'unknown-tool', message: `step 3 names tool "${hostile}", which is not declared` }] },
  { kind: 'plan-requested', planNumber: 1, attempt: 2, purpose: 'repair' },
  { kind: 'plan-accepted', planNumber: 1, steps, criticalPathLength: 2 },
  { kind: 'step-started', planNumber: 1, stepId: '1', tool: 'fetch', action: steps[0]!.action },
  { kind: 'step-retrying', planNumber: 1, stepId: '1', attempt: 1, maxAttempts: 2, delayMs: 10, error: `503 ${hostile}` },
  { kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 5, outputPreview: `output ${hostile}` },
  { kind: 'step-started', planNumber: 1, stepId: '2', tool: 'llm', action: steps[1]!.action },
  { kind: 'step-failed', planNumber: 1, stepId: '2', durationMs: 5, error: `the tool said ${hostile}\nand more ${hostile}` },
  { kind: 'run-finished', status: 'failed', error: `step 2 (llm) failed: ${hostile}`, result: hostile, usage },
] as EventBody[];

const events = (): RunEvent[] => emittedEvents(bodies);

/** The run as `show` reads it back, with a result too (a run-finished carries one only when it succeeded). */
function record() {
  return { ...foldRun(events()), result: `the result ${hostile}` };
}

describe('control characters from model or tool text', () => {
  it('are escaped by the one function every view uses, and only they', () => {
    expect(visibleText('\u001b]52;c;x\u0007 a\tb\nc\r')).toBe('\\x1b]52;c;x\\x07 a\tb\\nc\\r');
    expect(visibleLines('a\u001b[2Jb\r\nc\rd\ne\u009b')).toBe('a\\x1b[2Jb\nc\\rd\ne\\x9b');
    expect(visibleText('plain text, émojis 🎉 and tabs\tstay')).toBe('plain text, émojis 🎉 and tabs\tstay');
    // Still the same value once parsed: only characters JSON.stringify leaves raw are escaped further.
    const value = { text: hostile };
    expect(JSON.parse(visibleJson(value))).toEqual(value);
    expect(visibleJson(value)).not.toMatch(raw);
  });

  it.each(Object.entries(sequences))('%s: no plain progress line passes it on', (_name, sequence) => {
    const lines: string[] = [];
    const view = createPlainView((line) => lines.push(line));
    for (const event of events()) view({ ...event, ...('action' in event ? { action: sequence } : {}), ...('error' in event ? { error: sequence } : {}) } as RunEvent);
    expect(lines.join('\n')).not.toMatch(raw);
  });

  it('the plain lines, the JSON lines and the terminal tree\'s words show them escaped', () => {
    const lines: string[] = [];
    const plain = createPlainView((line) => lines.push(line));
    const json: string[] = [];
    const jsonView = createJsonView((line) => json.push(line));
    let model = emptyProgress;
    for (const event of events()) {
      plain(event);
      jsonView(event);
      model = foldProgress(model, event, 0);
    }
    expect(lines.join('\n')).not.toMatch(raw);
    expect(lines.join('\n')).toContain('\\x1b]52;c;cGF5bG9hZA==\\x07');
    expect(json.join('\n')).not.toMatch(raw);
    for (const group of describeProgress(model).groups) {
      for (const text of [group.title, ...(group.kind === 'plan' ? group.rows.flatMap((row) => [row.title, row.message ?? '']) : [group.error ?? ''])]) expect(text).not.toMatch(raw);
    }
  });

  it('the terminal tree draws none of them (only its own cursor and colour codes)', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 400, rows: 60 });
    let drawn = '';
    stream.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const view = createTerminalView(stream as unknown as NodeJS.WriteStream, { now: () => 0, tickMs: 5 });
    for (const event of events()) view.onEvent(event);
    await view.finished();
    expect(drawn).toContain('Summarise');
    // listr2 writes CSI sequences of its own (cursor, erase, colours); none of the hostile ones appear.
    const withoutOwnCodes = drawn.replace(/\u001b\[[0-9;?]*[ABCDGHJKlmh]/g, '');
    expect(withoutOwnCodes).not.toMatch(raw);
    for (const sequence of ['\u001b]52;', '\u001b[2J', '\u001b]8;;', '\u009b', '\u009d', '\u202e']) expect(drawn).not.toContain(sequence);
  });

  it('`show` as a tree and as Markdown shows them escaped', () => {
    for (const text of [formatRunTree(record()), formatRunMarkdown(record())]) {
      expect(text).not.toMatch(raw);
      expect(text).toContain('\\x1b[2J');
    }
    expect(formatRunTree(record())).toContain('result:\nthe result ');
    expect(summarizeRun(record()).status).toBe('failed');
  });

  it('`show --format markdown` puts the error and result in fences nothing inside can close, and table cells stay cells', () => {
    const run = { ...record(), resultFormat: 'text' as const, error: 'boom\n```\n# Injected heading\n<img src=x>', result: '```\n[click](https://evil.example)' };
    const markdown = formatRunMarkdown(run);
    expect(markdown).toContain('````text\nboom\n```\n# Injected heading\n<img src=x>\n````');
    expect(markdown).toContain('````text\n```\n[click](https://evil.example)\n````');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| 1.') || line.startsWith('| 2.'));
    expect(rows).toHaveLength(2);
    // Six cells each: a model's `|` is escaped.
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });

  it('`show --format markdown` renders a Markdown result as the Action summary does: inert HTML and images, an open fence closed', () => {
    const run = { ...record(), resultFormat: 'markdown' as const, result: '## Findings\n\n- one <img src=x onerror=alert(1)>\n![pixel](https://evil.example/p.png)\n\n```js\nstill open' };
    const markdown = formatRunMarkdown(run);
    const result = markdown.slice(markdown.indexOf('## Result\n\n') + '## Result\n\n'.length);
    expect(result).toBe('## Findings\n\n- one <\u200bimg src=x onerror=alert(1)>\n!\u200b[pixel](https://evil.example/p.png)\n\n```js\nstill open\n```\n');
  });

  it('the GitHub summary and plan reviews (Mermaid, DOT, JSON) show them escaped', () => {
    const summary = renderRunSummary({ pipelineName: 'p', pipelineFile: 'p.yaml' }, events(), { status: 'failed', runId: 'r1', error: hostile, usage });
    expect(summary).not.toMatch(raw);
    // One step per sequence, so none hides past the 80-character cut of a label.
    const reviewed = Object.values(sequences).map((sequence, index) => ({ id: String(index + 1), action: sequence, tool: 'fetch', args: { url: sequence }, needs: [], level: 0 }));
    const graph = { steps: reviewed, order: reviewed.map((step) => step.id), criticalPathLength: 1 };
    for (const format of ['mermaid', 'dot', 'json'] as const) expect(renderGraph(graph, format), format).not.toMatch(raw);
  });
});
