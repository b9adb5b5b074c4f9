// The placeholder check on its own: no false alarm on planexec's own prompts, and the dialects it
// knows, each with the spelling planexec reads.

import { describe, expect, it } from 'vitest';
import { defaultPlanPrompt, defaultRepairPrompt, defaultReplanPrompt, defaultTailPrompt } from '../../src/prompt/default-prompts.ts';
import { scanTemplate } from '../../src/prompt/template-check.ts';
import { renderTemplate } from '../../src/prompt/template-engine.ts';
import { checkTemplatePlaceholders } from '../../src/tools/check-template-placeholders.ts';
import type { PlaceholderField } from '../../src/tools/check-template-placeholders.ts';

const locate = (offset: number) => ({ file: 't', line: 1, col: offset + 1 });
const check = (template: string, field: PlaceholderField) => checkTemplatePlaceholders(template, scanTemplate(template), field, locate).diagnostics;
const shared = { task: {}, tools: {}, maxSteps: {} };
const command: PlaceholderField = { label: 'command', reader: 'a command', roots: { args: { names: ['dir', 'file'] } }, reportedElsewhere: ['env', 'secrets'] };

describe('checkTemplatePlaceholders', () => {
  it.each([
    ['plan', defaultPlanPrompt, { ...shared, inputs: { names: [] } }],
    ['replan', defaultReplanPrompt, { ...shared, previous: {}, succeeded: {}, failed: {} }],
    ['tail', defaultTailPrompt, { ...shared, kept: {}, replace: {}, failed: {} }],
    ['repair', defaultRepairPrompt, { problems: {} }],
  ])('finds nothing wrong in the built-in %s prompt, read as a prompt file', (name, template, roots) => {
    expect(check(template, { label: `${name} prompt`, reader: `the ${name} prompt`, roots, prose: true })).toEqual([]);
  });

  it.each([
    ['${{ args.dir }}', 'GitHub Actions expression syntax', '{{args.dir}}'],
    ['${{ inputs.dir }}', 'GitHub Actions expression syntax', '{{args.dir}}'],
    ['${args.fiel}', '${…} syntax (shell, JavaScript, promptflow)', '{{args.file}}'],
    ['${dir}', '${…} syntax (shell, JavaScript, promptflow)', '{{args.dir}}'],
    ['$(args.dir)', '$(…) syntax (Azure Pipelines, make)', '{{args.dir}}'],
    ['{args.dir}', '{…} syntax (Python format strings, LangChain, OpenAPI paths)', '{{args.dir}}'],
    ['%(dir)s', '%(…)s syntax (Python)', '{{args.dir}}'],
    ['<%= args.dir %>', '<%= … %> syntax (EJS, ERB)', '{{args.dir}}'],
    ['{{ .args.dir }}', 'Go template syntax', '{{args.dir}}'],
    ["{{ args['dir'] }}", 'Jinja subscript syntax', '{{args.dir}}'],
    ['{{ args.dir | lower }}', 'a Jinja filter (Handlebars has no filters)', '{{args.dir}}'],
  ])('%s is %s; fix %s', (placeholder, syntax, fix) => {
    const [diagnostic] = check(`--path=${placeholder}`, command);
    expect(diagnostic).toMatchObject({ col: 8, severity: 'error', message: `command placeholder ${placeholder} is ${syntax}; planexec templates are Handlebars; use ${fix}`, hint: `use ${fix}`, fix: { text: fix } });
  });

  it('leaves shell variables, braces of other text and plain Handlebars alone', () => {
    expect(check('${HOME} {} {"a": 1} $(date) {{args.dir}} {{{args.file}}}', command)).toEqual([]);
  });

  it('text for the model may quote GitHub Actions: the message says how to escape it, and the escape renders the text', () => {
    const task = { label: 'task', reader: 'the task', roots: { inputs: { names: ['dir'] } }, prose: true };
    expect(check('Use ${{ secrets.TOKEN }} in the workflow', task)).toMatchObject([
      { message: 'task placeholder ${{ secrets.TOKEN }} is GitHub Actions expression syntax; planexec templates are Handlebars, and the task reads {{inputs.NAME}} (to keep it as text, write $\\{{ secrets.TOKEN }})' },
    ]);
    expect(check('Use $\\{{ secrets.TOKEN }} in the workflow', task)).toEqual([]);
    expect(renderTemplate('Use $\\{{ secrets.TOKEN }} in the workflow', 'task', { inputs: {} })).toBe('Use ${{ secrets.TOKEN }} in the workflow');
  });

  it('in prose, ${{x}} right before a known placeholder may be a dollar sign: a warning', () => {
    const result = { label: 'result', reader: 'the result template', roots: { inputs: { names: ['price'] }, steps: { entryFields: ['output'] }, last: {} }, prose: true };
    expect(check('Total: ${{inputs.price}}', result)).toMatchObject([{ severity: 'warning', hint: 'use {{inputs.price}}' }]);
    expect(check('Total: ${{ inputs.price }}', result)).toMatchObject([{ severity: 'error' }]);
  });
});
