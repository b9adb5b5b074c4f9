import { describe, expect, it } from 'vitest';
import { formatDiagnostic, validateFiles } from '../../src/index.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

// The mistakes people make most when they write a pipeline by hand, and exactly what planexec says
// about each: where (file:line:col) and what to write instead. Word for word, so a message never
// gets worse unnoticed.

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const HEAD = ['version: 1', 'name: n', 'task: t'];
const GREP_TOOL = ['tools:', '  - name: grep_lines', '    description: Matching lines', '    command: [grep, -e, "{{args.pattern}}", --, "{{args.file}}"]'];
const GREP_ARGS = ['    args:', '      type: object', '      properties:', '        pattern: { type: string }', '        file: { type: string }'];

async function validate(text: string, extra: Record<string, string> = {}): Promise<string[]> {
  const dir = await tempProject({ 'p.yaml': text, ...extra });
  return (await validateFiles(['p.yaml'], dir)).map(formatDiagnostic);
}

describe('the ten most likely authoring mistakes', () => {
  it('1. a tool field indented differently from the fields above it', async () => {
    expect(await validate(lines(...HEAD, ...GREP_TOOL, '   args: { type: object }'))).toEqual([
      'p.yaml:8:4 error: YAML syntax error: this line is not indented like the lines around it (the fields of one map start at the same column; in a list item, under the first field after its "- ")',
    ]);
  });

  it('2. the lines of a map not indented under its field', async () => {
    expect(await validate(lines(...HEAD, 'tools: []', 'replan:', 'strategy: full'))).toEqual([
      'p.yaml:5:1 error: "replan" is empty, but must be a map: indent the lines that belong to it under it',
      'p.yaml:6:1 error: unknown field "strategy" (is it meant to be inside "replan", which is empty? indent it under that field)',
    ]);
  });

  it('3. a misspelt field: unknown field, with a did-you-mean', async () => {
    expect(await validate(lines('version: 1', 'name: n', 'taks: t', 'tools: []', 'replan: { strategy: full, maxReplan: 2 }'))).toEqual([
      'p.yaml:1:1 error: missing required field "task"',
      'p.yaml:3:1 error: unknown field "taks" (did you mean "task"?)',
      'p.yaml:5:27 error: unknown field "maxReplan" (did you mean "maxReplans"?)',
    ]);
  });

  it('4. a tool without args', async () => {
    expect(await validate(lines(...HEAD, ...GREP_TOOL))).toEqual([
      'p.yaml:5:5 error: missing required field "args" (the JSON Schema of the arguments a plan may pass, e.g. args: { type: object, properties: { file: { type: string } }, required: [file] }; for none, args: { type: object })',
    ]);
  });

  it('5. args written as the arguments themselves, not as a JSON Schema', async () => {
    expect(await validate(lines(...HEAD, ...GREP_TOOL, '    args:', '      file: { type: string }'))).toEqual([
      'p.yaml:9:7 error: missing required field "type" (args is a JSON Schema: write type: object and put the arguments under properties:)',
    ]);
  });

  it('6. a duration in words', async () => {
    expect(await validate(lines(...HEAD, 'tools: []', 'execution: { stepTimeout: 5 minutes }'))).toEqual([
      'p.yaml:5:27 error: "execution.stepTimeout" must be a duration such as 30s, 5m, 1h or 500ms, or a number of milliseconds (got "5 minutes")',
    ]);
  });

  it('7. an unknown replan strategy', async () => {
    expect(await validate(lines(...HEAD, 'tools: []', 'replan: { strategy: retry }'))).toEqual([
      'p.yaml:5:21 error: "replan.strategy" must be one of: full, tail-only, retry-step, none (got "retry")',
    ]);
  });

  it('8. an input with no default and no --input value', async () => {
    const dir = await tempProject({
      'p.yaml': lines('version: 1', 'name: n', 'task: "Summarise {{inputs.file}}"', 'inputs:', '  file: { description: The file to summarise }', 'model: { replay: rec.json }', 'tools: []'),
      'rec.json': '{"version": 1, "exchanges": []}\n',
    });
    expect(await validateFiles(['p.yaml'], dir)).toEqual([]);
    const run = await runCli(['run', 'p.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('error:'))).toEqual(['error: missing input "file": pass --input file=<string> (The file to summarise)']);
  });

  it('9. a command written as a shell line', async () => {
    expect(await validate(lines(...HEAD, 'tools:', '  - name: count', '    description: Count TODOs', '    command: grep -c TODO src/*.ts', '    args: { type: object }'))).toEqual([
      'p.yaml:7:14 error: "tools[0].command" must be a list (got string "grep -c TODO src/*.ts"); write the program and each argument as one list item, e.g. [grep, -c, TODO, "src/*.ts"] (a command never runs through a shell)',
    ]);
  });

  it('10. a value starting with {{ left without quotes', async () => {
    expect(await validate(lines('version: 1', 'name: n', 'task: {{inputs.file}} in three bullets', 'tools: []'))).toEqual([
      'p.yaml:3:7 error: YAML syntax error: a value that starts with {{ must be quoted as a whole: task: "{{inputs.file}} in three bullets"',
    ]);
    expect(await validate(lines(...HEAD, 'tools:', '  - name: show', '    description: Show a commit', '    command: [git, show, {{args.ref}}]', '    args: { type: object, properties: { ref: { type: string } } }'))).toEqual([
      'p.yaml:7:27 error: {{args.ref}} without quotes is a YAML map, not text: put it in quotes, "{{args.ref}}"',
    ]);
  });
});

describe('more mistakes worth a clear message', () => {
  it('a description containing ": " without quotes', async () => {
    expect(await validate(lines(...HEAD, 'tools:', '  - name: grep_lines', '    description: Lines: the ones that match', '    command: [grep]', '    args: { type: object }'))).toEqual([
      'p.yaml:6:18 error: YAML syntax error: a value containing ": " must be in quotes: description: "Lines: the ones that match"',
    ]);
  });

  it('a placeholder naming an argument or input that is not declared', async () => {
    expect(await validate(lines('version: 1', 'name: n', 'task: "Summarise {{inputs.fiel}}"', 'inputs:', '  file: { default: a.txt }', ...GREP_TOOL.slice(0, 3), '    command: [grep, -e, "{{args.patern}}", --, "{{args.file}}"]', ...GREP_ARGS))).toEqual([
      'p.yaml:3:18 error: task placeholder {{inputs.fiel}} names no declared input (did you mean "file"?)',
      'p.yaml:9:26 error: command placeholder {{args.patern}} names no declared argument (did you mean "pattern"?)',
    ]);
  });

  it('a tool file that is not there', async () => {
    expect(await validate(lines(...HEAD, 'tools:', '  - use: tools/gti.yaml'), { 'tools/git.yaml': '[]\n' })).toEqual([
      'p.yaml:5:10 error: tool file "tools/gti.yaml" not found: a use: path is relative to the file that declares it, p.yaml, so this one names tools/gti.yaml; write use: tools/git.yaml',
    ]);
  });

  it('tabs for indentation', async () => {
    expect(await validate(lines(...HEAD, 'tools:', '\t- use: tools.yaml'))).toEqual(['p.yaml:5:1 error: YAML syntax error: Tabs are not allowed as indentation; indent with spaces']);
  });

  it('tools written without "- "', async () => {
    expect(await validate(lines(...HEAD, 'tools:', '  name: grep_lines', '  description: d', '  command: [grep]', '  args: { type: object }'))).toEqual([
      'p.yaml:5:3 error: "tools" must be a list (got a map); start each item with "- "',
    ]);
  });
});
