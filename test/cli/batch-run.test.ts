// `planexec run --data … --out …` through the CLI: one run per row, results in row order, bad rows
// marked with their place, CSV read properly, and a batch killed with SIGKILL continued by a rerun.

import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';

const node = JSON.stringify(process.execPath);

const pipelineYaml = `version: 1
name: greet
task: "Greet {{inputs.name}} in {{inputs.style}} style, {{inputs.times}} times"
inputs:
  name: { type: string }
  style: { type: string, default: plain }
  times: { type: number, default: 1 }
model: { name: test-model }
tools:
  - name: echo
    description: Prints its arguments
    command: [${node}, echo.js, "{{args.text}}"]
    cwd: .
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
  - name: gate
    description: Waits until the file "open" exists
    command: [${node}, gate.js]
    cwd: .
    args: { type: object, properties: {}, additionalProperties: false }
replan: { strategy: none }
`;

const scripts = {
  'p.yaml': pipelineYaml,
  'echo.js': 'console.log(process.argv.slice(2).join(" "));\n',
  // Says it is waiting (with its pid, to be stopped), then waits for the file "open".
  'gate.js': `const fs = require('fs');
fs.writeFileSync('waiting', String(process.pid));
const wait = () => (fs.existsSync('open') ? console.log('gate open') : setTimeout(wait, 20));
wait();
`,
};

