import { describe, expect, it } from 'vitest';
import { ActionInputError } from '../../src/action/action-input-error.ts';
import { readActionInputs } from '../../src/action/action-inputs.ts';
import { parseRunInputs } from '../../src/action/parse-run-inputs.ts';

describe('the action\'s `inputs` input', () => {
  it('reads a YAML map, every value as text (1.10 stays "1.10"; the pipeline\'s types decide)', () => {
    expect(parseRunInputs('version: 1.10\nissue: 42\ndraft: true\ntitle: "a: b"\n# a comment\n')).toEqual({ version: '1.10', issue: '42', draft: 'true', title: 'a: b' });
  });

  it('reads name=value lines, like --input; the value is everything after the first =', () => {
    expect(parseRunInputs('since=v1.0.0\n  query=a=b c\n\n')).toEqual({ since: 'v1.0.0', query: 'a=b c' });
  });

  it('is empty when nothing is given', () => {
    expect(parseRunInputs('')).toEqual({});
    expect(parseRunInputs('  \n# nothing\n')).toEqual({});
  });

  it('keeps "__proto__" a plain input name', () => {
    const inputs = parseRunInputs('__proto__: x');
    expect(Object.keys(inputs)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
  });

  it('rejects lists, maps, duplicate keys and text that is neither form', () => {
    expect(() => parseRunInputs('labels: [a, b]')).toThrow('inputs: "labels" needs one value (text, a number, true or false), not a list or a map');
    expect(() => parseRunInputs('a: 1\na: 2')).toThrow(/Map keys must be unique/);
    expect(() => parseRunInputs('just some words')).toThrow(ActionInputError);
  });
});

describe('reading the action\'s inputs', () => {
  const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('takes defaults for what is empty', () => {
    expect(readActionInputs(reader({ pipeline: 'p.yaml' }))).toEqual({ pipeline: 'p.yaml', inputs: {}, workingDirectory: '.', failOnError: true, approve: false });
  });

  it('reads every input', () => {
    const read = reader({ pipeline: 'p.yaml', inputs: 'a=1', strategy: 'tail-only', concurrency: '3', model: 'm', 'base-url': 'http://x/v1', 'working-directory': 'sub', 'fail-on-error': 'False', approve: 'true' });
    expect(readActionInputs(read)).toEqual({ pipeline: 'p.yaml', inputs: { a: '1' }, strategy: 'tail-only', concurrency: 3, model: 'm', baseUrl: 'http://x/v1', workingDirectory: 'sub', failOnError: false, approve: true });
  });

  it('reports every problem at once', () => {
    const read = reader({ strategy: 'later', concurrency: '2.5', 'fail-on-error': 'yes' });
    expect(() => readActionInputs(read)).toThrow(
      ['pipeline: required; set it to the pipeline file, e.g. pipeline: pipelines/triage.yaml', 'strategy: must be one of full, tail-only, retry-step, none, got "later"', 'concurrency: must be a whole number of at least 1, got "2.5"', 'fail-on-error: must be true or false, got "yes"'].join('\n'),
    );
  });
});
