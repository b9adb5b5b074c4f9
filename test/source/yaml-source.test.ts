import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/index.ts';
import { displayPathFor, parseYamlSource, positionAt, readYamlSource } from '../../src/source/yaml-source.ts';

const parse = (text: string) => parseYamlSource(text, '/abs/p.yaml', 'p.yaml');
const messages = (text: string) => parse(text).diagnostics.map(formatDiagnostic);

describe('parseYamlSource', () => {
  it('gives the plain value of a well-formed file', () => {
    const source = parse('name: x\nlist: [1, two]\n');
    expect(source.parsed).toBe(true);
    expect(source.value).toEqual({ name: 'x', list: [1, 'two'] });
    expect(source.diagnostics).toEqual([]);
  });

  it('reports YAML syntax errors as file:line:col with the parser message, one per line', () => {
    expect(messages('version: 1\nname: n\n task: t\ntools: [\n')).toEqual([
      'p.yaml:3:2 error: YAML syntax error: this line is not indented like the lines around it (the fields of one map start at the same column; in a list item, under the first field after its "- ")',
      'p.yaml:5:1 error: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(parse('a: [1\n').parsed).toBe(false);
  });

  it('points an unclosed quote at its opening quote, not at the end of the file', () => {
    expect(messages("a: 'open\nb: 1\n")).toEqual(["p.yaml:1:4 error: YAML syntax error: Missing closing 'quote"]);
  });

  it('reports tab indentation', () => {
    expect(messages('key: value\n\tb: 1\n')).toEqual(['p.yaml:2:1 error: YAML syntax error: Tabs are not allowed as indentation; indent with spaces']);
  });

  it('reports a duplicate key at the second occurrence, naming the first', () => {
    expect(messages('name: a\ntask: t\nname: b\nplanning:\n  maxSteps: 2\n  maxSteps: 3\n')).toEqual([
      'p.yaml:3:1 error: duplicate key "name" (first defined at 1:1)',
      'p.yaml:6:3 error: duplicate key "maxSteps" (first defined at 5:3)',
    ]);
  });

  it('rejects prototype-polluting keys anywhere and leaves them out of the value', () => {
    const source = parse('env:\n  __proto__: { polluted: yes }\n  constructor: x\n  prototype: y\n  ok: z\n');
    expect(source.diagnostics.map(formatDiagnostic)).toEqual([
      'p.yaml:2:3 error: "__proto__" is not allowed as a key',
      'p.yaml:3:3 error: "constructor" is not allowed as a key',
      'p.yaml:4:3 error: "prototype" is not allowed as a key',
    ]);
    expect(source.value).toEqual({ env: { ok: 'z' } });
    expect(Object.getOwnPropertyNames((source.value as { env: object }).env)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const source = parse(bomb);
    expect(source.parsed).toBe(false);
    expect(source.diagnostics.map(formatDiagnostic)).toEqual([
      'p.yaml:2:8 error: YAML aliases expand to too many nodes (limit 100); refusing a possible resource exhaustion attack',
    ]);
  });

  it('still resolves a few ordinary aliases', () => {
    expect(parse('base: &b { x: 1 }\nother: *b\n').value).toEqual({ base: { x: 1 }, other: { x: 1 } });
  });

  it('reports unknown and self-containing aliases without throwing', () => {
    expect(messages('a: *nope\n')).toEqual(['p.yaml:1:4 error: unknown YAML alias *nope (define the anchor &nope before using it)']);
    expect(messages('a: &x [*x]\n')).toEqual(['p.yaml:1:8 error: YAML alias *x refers to a node that contains it']);
  });

  it('rejects collection keys', () => {
    expect(messages('? [a]\n: 1\n')).toEqual(['p.yaml:1:3 error: a map key must be a plain value, not a list, map or alias']);
  });

  it('keeps YAML 1.1 tags as plain strings and warns about unknown tags', () => {
    expect(parse('a: !!binary abc\n').value).toEqual({ a: 'abc' });
    expect(messages('a: !custom x\n')).toEqual(['p.yaml:1:4 warning: YAML: Unresolved tag: !custom']);
  });

  it('treats an empty file as a parsed null document', () => {
    const source = parse('# nothing here\n');
    expect(source.parsed).toBe(true);
    expect(source.value).toBeNull();
  });
});

describe('positionAt', () => {
  const source = parse(['# comment', 'tools:', '  - name: a', '    args: { type: object }', '  - name: b', '    empty:', 'task: t'].join('\n'));

  it('finds the node at an instance path', () => {
    expect(positionAt(source, ['tools', 1, 'name'])).toEqual({ file: 'p.yaml', line: 5, col: 11 });
    expect(positionAt(source, ['tools', 0, 'args', 'type'])).toEqual({ file: 'p.yaml', line: 4, col: 19 });
    expect(positionAt(source, ['tools', '1'])).toEqual({ file: 'p.yaml', line: 5, col: 5 });
    expect(positionAt(source, [])).toEqual({ file: 'p.yaml', line: 2, col: 1 });
  });

  it('finds a map key', () => {
    expect(positionAt(source, ['tools', 0, 'args'], 'key')).toEqual({ file: 'p.yaml', line: 4, col: 5 });
    expect(positionAt(source, ['task'], 'key')).toEqual({ file: 'p.yaml', line: 7, col: 1 });
  });

  it('points at the key of an empty value, and at the deepest existing node of a missing path', () => {
    expect(positionAt(source, ['tools', 1, 'empty'])).toEqual({ file: 'p.yaml', line: 6, col: 5 });
    expect(positionAt(source, ['tools', 0, 'missing'])).toEqual({ file: 'p.yaml', line: 3, col: 5 });
  });
});

describe('readYamlSource', () => {
  it('reports an unreadable file at 1:1 instead of throwing', async () => {
    const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-source-')));
    const source = await readYamlSource('missing.yaml', dir);
    expect(source.parsed).toBe(false);
    expect(source.diagnostics.map(formatDiagnostic)).toEqual(['missing.yaml:1:1 error: cannot read file: ENOENT: no such file or directory']);
  });

  it('shows paths relative to cwd inside it and absolute outside it', async () => {
    const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-source-')));
    await writeFile(path.join(dir, 'p.yaml'), 'a: 1\n');
    const source = await readYamlSource(path.join(dir, 'p.yaml'), dir);
    expect(source.displayPath).toBe('p.yaml');
    expect(source.file).toBe(path.join(dir, 'p.yaml'));
    expect(displayPathFor('/elsewhere/x.yaml', dir)).toBe('/elsewhere/x.yaml');
    expect(displayPathFor(path.join(dir, 'sub', 'x.yaml'), dir)).toBe(path.join('sub', 'x.yaml'));
  });
});
