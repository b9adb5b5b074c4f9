// `planexec validate` catches what would otherwise break only at run time (issue 17): placeholders
import { readdirSync } from 'node:fs';
// of other template languages at their own line:col, the result template against its data, a tool
// of two kinds, a missing tool file, GitHub Actions fields, folders and globs, and --json.

import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const errorLines = (stderr: string) => stderr.split('\n').filter((line) => / (error|warning): /.test(line));

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A run against a scripted model that would answer anything: the test then counts its requests. */
async function runWithModel(dir: string, pipeline: string) {
  server = await startScriptedServer([{ content: '{"steps": [{"id": 1, "action": "a", "tool": "llm", "args": {"prompt": "p"}}]}' }]);
  const result = await runCli(['run', pipeline], { cwd: dir, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-key-1234567890' } });
  return { ...result, requests: server.calls.length };
}

describe('placeholders of other template languages', () => {
  it('are reported at their own line:col in commands, urls, headers, queries, bodies, env, task and prompts, with the right spelling', async () => {
    const dir = await tempProject({
      'p.yaml': lines(
        'version: 1',
        'name: p',
        'task: |',
        '  Summarise the folder',
        '  ${{ inputs.dir }} for {{ input.reader }}.',
        'inputs:',
        '  dir: { type: string }',
        '  reader: { type: string }',
        'prompts: { plan: prompts/plan.hbs }',
        'tools:',
        '  - name: list',
        '    description: Lists a folder',
        '    command: [ls, -l, "--", "${{ args.dir }}", "\\u0041 ${args.dri}"]',
        '    env: { TOKEN: "${{ secrets.TOKEN }}" }',
        '    args: { type: object, properties: { dir: { type: string } } }',
        '  - name: fetch',
        '    description: Fetches a page',
        "    url: 'https://example.org/it''s/{{ arg.page }}'",
        '    method: POST',
        '    query: { q: "$(args.page)" }',
        '    headers: { Accept: "<%= args.page %>" }',
        '    body: >',
        '      folded text, then',
        '      {page} as Python writes it',
        '    args: { type: object, properties: { page: { type: string } } }',
      ),
      'prompts/plan.hbs': lines('Plan {{task}} for ${inputs.dir}.', 'Pass outputs on with ${steps.1.output}.', '{{#each tools}}- {{name}}{{/each}} {{ inputs.dir | upper }}'),
    });
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      'p.yaml:5:3 error: task placeholder ${{ inputs.dir }} is GitHub Actions expression syntax; planexec templates are Handlebars; use {{inputs.dir}}',
      'p.yaml:5:25 error: task placeholder {{ input.reader }} reads "input", which the task does not have (it reads {{inputs.NAME}}); use {{inputs.reader}}',
      'p.yaml:13:30 error: command placeholder ${{ args.dir }} is GitHub Actions expression syntax; planexec templates are Handlebars; use {{args.dir}}',
      'p.yaml:13:56 error: command placeholder ${args.dri} is ${…} syntax (shell, JavaScript, promptflow); planexec templates are Handlebars; use {{args.dir}}',
      'p.yaml:14:20 error: env TOKEN placeholder ${{ secrets.TOKEN }} is GitHub Actions expression syntax; planexec templates are Handlebars; use {{secrets.TOKEN}}',
      'p.yaml:18:37 error: url placeholder {{ arg.page }} reads "arg", which an http tool does not have (it reads {{args.NAME}}); use {{args.page}}',
      'p.yaml:20:18 error: query parameter "q" placeholder $(args.page) is $(…) syntax (Azure Pipelines, make); planexec templates are Handlebars; use {{args.page}}',
      'p.yaml:21:25 error: header "Accept" placeholder <%= args.page %> is <%= … %> syntax (EJS, ERB); planexec templates are Handlebars; use {{args.page}}',
      'p.yaml:24:7 error: body placeholder {page} is {…} syntax (Python format strings, LangChain, OpenAPI paths); planexec templates are Handlebars; use {{args.page}}',
      'prompts/plan.hbs:1:19 error: plan prompt placeholder ${inputs.dir} is ${…} syntax (shell, JavaScript, promptflow); planexec templates are Handlebars; use {{inputs.dir}}',
      'prompts/plan.hbs:3:36 error: plan prompt placeholder {{ inputs.dir | upper }} is a Jinja filter (Handlebars has no filters); planexec templates are Handlebars; use {{inputs.dir}}',
    ]);
  });

  it('leave text that only looks alike alone: shell variables, JSON, a plan reference in a prompt', async () => {
    const dir = await tempProject({
      'p.yaml': lines(
        'version: 1',
        'name: p',
        'task: "Costs in ${HOME} stay {as is}; pass outputs on as ${steps.1.output}"',
        'tools:',
        '  - name: show',
        '    description: Shows',
        '    command: [sh, -c, "echo ${HOME} {}", "--", "{{args.dir}}"]',
        '    args: { type: object, properties: { dir: { type: string } } }',
      ),
    });
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir });
    expect(result.stderr).toBe('1 file valid\n');
    expect(result.code).toBe(0);
  });

  it('stop a run before it calls the model', async () => {
    const dir = await tempProject({ 'p.yaml': lines('version: 1', 'name: p', 'task: "List ${{ inputs.dir }}"', 'inputs: { dir: { default: . } }', 'tools: []') });
    const run = await runWithModel(dir, 'p.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('p.yaml:3:13 error: task placeholder ${{ inputs.dir }} is GitHub Actions expression syntax');
    expect(run.requests).toBe(0);
  });
});

