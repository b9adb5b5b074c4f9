import { describe, expect, it } from 'vitest';
import { namesUnder, scanTemplate } from '../../src/prompt/template-check.ts';
import { renderTemplate, TemplateError } from '../../src/prompt/template-engine.ts';

describe('templates', () => {
  it('say which field is missing, in words, with its place in the template', () => {
    expect(() => renderTemplate('Hi {{inputs.nme}}', 'task', { inputs: { name: 'Ann' } })).toThrow(new TemplateError('task: "nme" is not defined (template line 1, column 6)'));
  });

  it('say when a path walks into a plain value', () => {
    expect(() => renderTemplate('Hi {{inputs.name.first}}', 'task', { inputs: { name: 'Ann' } })).toThrow(
      new TemplateError('task: cannot read "first" of "Ann": it is a plain value, not an object with fields'),
    );
  });

  it('cannot reach prototypes, and render data as text, never as a template', () => {
    expect(() => renderTemplate('{{constructor.constructor}}', 'task', {})).toThrow(TemplateError);
    expect(renderTemplate('{{value}}', 'task', { value: '{{constructor.constructor "return 1"}}' })).toBe('{{constructor.constructor "return 1"}}');
  });
});

describe('each template text is parsed once', () => {
  it('the checks get one scan per text, the same for every caller', () => {
    const text = 'Notes for {{inputs.version}} ({{args.file}})';
    const first = scanTemplate(text);
    expect(first).toEqual(scanTemplate(`${text}`));
    expect(scanTemplate(text)).toBe(first);
  });

  it('a template is compiled from the tree the checks parsed, and renders as from its text', () => {
    const text = '{{#each items}}\n  - {{this}}\n{{/each}}\nend {{"literal"}}';
    const scan = scanTemplate(text);
    expect(renderTemplate(text, 'list', { items: ['a', 'b'], literal: 'L' })).toBe('  - a\n  - b\nend L');
    // Compiling changes the tree it is given (whitespace control, literal paths): the scan is unchanged.
    expect(scanTemplate(text)).toBe(scan);
    expect(namesUnder(scan, 'literal')).toEqual([]);
  });

  it('text with nothing to fill in renders as written, escapes resolved', () => {
    expect(renderTemplate('--format=%s', 'argv', {})).toBe('--format=%s');
    expect(renderTemplate('\\{{not a placeholder}}', 'argv', {})).toBe('{{not a placeholder}}');
    expect(renderTemplate('', 'argv', {})).toBe('');
  });

  it('a syntax error is the same error on every use', () => {
    for (let use = 0; use < 2; use++) expect(() => renderTemplate('{{#if x}}', 'task', {})).toThrow(/^task: Parse error on line 1:/);
  });
});
