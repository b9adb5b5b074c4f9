// A run renders the built-in prompts from their precompiled code: the environment planexec makes
// here cannot compile, and every built-in prompt still renders (toolList partial included).

import { describe, expect, it, vi } from 'vitest';
import * as prompts from '../../src/prompt/default-prompts.ts';
import { loadHandlebars } from '../../src/prompt/load-handlebars.ts';

describe('the built-in prompts at run time', () => {
  it('render with no template compiled', async () => {
    const handlebars = loadHandlebars();
    const create = handlebars.create.bind(handlebars);
    const compiled: string[] = [];
    vi.spyOn(handlebars, 'create').mockImplementation(() => {
      const environment = create();
      environment.compile = ((source: string) => {
        compiled.push(source);
        throw new Error('compiled at run time');
      }) as typeof environment.compile;
      return environment;
    });
    // Imported after the spy: the module makes its environment on first use.
    const { renderTemplate } = await import('../../src/prompt/template-engine.ts');
    const data = { task: 'T', tools: [{ name: 'llm', description: 'd', args: {}, output: 'text' }], maxSteps: 3, problems: ['p'], previous: { steps: [] }, succeeded: [], failed: { id: 1, tool: 'llm', args: {}, error: 'e' }, kept: [], step: { id: 1, action: 'a', args: {} }, tool: { name: 'llm', description: 'd', args: {} }, error: 'e' };
    for (const [name, source] of Object.entries(prompts as Record<string, unknown>)) {
      if (typeof source !== 'string' || !source.includes('{{')) continue;
      expect(renderTemplate(source, name, data), name).not.toContain('{{');
    }
    expect(compiled).toEqual([]);
  });
});