describe('the result template', () => {
  const pipeline = (result: readonly string[]) =>
    lines('version: 1', 'name: p', 'task: t', 'inputs: { topic: { default: x } }', 'tools: []', 'result: |-', ...result.map((line) => `  ${line}`));

  it('is checked at validate against inputs, steps.<id>.output and last, at each placeholder, with did-you-mean', async () => {
    const dir = await tempProject({
      'p.yaml': pipeline(['# {{inputs.topc}}', '{{steps.1.outputs}} and {{ step.2.output }}', '{{steps.a}} {{output}} {{last}}', '{{#each steps}}{{output}}{{/each}} {{json steps}}']),
    });
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      'p.yaml:7:5 error: result placeholder {{inputs.topc}} names no declared input (did you mean "topic"?)',
      'p.yaml:8:3 error: result placeholder {{steps.1.outputs}} reads "outputs" of steps.1, which has only output; use {{steps.1.output}}',
      'p.yaml:8:27 error: result placeholder {{ step.2.output }} reads "step", which the result template does not have (it reads {{inputs.NAME}}, {{steps.ID.output}} or {{last}}); use {{steps.2.output}}',
      'p.yaml:9:3 error: result placeholder {{steps.a}} renders steps.a itself, which prints as "[object Object]"; use {{steps.a.output}}',
      'p.yaml:9:15 error: result placeholder {{output}} reads "output", which the result template does not have (it reads {{inputs.NAME}}, {{steps.ID.output}} or {{last}})',
    ]);
  });

  it('stops a run before it calls the model', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline(['{{steps.1.outputs}}']) });
    const run = await runWithModel(dir, 'p.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('p.yaml:7:3 error: result placeholder {{steps.1.outputs}} reads "outputs" of steps.1');
    expect(run.requests).toBe(0);
  });
});

