// The position mapping behind "each placeholder at its own line:col": an offset in a string's value
// back to the file, through block scalars, folded lines, quotes and escapes.

import { describe, expect, it } from 'vitest';
import { isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import { positionInScalar, positionInText, scalarOffsets } from '../../src/source/scalar-positions.ts';
import { nodeAt, parseYamlSource } from '../../src/source/yaml-source.ts';
import type { InstancePath } from '../../src/source/yaml-source.ts';

const parse = (text: string) => parseYamlSource(text, '/abs/p.yaml', 'p.yaml');

/** Where `needle` of the value at `path` is, by the mapping; and where it is in the text, by search. */
function both(text: string, path: InstancePath, needle: string, occurrence = 0) {
  const source = parse(text);
  const value = nodeAt(source, path) as Scalar<string>;
  let index = -1;
  for (let k = 0; k <= occurrence; k++) index = value.value.indexOf(needle, index + 1);
  expect(index).toBeGreaterThanOrEqual(0);
  const mapped = positionInScalar(source, path, index);
  let offset = -1;
  for (let k = 0; k <= occurrence; k++) offset = text.indexOf(needle, offset + 1);
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { mapped: { line: mapped.line, col: mapped.col }, inText: { line: before.split('\n').length, col: offset - lineStart + 1 } };
}

/** Every character of the value that is written as itself sits at an offset holding that character. */
function eachCharacterAtItsOffset(text: string, path: InstancePath) {
  const source = parse(text);
  const node = nodeAt(source, path);
  if (!isScalar(node)) throw new Error('not a scalar');
  const offsets = scalarOffsets(text, node as Scalar<string>);
  expect(offsets).toBeDefined();
  const value = String(node.value);
  expect(offsets!.length).toBe(value.length + 1);
  for (let i = 0; i < value.length; i++) if (!/\s/.test(value[i]!)) expect(text[offsets![i]!]).toBe(value[i]);
}

describe('positionInScalar', () => {
  const cases: readonly [string, string, InstancePath, string][] = [
    ['a plain scalar', 'a: look at {{x}}\n', ['a'], '{{x}}'],
    ['a plain scalar folded over lines', 'a: first line\n  and the second\n\n  {{x}} after a blank line\n', ['a'], '{{x}}'],
    ['a double-quoted scalar in a flow list', 'command: [ls, "-l", "--", "${{ args.dir }}"]\n', ['command', 3], '${{'],
    ['a double-quoted scalar after escapes', 'a: "\\u0041\\t\\"q\\" \\\\ {{x}}"\n', ['a'], '{{x}}'],
    ['a double-quoted scalar with an escaped line break', 'a: "one \\\n  two {{x}}"\n', ['a'], '{{x}}'],
    ['a single-quoted scalar with a doubled quote', "a: 'it''s {{x}}'\n", ['a'], '{{x}}'],
    ['a literal block in a list item', 'items:\n  - |\n    line one\n      indented {{y}}\n    {{x}} here\n', ['items', 0], '{{x}}'],
    ['a folded block with a more-indented line', 'a: >-\n  folded\n  text\n\n    kept as is\n  then {{x}}\n', ['a'], '{{x}}'],
    ['a block with an indentation indicator', 'a: |2\n    two spaces kept {{x}}\n', ['a'], '{{x}}'],
    ['a block that keeps its final line breaks', 'a: |+\n  {{x}}\n\n\nb: 1\n', ['a'], '{{x}}'],
    ['a block whose header has a comment', 'a: >  # the task\n  do {{x}}\n', ['a'], '{{x}}'],
    ['a character outside the BMP before the placeholder', 'a: "\u{1F600} {{x}}"\n', ['a'], '{{x}}'],
  ];

  it.each(cases)('%s: the placeholder at its own line:col', (_name, text, path, needle) => {
    const { mapped, inText } = both(text, path, needle);
    expect(mapped).toEqual(inText);
  });

  it.each(cases.filter(([name]) => !/escape/.test(name)))('%s: every character at its offset', (_name, text, path) => {
    eachCharacterAtItsOffset(text, path);
  });

  it('the second of two equal placeholders, on its own line', () => {
    const text = 'task: |\n  {{x}} and\n  again {{x}}\n';
    expect(both(text, ['task'], '{{x}}', 1).mapped).toEqual({ line: 3, col: 9 });
  });

  it('an escape maps to where it is written', () => {
    const source = parse('a: "x\\u0041y"\n');
    expect(positionInScalar(source, ['a'], 1)).toMatchObject({ line: 1, col: 6 });
    expect(positionInScalar(source, ['a'], 2)).toMatchObject({ line: 1, col: 12 });
  });

  it('CRLF line ends', () => {
    const text = 'a: |\r\n  one\r\n  {{x}}\r\nb: >\r\n  two\r\n  three {{y}}\r\n';
    const source = parse(text);
    expect(positionInScalar(source, ['a'], 4)).toMatchObject({ line: 3, col: 3 });
    expect(positionInScalar(source, ['b'], (source.value as { b: string }).b.indexOf('{{y}}'))).toMatchObject({ line: 6, col: 9 });
  });

  it('the end of a value is after its last character', () => {
    const source = parse('a: "abc"\n');
    expect(positionInScalar(source, ['a'], 3)).toMatchObject({ line: 1, col: 8 });
  });

  it('falls back to the start of the value where it cannot map: an alias', () => {
    const source = parse('a: &t "one {{x}}"\nb: *t\n');
    expect(positionInScalar(source, ['b'], 4)).toMatchObject({ line: 2, col: 4 });
  });
});

describe('positionInText', () => {
  it('counts lines and columns of a prompt file, CRLF included', () => {
    const text = 'line one\r\nline two {{x}}\n{{y}}';
    expect(positionInText(text, 'p.hbs', text.indexOf('{{x}}'))).toEqual({ file: 'p.hbs', line: 2, col: 10 });
    expect(positionInText(text, 'p.hbs', text.indexOf('{{y}}'))).toEqual({ file: 'p.hbs', line: 3, col: 1 });
  });
});
