import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/index.ts';
import { projectSchemaValidator } from '../../src/source/project-schemas.ts';
import { checkSchema } from '../../src/source/schema-check.ts';
import { parseYamlSource } from '../../src/source/yaml-source.ts';

const check = (text: string) => checkSchema(projectSchemaValidator('pipeline'), parseYamlSource(text, '/abs/p.yaml', 'p.yaml')).map(formatDiagnostic);
const valid = ['version: 1', 'name: n', 'task: t', 'tools: []'];

describe('checkSchema', () => {
  it('accepts a valid document', () => {
    expect(check(valid.join('\n'))).toEqual([]);
  });

  it('points an unknown field at its key and suggests the closest allowed one', () => {
    expect(check([...valid, 'taks: x', 'planning: { maxStep: 3 }'].join('\n'))).toEqual([
      'p.yaml:5:1 error: unknown field "taks" (did you mean "task"?)',
      'p.yaml:6:13 error: unknown field "maxStep" (did you mean "maxSteps"?)',
    ]);
  });

  it('explains an unknown field made by a comma inside a flow map', () => {
    expect(check([...valid, 'inputs:', '  log: { description: Commit subjects, one per line }'].join('\n'))).toEqual([
      'p.yaml:6:40 error: unknown field "one per line" (a comma inside { … } or [ … ] starts a new entry: put text containing commas in quotes)',
    ]);
  });

  it('reports missing required fields once, at the map that lacks them', () => {
    expect(check('# header\nversion: 1\nname: n\n')).toEqual(['p.yaml:2:1 error: missing required fields "task" and "tools"']);
    expect(check([...valid.slice(0, 3), 'tools:', '  - name: x', '    description: d', '    command: [x]'].join('\n'))).toEqual([
      'p.yaml:5:5 error: missing required field "args" (the JSON Schema of the arguments a plan may pass, e.g. args: { type: object, properties: { file: { type: string } }, required: [file] }; for none, args: { type: object })',
    ]);
  });

  it('names the allowed values of an enum', () => {
    expect(check([...valid, 'replan: { strategy: tail }'].join('\n'))).toEqual([
      'p.yaml:5:21 error: "replan.strategy" must be one of: full, tail-only, retry-step, none (got "tail")',
    ]);
  });

  it('names the expected and the actual type', () => {
    expect(check([...valid, 'planning:', '  maxSteps: ten'].join('\n'))).toEqual([
      'p.yaml:6:13 error: "planning.maxSteps" must be an integer (got string "ten")',
    ]);
    expect(check('version: 1\nname: n\ntask: t\ntools: 5\n')).toEqual(['p.yaml:4:8 error: "tools" must be a list (got number 5)']);
  });

  it('explains a pattern with the schema\'s own wording', () => {
    expect(check([...valid, 'execution: { stepTimeout: 5 minutes }'].join('\n'))).toEqual([
      'p.yaml:5:27 error: "execution.stepTimeout" must be a duration such as 30s, 5m, 1h or 500ms, or a number of milliseconds (got "5 minutes")',
    ]);
  });

  it('says so when the file is empty or not a map', () => {
    expect(check('')).toEqual(['p.yaml:1:1 error: the file is empty; the top level must be a map']);
    expect(check('- a\n')).toEqual(['p.yaml:1:1 error: the top level must be a map (got a list)']);
  });

  it('reduces an anyOf cascade to the one relevant message', () => {
    const tool = (args: string) => [...valid.slice(0, 3), 'tools:', '  - name: x', '    description: d', '    command: [x]', `    args: ${args}`].join('\n');
    expect(check(tool('{ type: object, properties: { a: { type: strin } } }'))).toEqual([
      'p.yaml:8:52 error: "tools[0].args.properties.a.type" must be one of: array, boolean, integer, null, number, object, string (got "strin"; did you mean "string"?)',
    ]);
    expect(check(tool('{ type: object, properties: { a: { items: 5 } } }'))).toEqual([
      'p.yaml:8:53 error: "tools[0].args.properties.a.items" must be a map, a boolean or a list (got number 5)',
    ]);
  });

  it('reports one message per oneOf failure where every branch has the wrong type', () => {
    const ajv = new Ajv({ allErrors: true, verbose: true });
    const validate = ajv.compile({ type: 'object', properties: { v: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } });
    const diagnostics = checkSchema(validate, parseYamlSource('v: [1]\n', '/abs/x.yaml', 'x.yaml')).map(formatDiagnostic);
    expect(diagnostics).toEqual(['x.yaml:1:4 error: "v" must be a string or an integer (got a list)']);
  });
});