describe('tool declarations', () => {
  it('a tool with the fields of two kinds says a tool has one kind and names them', async () => {
    const dir = await tempProject({
      'p.yaml': lines('version: 1', 'name: p', 'task: t', 'tools:', '  - name: both', '    description: d', '    url: https://example.org/', '    command: [ls]', '    args: { type: object }'),
      'tools.yaml': lines('- name: mixed', '  description: d', '  command: [ls]', '  module: m.mjs', '  args: { type: object }'),
    });
    const result = await runCli(['validate', 'p.yaml', 'tools.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      'p.yaml:8:5 error: a tool has one kind: command (command:), http (url:) or module (module:), but this one has "url" (http) and "command" (command); keep one, and declare any other as a tool of its own',
      'tools.yaml:4:3 error: a tool has one kind: command (command:), http (url:) or module (module:), but this one has "command" (command) and "module" (module); keep one, and declare any other as a tool of its own',
    ]);
    expect(result.stderr).not.toContain('unknown field');
  });

  it('use: of a missing tool file says the path is relative to the declaring file and suggests the file found', async () => {
    const dir = await tempProject({
      'package.json': '{}\n',
      'tools/fs.yaml': '[]\n',
      'node_modules/planexec/tools/git.yaml': '[]\n',
      'pipelines/p.yaml': lines('version: 1', 'name: p', 'task: t', 'tools:', '  - use: tools/fs.yaml', '  - use: "../tools/git.yaml"', '  - use: nowhere/x.yaml'),
    });
    const result = await runCli(['validate', 'pipelines/p.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      'pipelines/p.yaml:5:10 error: tool file "tools/fs.yaml" not found: a use: path is relative to the file that declares it, pipelines/p.yaml, so this one names pipelines/tools/fs.yaml; write use: ../tools/fs.yaml',
      'pipelines/p.yaml:6:10 error: tool file "../tools/git.yaml" not found: a use: path is relative to the file that declares it, pipelines/p.yaml, so this one names tools/git.yaml; write use: ../node_modules/planexec/tools/git.yaml',
      'pipelines/p.yaml:7:10 error: tool file "nowhere/x.yaml" not found: a use: path is relative to the file that declares it, pipelines/p.yaml, so this one names pipelines/nowhere/x.yaml',
    ]);
  });

  it('GitHub Actions fields point at what planexec has instead, for a pipeline and for a tool', async () => {
    const dir = await tempProject({
      'p.yaml': lines(
        'version: 1',
        'name: p',
        'task: t',
        'timeout-minutes: 15',
        'needs: [build]',
        'tools:',
        '  - name: a',
        '    description: d',
        '    command: [ls]',
        '    args: { type: object }',
        '    timeout-minutes: 5',
        '    continue-on-error: true',
        '    if: always()',
      ),
    });
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      'p.yaml:4:1 error: unknown field "timeout-minutes" (a GitHub Actions field: write execution: { stepTimeout: 15m } for every step, or timeout: on a tool)',
      'p.yaml:5:1 error: unknown field "needs" (a GitHub Actions field; planexec has none: the model plans the steps, and a step waits for those whose output it reads, ${steps.ID.output}, and those in its dependsOn)',
      'p.yaml:11:5 error: unknown field "timeout-minutes" (a GitHub Actions field: write timeout: 5m)',
      'p.yaml:12:5 error: unknown field "continue-on-error" (a GitHub Actions field: write critical: false, and a failure no other step needs does not stop the run)',
      'p.yaml:13:5 error: unknown field "if" (a GitHub Actions field; planexec has none: the model decides which tools a plan uses, so say in the tool\'s description when it is the one to use)',
    ]);
  });
});

