// The built-in prompts are precompiled at build time (scripts/generate-prompts.ts). The committed file
// must be what the generator makes of them with the installed Handlebars, and each precompiled prompt
// must render what Handlebars compiling its text at run time renders: the same text for the same data,
// the same error for data that lacks a field.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { precompiledPromptsPath, renderPrecompiledPrompts, repoRoot } from '../../scripts/generate-prompts.ts';
import * as prompts from '../../src/prompt/default-prompts.ts';
import { precompiledPrompts } from '../../src/prompt/default-prompts.precompiled.generated.ts';
import { compileOptions, newEngine, renderTemplate } from '../../src/prompt/template-engine.ts';

const tools = [
  { name: 'grep_lines', description: 'Lines of a file that match', args: { type: 'object', properties: { pattern: { type: 'string' } } }, output: 'text' },
  { name: 'llm', description: 'Ask the model', args: { type: 'object' }, output: 'text' },
];

/** Data every prompt may read, with lists full and empty (the `{{else}}` branches), and with a field missing. */
const datasets: Record<string, unknown>[] = [
  {
    task: 'Write the release notes for v1.2',
    tools,
    maxSteps: 12,
    problems: ['step 2: unknown tool "grpe"', 'step 3: depends on step 9, which is not in the plan'],
    previous: { steps: [{ id: 1, tool: 'grep_lines', action: 'Find commits', status: 'succeeded' }, { id: 2, tool: 'llm', action: 'Draft', status: 'failed' }] },
    succeeded: [{ id: 1, output: 'feat: a\nfix: b' }],
    failed: { id: 2, tool: 'llm', args: { prompt: 'Draft ${steps.1.output}' }, error: 'the model refused' },
    kept: [{ id: 1, tool: 'grep_lines', action: 'Find commits', status: 'succeeded', preview: 'feat: a' }, { id: 3, tool: 'llm', action: 'Check', status: 'succeeded' }],
    step: { id: 2, action: 'Draft', args: { prompt: 7 } },
    tool: tools[1],
    error: 'prompt must be a string',
  },
  { task: 'Nothing yet', tools: [], maxSteps: 1, problems: [], previous: { steps: [] }, succeeded: [], failed: { id: 1, tool: 'llm', args: {}, error: '' }, kept: [], step: { id: 1, action: '', args: {} }, tool: tools[0], error: '' },
  { tools },
];

const templates: [string, string][] = Object.entries(prompts as Record<string, unknown>).flatMap(([name, source]) => (typeof source === 'string' && source.includes('{{') ? [[name, source] as [string, string]] : []));

describe('the precompiled built-in prompts', () => {
  it('are what `npm run generate:prompts` writes from src/prompt/default-prompts.ts', async () => {
    const committed = await readFile(path.join(repoRoot, precompiledPromptsPath), 'utf8');
    if (committed !== renderPrecompiledPrompts()) expect.fail(`${precompiledPromptsPath} is stale: run \`npm run generate:prompts\` and commit it`);
  });

  it('cover every built-in prompt with placeholders, and render each as Handlebars compiling its text does', () => {
    expect([...precompiledPrompts.keys()].sort()).toEqual(templates.map(([, source]) => source).sort());
    const atRunTime = newEngine({ precompiled: false });
    const outcome = (render: () => string) => {
      try {
        return { text: render() };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    let rendered = 0;
    for (const [name, source] of templates) {
      const compiled = atRunTime.compile(source, compileOptions);
      for (const [index, data] of datasets.entries()) {
        const fresh = outcome(() => compiled(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }));
        const ours = outcome(() => renderTemplate(source, name, data));
        if ('error' in fresh) expect(ours, `${name}, data ${index}`).toEqual({ error: expect.stringContaining(name) });
        else expect(ours, `${name}, data ${index}`).toEqual(fresh);
        if ('text' in fresh) rendered++;
      }
    }
    // Most renders succeed (the last data set lacks fields on purpose).
    expect(rendered).toBeGreaterThanOrEqual(templates.length * 2);
  });
});