/** One plan per person: echo their name and style. */
function greetRule(name: string, style = 'plain', times = 1): Rule {
  return { match: `Greet ${name} in ${style} style, ${times} times`, json: { steps: [{ id: 1, action: 'Greet', tool: 'echo', args: { text: `hello ${name} (${style}, ${times})` } }] } };
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function envFor(s: ScriptedServer) {
  return { OPENAI_BASE_URL: s.url, OPENAI_API_KEY: 'sk-test-key-do-not-leak-4242' };
}

async function resultLines(file: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('planexec run --data', () => {
  it('runs one row per run, up to --concurrency at once, and writes the results in row order', async () => {
    const names = ['ada', 'bo', 'cy', 'di', 'ed'];
    server = await startScriptedServer(names.map((name) => greetRule(name)));
    const dir = await tempProject({ ...scripts, 'rows.jsonl': `${names.map((name) => JSON.stringify({ name })).join('\n')}\n` });
    const result = await runCli(['run', 'p.yaml', '--data', 'rows.jsonl', '--out', 'results.jsonl', '--concurrency', '3'], { cwd: dir, env: envFor(server) });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = await resultLines(path.join(dir, 'results.jsonl'));
    expect(lines.map((line) => line.row)).toEqual([1, 2, 3, 4, 5]);
    expect(lines.map((line) => line.result)).toEqual(names.map((name) => `hello ${name} (plain, 1)`));
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['row', 'status', 'result', 'runId', 'usage']);
      expect(line.status).toBe('succeeded');
      expect(existsSync(path.join(dir, '.planexec/runs', line.runId as string))).toBe(true);
      expect(line.usage).toMatchObject({ llmCalls: 1, stepRuns: 1 });
    }
    // Plain lines (stderr is not a terminal), then the summary table.
    expect(result.stderr).toContain('batch: 5 rows in rows.jsonl, 3 at once');
    expect(result.stderr).toMatch(/\d\d:\d\d:\d\d row 1 \(rows.jsonl:1\) succeeded \(1 model call, [\d.]+s\) \[\d\/5\]/);
    expect(result.stderr).toMatch(/^rows +5$/m);
    expect(result.stderr).toMatch(/^succeeded +5$/m);
    expect(result.stderr).toMatch(/^failed +0$/m);
    expect(result.stderr).toMatch(/^model calls +5$/m);
    expect(result.stderr).toMatch(/^tokens +[\d,]+ \([\d,]+ prompt \+ [\d,]+ completion\)$/m);
    expect(server.calls).toHaveLength(5);
  });

  it('marks a row that breaks the inputs, and a malformed line, with their place; the other rows go on; exit 1', async () => {
    server = await startScriptedServer([greetRule('ada'), greetRule('cy', 'formal', 3)]);
    const rows = [
      '{"name": "ada"}',
      '{"name": "bo", "times": "many"}',
      '{"name": "cy", "style": "formal", "times": 3}',
      '{"name": "di",, }',
      '{"nmae": "ed"}',
      '["not", "an", "object"]',
      '{"name": {"first": "fy"}}',
    ];
    const dir = await tempProject({ ...scripts, 'rows.jsonl': `${rows.join('\n')}\n` });
    const result = await runCli(['run', 'p.yaml', '--data', 'rows.jsonl', '--out', 'results.jsonl', '--concurrency', '2'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(1);
    const lines = await resultLines(path.join(dir, 'results.jsonl'));
    expect(lines.map((line) => [line.row, line.status])).toEqual([
      [1, 'succeeded'], [2, 'invalid-input'], [3, 'succeeded'], [4, 'invalid-input'], [5, 'invalid-input'], [6, 'invalid-input'], [7, 'invalid-input'],
    ]);
    expect(lines[1]!.error).toBe('rows.jsonl:2: input "times" must be a number, got "many"');
    expect(lines[3]!.error).toBe('rows.jsonl:4:15: not a JSON object: expected double-quoted property name');
    expect(lines[4]!.error).toContain('rows.jsonl:5: unknown input "nmae" (did you mean "name"?');
    expect(lines[4]!.error).toContain('missing input "name"');
    expect(lines[5]!.error).toBe('rows.jsonl:6: a row must be a JSON object of inputs ({"name": value, …}), got an array');
    expect(lines[6]!.error).toBe('rows.jsonl:7: input "name" must be a string, number or boolean, got an object');
    expect(lines[1]!.runId).toBeNull();
    expect(lines[2]!.result).toBe('hello cy (formal, 3)');
    // The place is named once on the progress line, with the column when the error has one.
    expect(result.stderr).toContain('row 2 (rows.jsonl:2) invalid-input: input "times" must be a number, got "many" [');
    expect(result.stderr).toContain('row 4 (rows.jsonl:4:15) invalid-input: not a JSON object: expected double-quoted property name [');
    expect(result.stderr).not.toContain('invalid-input: rows.jsonl:');
    expect(result.stderr).toMatch(/^succeeded +2$/m);
    expect(result.stderr).toMatch(/^invalid input +5$/m);
    expect(server.calls).toHaveLength(2);
  });

  it('reads CSV as RFC 4180 says: a BOM, quoted commas, doubled quotes, line breaks in quotes, CRLF, empty cells', async () => {
    server = await startScriptedServer([
      greetRule('Ada, Countess', 'plain', 2),
      greetRule('Bo "the" Builder'),
      greetRule('Cy\nsecond line', 'formal'),
    ]);
    const csv = '\uFEFFname,style,times\r\n"Ada, Countess",,2\r\n"Bo ""the"" Builder",plain,\r\n"Cy\nsecond line",formal,1\r\n';
    const dir = await tempProject({ ...scripts, 'rows.csv': csv });
    const result = await runCli(['run', 'p.yaml', '--data', 'rows.csv', '--out', 'out/results.jsonl'], { cwd: dir, env: envFor(server) });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const lines = await resultLines(path.join(dir, 'out/results.jsonl'));
    expect(lines.map((line) => line.result)).toEqual(['hello Ada, Countess (plain, 2)', 'hello Bo "the" Builder (plain, 1)', 'hello Cy\nsecond line (formal, 1)']);
    // Places are the lines each row starts on.
    expect(result.stderr).toContain('row 3 (rows.csv:4) succeeded');
  });

  it('a CSV missing a column names the column, and runs nothing (exit 2)', async () => {
    server = await startScriptedServer([]);
    const dir = await tempProject({ ...scripts, 'rows.csv': 'style,tiems\nplain,1\n' });
    const result = await runCli(['run', 'p.yaml', '--data', 'rows.csv', '--out', 'results.jsonl'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: rows.csv:1: column "tiems" is not an input of the pipeline (did you mean "times"? inputs: name, style, times)');
    expect(result.stderr).toContain('rows.csv:1: the header has no column "name", which every row needs (the input "name" has no default); columns: style, tiems');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(server.calls).toHaveLength(0);
  });

  it('--input gives every row a value, so the CSV need not have that column', async () => {
    server = await startScriptedServer([greetRule('ada', 'loud'), greetRule('bo', 'loud')]);
    const dir = await tempProject({ ...scripts, 'rows.csv': 'style\nloud\nloud\n' });
    const result = await runCli(['run', 'p.yaml', '--data', 'rows.csv', '--out', 'results.jsonl', '--input', 'name=ada'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(0);
    expect((await resultLines(path.join(dir, 'results.jsonl'))).map((line) => line.result)).toEqual(['hello ada (loud, 1)', 'hello ada (loud, 1)']);
  });

  it('a CSV syntax error names line:col; a row with too few fields is invalid input with its place', async () => {
    server = await startScriptedServer([greetRule('ada')]);
    const dir = await tempProject({ ...scripts, 'rows.csv': 'name,style\nada,plain\nbo\n"cy" x,plain\n' });
    const result = await runCli(['run', 'p.yaml', '--data', 'rows.csv', '--out', 'results.jsonl'], { cwd: dir, env: envFor(server) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: rows.csv:4:5: text after the closing quote of a field');
    const lines = await resultLines(path.join(dir, 'results.jsonl'));
    expect(lines.map((line) => line.status)).toEqual(['succeeded', 'invalid-input']);
    expect(lines[1]!.error).toBe('rows.csv:3: the row has 1 field, the header 2 (name, style); a field with a comma in it must be in quotes');
  });

  it('runs a pipeline with a fixed plan over the rows with no endpoint configured, as one run does', async () => {
    const fixed = `${pipelineYaml.replace(/^task: .*\n/m, '')}plan:
  steps:
    - { id: 1, action: Greet, tool: echo, args: { text: "hello \${inputs.name}" } }
`;
    const dir = await tempProject({ ...scripts, 'p.yaml': fixed, 'rows.jsonl': '{"name":"ada"}\n{"name":"bo"}\n' });
    const result = await runCli(['run', 'p.yaml', '--data', 'rows.jsonl', '--out', 'results.jsonl'], { cwd: dir });
    expect(result.stderr).not.toContain('no API key');
    expect(result.code).toBe(0);
    expect((await resultLines(path.join(dir, 'results.jsonl'))).map((line) => line.result)).toEqual(['hello ada', 'hello bo']);
  });

  it('says what is wrong with the flags, with exit 2', async () => {
    const dir = await tempProject({ ...scripts, 'rows.jsonl': '{"name":"ada"}\n', 'rows.txt': '' });
    const noOut = await runCli(['run', 'p.yaml', '--data', 'rows.jsonl'], { cwd: dir });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('error: --data needs --out <results.jsonl>');
    const json = await runCli(['run', 'p.yaml', '--data', 'rows.jsonl', '--out', 'r.jsonl', '--json'], { cwd: dir });
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('error: --json does not go with --data');
    const txt = await runCli(['run', 'p.yaml', '--data', 'rows.txt', '--out', 'r.jsonl'], { cwd: dir });
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('error: --data rows.txt: the file must end in .jsonl');
    const missing = await runCli(['run', 'p.yaml', '--data', 'nope.jsonl', '--out', 'r.jsonl'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: cannot read --data nope.jsonl: the file does not exist');
  });

  it('--plan with --data: every row runs the plan file with its own inputs and no model; a row that breaks it is that row\'s invalid input', async () => {
    // No endpoint at all: the plan needs no model, so none is asked.
    const short = pipelineYaml.replace('properties: { text: { type: string } }, required: [text]', 'properties: { text: { type: string, maxLength: 12 } }, required: [text]');
    const plan = { pipeline: 'greet', steps: [{ id: 1, action: 'Greet', tool: 'echo', args: { text: 'hi ${inputs.name}' } }] };
    const rows = ['{"name": "ada"}', '{"name": "bartholomew"}', '{"name": "cy"}'];
    const dir = await tempProject({ ...scripts, 'p.yaml': short, 'plan.json': `${JSON.stringify(plan, null, 2)}\n`, 'rows.jsonl': `${rows.join('\n')}\n` });
    const result = await runCli(['run', 'p.yaml', '--plan', 'plan.json', '--data', 'rows.jsonl', '--out', 'results.jsonl'], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = await resultLines(path.join(dir, 'results.jsonl'));
    expect(lines.map((line) => [line.row, line.status, line.result ?? null])).toEqual([[1, 'succeeded', 'hi ada'], [2, 'invalid-input', null], [3, 'succeeded', 'hi cy']]);
    expect(lines[1]!.error).toMatch(/^rows\.jsonl:2: with this row's inputs the plan file plan\.json does not fit the pipeline: plan\.json:9:17 error: step 1 \(echo\): argument "text" must NOT have more than 12 characters$/);
    expect(lines[1]!.runId).toBeNull();
    for (const line of [lines[0]!, lines[2]!]) expect(line.usage).toMatchObject({ llmCalls: 0, stepRuns: 1 });
    expect(result.stderr).toMatch(/row 2 \(rows\.jsonl:2\) invalid-input: with this row's inputs the plan file plan\.json does not fit/);
  });

  it('--plan with --data: a plan file that does not fit the pipeline stops the batch before any row runs (exit 2, each problem at its line:col)', async () => {
    const plan = { pipeline: 'greet', steps: [{ id: 1, action: 'Greet', tool: 'ehco', args: { text: 'hi ${inputs.nmae}' } }, { id: 2, action: 'Again', tool: 'echo', args: { txt: 'x' } }] };
    const dir = await tempProject({ ...scripts, 'plan.json': `${JSON.stringify(plan, null, 2)}\n`, 'rows.jsonl': '{"name": "ada"}\n' });
    const result = await runCli(['run', 'p.yaml', '--plan', 'plan.json', '--data', 'rows.jsonl', '--out', 'results.jsonl'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('plan.json:7:15 error: step 1: unknown tool "ehco" (did you mean "echo"?');
    expect(result.stderr).toContain('plan.json:9:17 error: ${inputs.nmae} names no declared input (did you mean "name"?)');
    expect(result.stderr).toContain('plan.json:17:9 error: step 2 (echo): unknown argument "txt"');
    expect(result.stderr).toMatch(/\n4 problems: the plan file plan\.json does not fit p\.yaml; nothing ran\n$/);
    expect(result.stderr).not.toContain('batch:');
    expect(existsSync(path.join(dir, 'results.jsonl'))).toBe(false);
    expect(existsSync(path.join(dir, '.planexec/runs'))).toBe(false);
    const other = await runCli(['run', 'p.yaml', '--plan', 'nope.json', '--data', 'rows.jsonl', '--out', 'results.jsonl'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^nope\.json(:1:1)? error: cannot read the plan file/m);
  });

  it('continues a batch killed with SIGKILL: a rerun skips the rows that succeeded, repairs a torn last line, and leaves one line per row', async () => {
    // Row 2 is bad; row 4 waits at a gate that is shut in the first run, so the CLI is killed while it runs.
    const rules: Rule[] = [
      greetRule('ada'), greetRule('cy'),
      { match: 'Greet di in plain style', json: { steps: [{ id: 1, action: 'Wait', tool: 'gate', args: {} }] } },
      greetRule('ed'), greetRule('fy'),
    ];
    server = await startScriptedServer(rules);
    const rows = ['{"name":"ada"}', '{"name":"bo","times":"x"}', '{"name":"cy"}', '{"name":"di"}', '{"name":"ed"}', '{"name":"fy"}'];
    const dir = await tempProject({ ...scripts, 'rows.jsonl': `${rows.join('\n')}\n` });
    const args = ['run', 'p.yaml', '--data', 'rows.jsonl', '--out', 'results.jsonl'];
    const first = spawnCli(args, { cwd: dir, env: envFor(server) });
    // Wait until row 4's step is running (its gate says so), then kill the CLI outright.
    while (!existsSync(path.join(dir, 'waiting'))) await new Promise((resolve) => setTimeout(resolve, 25));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.code).toBeNull();
    // The orphaned gate step is stopped too.
    process.kill(Number(await readFile(path.join(dir, 'waiting'), 'utf8')), 'SIGKILL');
    const before = await resultLines(path.join(dir, 'results.jsonl'));
    expect(before.map((line) => [line.row, line.status])).toEqual([[1, 'succeeded'], [2, 'invalid-input'], [3, 'succeeded']]);
    // A crash in the middle of writing a line leaves it torn.
    await appendFile(path.join(dir, 'results.jsonl'), '{"row":4,"status":"succ');
    const callsBefore = server.calls.length;
    await writeFile(path.join(dir, 'open'), '');

    const rerun = await runCli(args, { cwd: dir, env: envFor(server) });
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toContain('batch: 6 rows in rows.jsonl, 1 at once; 2 already succeeded in results.jsonl, not run again');
    expect(rerun.stderr).toContain('warning: results.jsonl: its last line was cut off mid-write (23 bytes, a crash?); moved it to results.jsonl.torn, and that row runs again');
    expect(await readFile(path.join(dir, 'results.jsonl.torn'), 'utf8')).toBe('{"row":4,"status":"succ\n');
    // Rows 1 and 3 did not run again: only rows 4, 5 and 6 asked the model (row 2 is invalid before any call).
    expect(server.calls.slice(callsBefore).map((call) => /Greet (\w+)/.exec(call.text)![1])).toEqual(['di', 'ed', 'fy']);
    const after = await resultLines(path.join(dir, 'results.jsonl'));
    expect(after.map((line) => [line.row, line.status])).toEqual([[1, 'succeeded'], [2, 'invalid-input'], [3, 'succeeded'], [4, 'succeeded'], [5, 'succeeded'], [6, 'succeeded']]);
    expect(after.slice(0, 3)).toEqual(before);
    expect(after[3]!.result).toBe('gate open');
    expect(rerun.stderr).toMatch(/^succeeded +5 \(2 in an earlier run\)$/m);
    expect(rerun.stderr).toMatch(/^invalid input +1$/m);

    // Once the bad row is fixed, a third run runs only it.
    await writeFile(path.join(dir, 'rows.jsonl'), `${rows.map((row, index) => (index === 1 ? '{"name":"bo"}' : row)).join('\n')}\n`);
    (rules as Rule[]).push(greetRule('bo'));
    const fixed = await runCli(args, { cwd: dir, env: envFor(server) });
    expect(fixed.code).toBe(0);
    expect((await resultLines(path.join(dir, 'results.jsonl'))).map((line) => line.status)).toEqual(Array(6).fill('succeeded'));
  });

  it('Ctrl-C stops the running row (not written, exit 130); the rerun runs it', async () => {
    server = await startScriptedServer([greetRule('ada'), { match: 'Greet bo in plain style', json: { steps: [{ id: 1, action: 'Wait', tool: 'gate', args: {} }] } }, greetRule('cy')]);
    const dir = await tempProject({ ...scripts, 'rows.jsonl': '{"name":"ada"}\n{"name":"bo"}\n{"name":"cy"}\n' });
    const args = ['run', 'p.yaml', '--data', 'rows.jsonl', '--out', 'results.jsonl'];
    const first = spawnCli(args, { cwd: dir, env: envFor(server) });
    while (!existsSync(path.join(dir, 'waiting'))) await new Promise((resolve) => setTimeout(resolve, 25));
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/^not run +2$/m);
    expect((await resultLines(path.join(dir, 'results.jsonl'))).map((line) => line.row)).toEqual([1]);
    await writeFile(path.join(dir, 'open'), '');
    const rerun = await runCli(args, { cwd: dir, env: envFor(server) });
    expect(rerun.code).toBe(0);
    expect((await resultLines(path.join(dir, 'results.jsonl'))).map((line) => [line.row, line.result])).toEqual([[1, 'hello ada (plain, 1)'], [2, 'gate open'], [3, 'hello cy (plain, 1)']]);
  });
});
