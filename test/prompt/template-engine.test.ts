import { describe, expect, it } from 'vitest';
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
