// `planexec test` through the CLI: recordings made with the real `run --record` against the scripted
// server, then tests run offline from them (the server is never asked again); a failing test in the
// JUnit XML, read back with a strict XML reader; a stale recording as a failed test that says how to
// re-record, and the command it prints re-records it.

import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exampleWorkspace } from '../support/example-workspace.ts';
import { parseXml, type XmlElement } from '../support/parse-xml.ts';
import { repoRoot, runCli as runCliWithin, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

/** runCli with room for a loaded machine: one `planexec test` runs several pipelines. */
const runCli = (args: readonly string[], options: Parameters<typeof runCliWithin>[1] = {}) => runCliWithin(args, { timeoutMs: 90_000, ...options });

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const task = 'Greet {{inputs.who}} in one line, with a word from the word list.';

function pipelineYaml(tests: string, taskText = task): string {
  return `version: 1
name: greet
task: "${taskText}"
inputs:
  who: { type: string, default: world }
model: { name: test-model, replay: recordings/greet.json }
tools:
  - name: read_words
    description: The word list
    command: [cat, words.txt]
    args: { type: object, properties: {}, additionalProperties: false }
    output: text
${tests}`;
}

const passingTests = `tests:
  - name: greets the world
    expect:
      status: succeeded
      result: { contains: "hello, world", matches: "^hello, world!$" }
      maxLlmCalls: 2
  - name: greets Ada
    inputs: { who: Ada }
    replay: recordings/greet-ada.json
    expect:
      result: { equals: "hello, Ada!" }
`;

const failingTests = `${passingTests}  - name: "says goodbye <&\\"'> (it does not)"
    expect:
      result: { contains: goodbye }
      maxLlmCalls: 1
  - name: answers JSON
    expect:
      result: { jsonSchema: { type: object, required: [greeting] } }
`;

function startModel(): Promise<ScriptedServer> {
  const plan = (who: string) => ({
    steps: [
      { id: 1, action: 'Read the words', tool: 'read_words', args: {} },
      { id: 2, action: 'Greet', tool: 'llm', args: { prompt: `Say hello to ${who} with one of: \${steps.1.output}` } },
    ],
  });
  return startScriptedServer([
    { match: /Greet Ada in/, json: plan('Ada') },
    { match: /Greet world in/, json: plan('world') },
    { match: /Say hello to Ada/, content: 'hello, Ada!' },
    { match: /Say hello to world/, content: 'hello, world!' },
  ]);
}

async function recordedProject(tests: string): Promise<string> {
  const dir = await tempProject({ 'package.json': '{}\n', 'words.txt': 'hello\n', 'pipelines/greet.yaml': pipelineYaml(tests) });
  server = await startModel();
  const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test' };
  for (const args of [['--record', 'pipelines/recordings/greet.json'], ['--input', 'who=Ada', '--record', 'pipelines/recordings/greet-ada.json']]) {
    const recorded = await runCli(['run', 'pipelines/greet.yaml', ...args], { cwd: dir, env });
    expect(recorded.stderr).not.toContain('error');
    expect(recorded.code).toBe(0);
  }
  return dir;
}

function elements(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => elements(child, name))];
}