describe('validate of folders and globs', () => {
  const project = () =>
    tempProject({
      'pipelines/a.yaml': lines('version: 1', 'name: a', 'task: t', 'tools: []'),
      'pipelines/nested/b.yaml': lines('version: 1', 'name: b', 'taks: t', 'tools: []'),
      'pipelines/tools/t.yaml': lines('- name: x', '  description: d', '  command: [ls]', '  args: { type: object }'),
      'pipelines/planexec.config.yaml': lines('planning: { maxStep: 3 }'),
      'pipelines/data/rows.yaml': lines('- region: West', '  total: 3'),
      'pipelines/compose.yml': lines('services: { web: { image: nginx } }'),
      'pipelines/node_modules/dep/bad.yaml': lines('version: 1', 'name: [broken'),
      'empty/notes.txt': 'nothing here\n',
    });

  it('a folder: every pipeline, tool and config file in it, recursively, the other YAML files named as skipped', async () => {
    const dir = await project();
    const result = await runCli(['validate', 'pipelines/'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'pipelines/nested/b.yaml:1:1 error: missing required field "task"',
      'pipelines/nested/b.yaml:3:1 error: unknown field "taks" (did you mean "task"?)',
      'pipelines/planexec.config.yaml:1:13 error: unknown field "maxStep" (did you mean "maxSteps"?)',
      'skipped 2 YAML files that are not pipeline, tool or config files: pipelines/compose.yml, pipelines/data/rows.yaml',
      '3 errors in 2 files',
    ]);
  });

  it('names at most 10 skipped files, then how many more', async () => {
    const data = Object.fromEntries(Array.from({ length: 13 }, (_, index) => [`data/rows-${String(index).padStart(2, '0')}.yaml`, lines('- region: West')]));
    const dir = await tempProject({ ...data, 'p.yaml': lines('version: 1', 'name: p', 'task: t', 'tools: []') });
    const result = await runCli(['validate', '.'], { cwd: dir });
    expect(result.code).toBe(0);
    const names = Array.from({ length: 10 }, (_, index) => `data/rows-${String(index).padStart(2, '0')}.yaml`).join(', ');
    expect(result.stderr).toBe(`skipped 13 YAML files that are not pipeline, tool or config files: ${names} and 3 more\n1 file valid\n`);
  });

  it('a quoted glob, expanded by planexec', async () => {
    const dir = await project();
    const result = await runCli(['validate', 'pipelines/a*.yaml', 'pipelines/**/t.yaml'], { cwd: dir });
    expect(result.stderr).toBe('2 files valid\n');
    expect(result.code).toBe(0);
  });

  it('a glob or folder matching nothing is an error', async () => {
    const dir = await project();
    const result = await runCli(['validate', 'nothing/*.yaml', 'empty', 'pipelines/data'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'nothing/*.yaml:1:1 error: this pattern matches no pipeline, tool or config file',
      'empty:1:1 error: this folder holds no pipeline, tool or config file',
      `pipelines/data:1:1 error: this folder holds no pipeline, tool or config file (only other YAML files: pipelines/data/rows.yaml)`,
      'skipped 1 YAML file that is not a pipeline, tool or config file: pipelines/data/rows.yaml',
      '3 errors in 3 files',
    ]);
  });

  it('the examples and the tool library of this repository, by folder', async () => {
    const result = await runCli(['validate', 'pipelines', 'tools']);
    // Every YAML file of the two folders is a pipeline or a tool file, and all of them are valid.
    const yamlFiles = ['pipelines', 'tools'].flatMap((folder) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => /\.ya?ml$/.test(name)));
    expect(yamlFiles.length).toBeGreaterThan(5);
    expect(result.stderr).toBe(`${yamlFiles.length} files valid\n`);
    expect(result.code).toBe(0);
  });
});

describe('validate --json', () => {
  it('prints each diagnostic as one JSON object per line on stdout, with hint and fix where known; exit codes unchanged', async () => {
    const dir = await tempProject({
      'p.yaml': lines('version: 1', 'name: p', 'taks: t', 'tools:', '  - name: a', '    description: d', '    command: [ls, "${{ args.dir }}"]', '    args: { type: object, properties: { dir: { type: string } } }'),
      'ok.yaml': lines('version: 1', 'name: ok', 'task: t', 'tools: []'),
    });
    const result = await runCli(['validate', '--json', 'p.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { file: 'p.yaml', line: 1, column: 1, severity: 'error', message: 'missing required field "task"' },
      { file: 'p.yaml', line: 3, column: 1, severity: 'error', message: 'unknown field "taks" (did you mean "task"?)' },
      {
        file: 'p.yaml',
        line: 7,
        column: 20,
        severity: 'error',
        message: 'command placeholder ${{ args.dir }} is GitHub Actions expression syntax; planexec templates are Handlebars; use {{args.dir}}',
        hint: 'use {{args.dir}}',
        fix: { text: '{{args.dir}}', endLine: 7, endColumn: 35 },
      },
    ]);
    expect(result.stderr).toBe('3 errors in 1 file\n');

    const valid = await runCli(['validate', '--json', 'ok.yaml'], { cwd: dir });
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe('');
  });
});
