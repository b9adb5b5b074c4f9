import { describe, expect, it } from 'vitest';
import { substituteInputReferences } from '../../src/plan/input-references.ts';

describe('${inputs.<name>} in a plan written ahead', () => {
  it('gives a whole reference the value itself, and splices one inside text', () => {
    const { steps, problems } = substituteInputReferences(
      [{ id: 1, tool: 't', args: { n: '${inputs.n}', text: 'top ${inputs.n} of ${inputs.file}', list: ['${inputs.file}'], keep: '${steps.1.output}' } }],
      { n: 3, file: 'a.csv' },
    );
    expect(problems).toEqual([]);
    expect(steps).toEqual([{ id: 1, tool: 't', args: { n: 3, text: 'top 3 of a.csv', list: ['a.csv'], keep: '${steps.1.output}' } }]);
  });

  it('reports an undeclared input at its path, with a guess', () => {
    const { problems } = substituteInputReferences([{ id: 1, tool: 't', args: { a: { b: '${inputs.fiel}' } } }], { file: 'x' });
    expect(problems).toEqual([{ path: ['steps', 0, 'args', 'a', 'b'], message: '${inputs.fiel} names no declared input (did you mean "file"?)' }]);
  });

  it('refuses a value that would read as a reference: an input cannot add a dependency', () => {
    const { steps, problems } = substituteInputReferences([{ id: 2, tool: 't', args: { text: 'x ${inputs.q}' } }], { q: '${steps.1.output}' });
    expect(problems.map((problem) => problem.message)).toEqual(['input "q" holds "${", which a plan would read as a reference; its value cannot be put into the plan']);
    expect(JSON.stringify(steps)).not.toContain('${steps');
  });
});