// Each test runs the CLI several times (recording, testing, re-recording): more than the default 30 s on a loaded machine.
describe('planexec test', { timeout: 120_000 }, () => {
  it('runs every test of the pipelines in pipelines/ offline from its recording: one line each, then the counts', async () => {
    const dir = await recordedProject(passingTests);
    const asked = server!.calls.length;
    const runsBefore = (await runCli(['runs', '--json'], { cwd: dir })).stdout;
    // The endpoint is there and the key set: a test still never asks it.
    const result = await runCli(['test'], { cwd: dir, env: { OPENAI_BASE_URL: server!.url, OPENAI_API_KEY: 'sk-test' } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(['ok   greet › greets the world (2 model calls)', 'ok   greet › greets Ada (2 model calls)', '2 passed, 0 failed', ''].join('\n'));
    expect(result.code).toBe(0);
    expect(server!.calls.length).toBe(asked);
    // A test keeps no run: .planexec/runs holds the two recording runs only.
    expect(JSON.parse(runsBefore)).toHaveLength(2);
    expect((await runCli(['runs', '--json'], { cwd: dir })).stdout).toBe(runsBefore);
  });

  it('a failing test exits 1, says why on its line and is a <failure> in the JUnit XML', async () => {
    const dir = await recordedProject(failingTests);
    const result = await runCli(['test', 'pipelines/greet.yaml', '--junit', 'out/junit.xml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'ok   greet › greets the world (2 model calls)',
      'ok   greet › greets Ada (2 model calls)',
      `FAIL greet › says goodbye <&"'> (it does not): the result does not contain "goodbye"; the run made 2 model calls, expected at most 1 (pipelines/greet.yaml:24)`,
      'FAIL greet › answers JSON: the result is not JSON (Unexpected token \'h\', "hello, world!" is not valid JSON), so jsonSchema cannot accept it (pipelines/greet.yaml:28)',
      '2 passed, 2 failed',
      '',
    ]);

    const junit = parseXml(await readFile(path.join(dir, 'out/junit.xml'), 'utf8'));
    expect(junit.name).toBe('testsuites');
    expect(junit.attributes).toMatchObject({ tests: '4', failures: '2', errors: '0' });
    const [suite] = elements(junit, 'testsuite');
    expect(suite!.attributes).toMatchObject({ name: 'greet', file: 'pipelines/greet.yaml', tests: '4', failures: '2' });
    const cases = elements(junit, 'testcase');
    expect(cases.map((c) => [c.attributes.name, c.attributes.classname, c.attributes.line])).toEqual([
      ['greets the world', 'greet', '14'],
      ['greets Ada', 'greet', '19'],
      [`says goodbye <&"'> (it does not)`, 'greet', '24'],
      ['answers JSON', 'greet', '28'],
    ]);
    expect(cases.map((c) => elements(c, 'failure').length)).toEqual([0, 0, 1, 1]);
    const failure = elements(cases[2]!, 'failure')[0]!;
    expect(failure.attributes.message).toBe('the result does not contain "goodbye"');
    expect(failure.text).toBe('the result does not contain "goodbye"\nthe run made 2 model calls, expected at most 1');
  });

  it('a stale recording is a failed test that names the command to re-record; that command fixes it', async () => {
    const dir = await recordedProject(passingTests);
    // The prompt changes: the recordings no longer hold answers for it.
    await writeFile(path.join(dir, 'pipelines/greet.yaml'), pipelineYaml(passingTests, task.replace('in one line', 'in one short line')));
    const stale = await runCli(['test', '--junit', 'junit.xml'], { cwd: dir });
    expect(stale.code).toBe(1);
    const lines = stale.stdout.split('\n');
    expect(lines[0]).toBe(
      'FAIL greet › greets the world: stale recording: pipelines/recordings/greet.json has no answer for a request this run made (the prompt changed since it was recorded); ' +
        're-record with: planexec run pipelines/greet.yaml --record pipelines/recordings/greet.json (pipelines/greet.yaml:14)',
    );
    expect(lines[1]).toContain('re-record with: planexec run pipelines/greet.yaml --input who=Ada --record pipelines/recordings/greet-ada.json (pipelines/greet.yaml:19)');
    expect(lines[2]).toBe('0 passed, 2 failed');
    // Where the prompt differs, on stderr; no crash, no stack trace.
    expect(stale.stderr).toContain('differs in message 2 (user), line 2:');
    expect(stale.stderr).toContain('current:  Greet world in one short line');
    expect(stale.stderr).toContain('\n  re-record with: planexec run pipelines/greet.yaml --input who=Ada --record pipelines/recordings/greet-ada.json\n');
    expect(stale.stderr).not.toMatch(/internal error|\n\s+at /);
    const failure = elements(parseXml(await readFile(path.join(dir, 'junit.xml'), 'utf8')), 'failure')[0]!;
    expect(failure.attributes.type).toBe('stale-recording');
    expect(failure.text).toContain('re-record with: planexec run pipelines/greet.yaml --record pipelines/recordings/greet.json');

    // The printed commands, run against the model, make the recordings fit again.
    for (const line of lines.slice(0, 2)) {
      const command = /re-record with: planexec (.*) \(pipelines/.exec(line)![1]!.split(' ');
      const rerecorded = await runCli(command, { cwd: dir, env: { OPENAI_BASE_URL: server!.url, OPENAI_API_KEY: 'sk-test' } });
      expect(rerecorded.code).toBe(0);
    }
    const fixed = await runCli(['test'], { cwd: dir });
    expect(fixed.stdout).toBe(['ok   greet › greets the world (2 model calls)', 'ok   greet › greets Ada (2 model calls)', '2 passed, 0 failed', ''].join('\n'));
    expect(fixed.code).toBe(0);
  });

  it('validate and test report a bad tests: block at file:line:col, every problem at once, exit 2', async () => {
    const tests = `tests:
  - name: one
    inputs: { whom: Ada }
    expect: { result: { matches: "(unclosed" } }
  - name: one
    expect: { result: { jsonSchema: { type: object, requried: [x] } } }
  - name: two
    inputs: { who: Bo }
    replay: recordings/missing.json
    expect: { result: { jsonSchema: { type: objekt } } }
`;
    const dir = await tempProject({ 'package.json': '{}\n', 'words.txt': 'hello\n', 'pipelines/greet.yaml': pipelineYaml(tests), 'pipelines/recordings/greet.json': '{"version":1,"exchanges":[]}\n' });
    const validated = await runCli(['validate', 'pipelines/greet.yaml'], { cwd: dir });
    expect(validated.stderr.split('\n')).toEqual([
      'pipelines/greet.yaml:15:15 error: test input "whom" is not an input of the pipeline (did you mean "who"?); declared: who',
      'pipelines/greet.yaml:16:34 error: "matches" is not a valid regular expression: /(unclosed/: Unterminated group',
      'pipelines/greet.yaml:17:11 error: test name "one" is used by tests[0] too; each test needs a name of its own',
      'pipelines/greet.yaml:18:37 error: "jsonSchema" is not a JSON Schema ajv can use: unknown keyword: "requried"',
      'pipelines/greet.yaml:21:13 error: the recording pipelines/recordings/missing.json of test "two" does not exist; record it with: planexec run pipelines/greet.yaml --input who=Bo --record pipelines/recordings/missing.json',
      'pipelines/greet.yaml:22:37 error: "jsonSchema" is not a JSON Schema ajv can use: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
      '6 errors in 1 file',
      '',
    ]);
    expect(validated.code).toBe(2);
    const tested = await runCli(['test'], { cwd: dir });
    expect(tested.code).toBe(2);
    expect(tested.stdout).toBe('');
    expect(tested.stderr).toContain('pipelines/greet.yaml:16:34 error: "matches" is not a valid regular expression');
    expect(tested.stderr).toContain('pipelines/greet.yaml:21:13 error: the recording pipelines/recordings/missing.json of test "two" does not exist');
  });

  it('a named pipeline without tests, or none in pipelines/, is a usage error (exit 2)', async () => {
    const dir = await tempProject({ 'package.json': '{}\n', 'words.txt': 'hello\n', 'pipelines/greet.yaml': pipelineYaml('') });
    const named = await runCli(['test', 'pipelines/greet.yaml'], { cwd: dir });
    expect(named.stderr).toBe('error: pipelines/greet.yaml declares no tests: add a tests: list (see planexec test --help)\n');
    expect(named.code).toBe(2);
    const discovered = await runCli(['test'], { cwd: dir });
    expect(discovered.stderr).toBe('error: no pipeline in pipelines/ declares tests: add a tests: list to one, or name the pipelines to test\n');
    expect(discovered.code).toBe(2);
  });
});

describe('tests of a pipeline with a fixed plan', () => {
  const fixed = (step: string, tests: string) => `version: 1
name: fixed
inputs:
  who: { type: string, default: world }
model: { name: test-model }
tools:
  - name: say
    description: Prints a text
    command: [echo, "{{args.text}}"]
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
plan:
  steps:
    - ${step}
replan: { strategy: none }
${tests}`;

  it('need no recording when the plan asks no model; a model call then fails the test, saying there is no recording', async () => {
    const dir = await tempProject({
      'pipelines/fixed.yaml': fixed('{ id: 1, action: Say hello, tool: say, args: { text: "hello ${inputs.who}" } }', 'tests:\n  - name: says hello\n    inputs: { who: Ada }\n    expect: { result: { equals: "hello Ada" }, maxLlmCalls: 0 }\n'),
      'pipelines/asks.yaml': fixed('{ id: 1, action: Ask, tool: llm, args: { prompt: "Say hello" } }', 'tests:\n  - name: asks the model\n    expect: { result: { contains: hello } }\n').replace('name: fixed', 'name: asks'),
      'pipelines/planned.yaml': 'version: 1\nname: planned\ntask: Say hello\nmodel: { name: test-model }\ntools: []\ntests:\n  - name: needs a plan\n    expect: { status: succeeded }\n',
    });
    const passed = await runCli(['test', 'pipelines/fixed.yaml'], { cwd: dir });
    expect(passed.stderr).toBe('');
    expect(passed.stdout).toBe('ok   fixed › says hello (0 model calls)\n1 passed, 0 failed\n');
    expect(passed.code).toBe(0);
    const failed = await runCli(['test', 'pipelines/asks.yaml'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAIL asks › asks the model: ');
    expect(failed.stdout).toContain('the test "asks the model" has no recording (replay:), and this run needs one');
    // A pipeline that plans needs a recording for its first plan: still a problem of the tests: block.
    const planned = await runCli(['test', 'pipelines/planned.yaml'], { cwd: dir });
    expect(planned.code).toBe(2);
    expect(planned.stderr).toContain('test "needs a plan" has no recording to replay');
  });
});

describe('the gallery\'s tests and the example workflow', { timeout: 120_000 }, () => {
  it('planexec test passes every test of the example pipelines, from the workspace root as the workflow runs it', async () => {
    // A copy: csv-report writes out/sales-report.md into the workspace.
    const workspace = await exampleWorkspace();
    const result = await runCli(['test', '--junit', 'out/pipeline-tests.xml'], { cwd: workspace, timeoutMs: 90_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`${lines.length - 1} passed, 0 failed`);
    // Every pipeline of the gallery has tests, and they passed: one added without tests fails here.
    const gallery = readdirSync(path.join(repoRoot, 'pipelines')).filter((file) => file.endsWith('.yaml')).map((file) => file.slice(0, -'.yaml'.length));
    expect(gallery).toEqual(expect.arrayContaining(['csv-report', 'folder-digest', 'injected-issue', 'issue-triage', 'release-notes', 'replan-after-failure', 'repo-health', 'sales-dag', 'support-tickets']));
    for (const example of gallery) {
      expect(lines.some((line) => line.startsWith(`ok   ${example} › `)), example).toBe(true);
    }
    // sales-dag's fixed plan asks no model: its test has no recording at all.
    expect(lines).toContain('ok   sales-dag › sales.csv totalled by region and by product (0 model calls)');
    const junit = parseXml(await readFile(path.join(workspace, 'out/pipeline-tests.xml'), 'utf8'));
    expect(junit.attributes).toMatchObject({ tests: String(lines.length - 1), failures: '0' });
  });

  it('.github/workflows/pipeline-tests.yml passes action-validator and runs planexec test with --junit on the gallery', async () => {
    const file = path.join(repoRoot, '.github/workflows/pipeline-tests.yml');
    const { stdout, stderr } = await promisify(execFile)(path.join(repoRoot, 'node_modules/.bin/action-validator'), [file], { cwd: repoRoot });
    expect(stdout + stderr).toBe('');
    const workflow = parse(await readFile(file, 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps).map((step) => step.run);
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx planexec test --junit out/pipeline-tests.xml');
  });
});
