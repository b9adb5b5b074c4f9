import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { LLM_TOOL } from '../../src/pipeline/builtin-tools.ts';
import { DiagnosticError, formatDiagnostic, loadPipeline } from '../../src/index.ts';

/** A temp directory holding `files` (path → text); returns its real absolute path. */
async function project(files: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-pipeline-')));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** The formatted diagnostics loadPipeline throws (failing the test if it throws anything else). */
async function problems(file: string, cwd: string): Promise<string[]> {
  try {
    await loadPipeline(file, { cwd, config: null });
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics.map(formatDiagnostic);
  }
  throw new Error(`expected ${file} to be rejected`);
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const HEADER = ['version: 1', 'name: n', 'task: t'];

const GIT_TOOLS = lines(
  '- name: list_tags',
  '  description: Tags of the repository',
  '  command: [git, tag]',
  '  args: { type: object }',
  '  output: lines',
  '- name: show',
  '  description: Show a commit',
  '  command: [git, show, "{{args.ref}}"]',
  '  args:',
  '    type: object',
  '    properties: { ref: { type: string } }',
  '    required: [ref]',
);

describe('loadPipeline', () => {
  it('loads a valid pipeline into the typed Pipeline with defaults filled and use: tools imported', async () => {
    const dir = await project({
      'tools/git.yaml': GIT_TOOLS,
      'pipelines/prompts/plan.hbs': 'Plan: {{task}}\n',
      'pipelines/notes.yaml': lines(
        '# yaml-language-server: $schema=../schemas/pipeline.schema.json',
        'version: 1',
        'name: release-notes',
        'task: "Write release notes for {{inputs.repo}} since {{inputs.since}}"',
        'inputs:',
        '  repo: { description: Repository path }',
        '  since: { type: string, default: v1.0.0 }',
        '  limit: { type: number, default: 20 }',
        'model: { replay: ../recordings/notes.json, timeout: 30s }',
        'tools:',
        '  - use: ../tools/git.yaml',
        '    only: [show]',
        '  - name: list_commits',
        '    description: Commit subjects since a ref',
        '    command: [git, log, "--format=%s", "{{args.since}}..HEAD"]',
        '    args: { type: object, properties: { since: { type: string } }, required: [since] }',
        '    output: lines',
        '    cwd: ..',
        '    env: { GIT_PAGER: cat }',
        '    timeout: 30s',
        'prompts: { plan: prompts/plan.hbs }',
        'replan: { strategy: tail-only }',
        'execution: { stepTimeout: 2m }',
        'result: "{{last}}"',
      ),
    });
    const pipeline = await loadPipeline('pipelines/notes.yaml', { cwd: dir, config: null });

    expect(pipeline.file).toBe(path.join(dir, 'pipelines/notes.yaml'));
    expect(pipeline.displayPath).toBe(path.join('pipelines', 'notes.yaml'));
    expect(pipeline.name).toBe('release-notes');
    expect(pipeline.version).toBe(1);
    expect(pipeline.inputs).toEqual({
      repo: { type: 'string', description: 'Repository path', required: true },
      since: { type: 'string', default: 'v1.0.0', required: false },
      limit: { type: 'number', default: 20, required: false },
    });
    expect(pipeline.model).toEqual({
      name: 'gpt-4o-mini',
      apiKeyEnv: 'OPENAI_API_KEY',
      maxRetries: 2,
      timeoutMs: 30_000,
      replay: path.join(dir, 'recordings/notes.json'),
    });
    expect(pipeline.planning).toEqual({ maxSteps: 50, maxRepairs: 2, maxArgumentBytes: 65_536, maxArgumentDepth: 16, cache: false, maxPlanBytes: 1_048_576, stream: true });
    expect(pipeline.replan).toEqual({ strategy: 'tail-only', maxReplans: 2, retries: 2, fixArgs: false, fallback: 'tail-only' });
    expect(pipeline.execution).toEqual({ concurrency: 4, stepTimeoutMs: 120_000, maxOutputBytes: 1_048_576, onFailure: 'wait' });
    expect(pipeline.prompts).toEqual({ plan: 'Plan: {{task}}\n' });
    expect(pipeline.result).toBe('{{last}}');

    expect(pipeline.tools.map((tool) => tool.name)).toEqual(['show', 'list_commits', 'llm']);
    expect(pipeline.tools[0]).toEqual({
      kind: 'command',
      name: 'show',
      description: 'Show a commit',
      command: ['git', 'show', '{{args.ref}}'],
      args: { type: 'object', properties: { ref: { type: 'string' } }, required: ['ref'] },
      output: 'text',
      source: { file: path.join('tools', 'git.yaml'), line: 6, col: 3 },
      importedAt: { file: path.join('pipelines', 'notes.yaml'), line: 11, col: 10 },
    });
    expect(pipeline.tools[1]).toEqual({
      kind: 'command',
      name: 'list_commits',
      description: 'Commit subjects since a ref',
      command: ['git', 'log', '--format=%s', '{{args.since}}..HEAD'],
      args: { type: 'object', properties: { since: { type: 'string' } }, required: ['since'] },
      output: 'lines',
      cwd: dir,
      env: { GIT_PAGER: 'cat' },
      timeoutMs: 30_000,
      source: { file: path.join('pipelines', 'notes.yaml'), line: 13, col: 5 },
    });
    expect(pipeline.tools[2]).toBe(LLM_TOOL);
    expect(pipeline.warnings).toBeUndefined();
  });

  it('reports every problem of a malformed pipeline at its file:line:col', async () => {
    const dir = await project({
      'bad.yaml': lines(
        'version: 2',
        'name: ""',
        'taks: "Summarise {{inputs.topic}}"',
        'planning: { maxSteps: ten }',
        'replan: { strategy: tail }',
        'model: { apiKeyEnv: sk-live-123, temperature: 3 }',
        'tools:',
        '  - name: fetch',
        '    description: Fetch a page',
        '    command: [curl, "{{args.ulr}}"]',
        '    args: { type: object, properties: { url: { type: string } } }',
        '    outptu: text',
      ),
    });
    expect(await problems('bad.yaml', dir)).toEqual([
      'bad.yaml:1:1 error: missing required field "task"',
      'bad.yaml:1:10 error: "version" must be 1 (got number 2)',
      'bad.yaml:2:7 error: "name" must not be empty',
      'bad.yaml:3:1 error: unknown field "taks" (did you mean "task"?)',
      'bad.yaml:4:23 error: "planning.maxSteps" must be an integer (got string "ten")',
      'bad.yaml:5:21 error: "replan.strategy" must be one of: full, tail-only, retry-step, none (got "tail")',
      'bad.yaml:6:21 error: "model.apiKeyEnv" must be the name of an environment variable (A-Z, 0-9 and _), not the key itself (got "sk-live-123")',
      'bad.yaml:6:47 error: "model.temperature" must be <= 2 (got 3)',
      'bad.yaml:10:22 error: command placeholder {{args.ulr}} names no declared argument (did you mean "url"?)',
      'bad.yaml:12:5 error: unknown field "outptu" (did you mean "output"?)',
    ]);
  });

  it('names the imported tool file, with its own positions, for a problem inside it', async () => {
    const dir = await project({
      'tools/broken.yaml': lines('- name: ok', '  description: Fine', '  command: [echo]', '  args: { type: object }', '- name: bad', '  command: [x, "{{args.y}}"]', '  args: { type: object }', '  output: xml'),
      'pipelines/p.yaml': lines(...HEADER, 'tools:', '  - use: ../tools/broken.yaml'),
    });
    expect(await problems('pipelines/p.yaml', dir)).toEqual([
      `${path.join('tools', 'broken.yaml')}:5:3 error: missing required field "description"`,
      `${path.join('tools', 'broken.yaml')}:6:17 error: command placeholder {{args.y}} names no declared argument`,
      `${path.join('tools', 'broken.yaml')}:8:11 error: "[1].output" must be one of: text, lines, json (got "xml")`,
    ]);
  });

  it('reports an args schema that is not a usable JSON Schema at its position', async () => {
    const dir = await project({
      'p.yaml': lines(
        ...HEADER,
        'tools:',
        '  - name: a',
        '    description: d',
        '    command: [a]',
        '    args: { type: object, properties: { n: { type: integr } } }',
        '  - name: b',
        '    description: d',
        '    command: [b]',
        '    args: { type: object, requird: [x] }',
        '  - name: c',
        '    description: d',
        '    command: [c]',
        '    args: { type: string }',
        '  - name: d',
        '    description: d',
        '    command: [d]',
        '    args: { type: object, properties: { when: { type: string, format: dat } } }',
      ),
    });
    expect(await problems('p.yaml', dir)).toEqual([
      'p.yaml:8:52 error: "tools[0].args.properties.n.type" must be one of: array, boolean, integer, null, number, object, string (got "integr"; did you mean "integer"?)',
      'p.yaml:12:27 error: "tools[1].args" uses "requird", which is not a keyword planexec checks (did you mean "required"?)',
      'p.yaml:16:19 error: "tools[2].args.type" must be "object" (got string "string")',
      'p.yaml:20:71 error: "tools[3].args.properties.when.format" is the unknown format "dat" (did you mean "date"?); the formats planexec checks: date, time, date-time, duration, email, hostname, ipv4, ipv6, uri, uuid, path',
    ]);
  });

  it('compiles the args schemas of the tools in use only: a tool only: leaves out is not compiled', async () => {
    const broken = lines(
      '- name: good',
      '  description: d',
      '  command: [a]',
      '  args: { type: object, properties: { n: { type: integer } } }',
      '- name: broken',
      '  description: d',
      '  command: [b]',
      '  args: { type: object, requird: [x] }',
    );
    const dir = await project({
      'tools/mixed.yaml': broken,
      'uses-good.yaml': lines(...HEADER, 'tools:', '  - use: tools/mixed.yaml', '    only: [good]'),
      'uses-both.yaml': lines(...HEADER, 'tools:', '  - use: tools/mixed.yaml', '    only: [good]', '  - use: tools/mixed.yaml', '    only: [broken]'),
      'uses-all.yaml': lines(...HEADER, 'tools:', '  - use: tools/mixed.yaml'),
    });
    const pipeline = await loadPipeline('uses-good.yaml', { cwd: dir, config: null });
    expect(pipeline.tools.map((tool) => tool.name)).toEqual(['good', 'llm']);
    const reported = `${path.join('tools', 'mixed.yaml')}:8:25 error: "[1].args" uses "requird", which is not a keyword planexec checks (did you mean "required"?)`;
    expect(await problems('uses-both.yaml', dir)).toEqual([reported]);
    expect(await problems('uses-all.yaml', dir)).toEqual([reported]);
  });

  it('checks ordinary args schemas without compiling them, and schemas sharing an $id each with an Ajv of its own', async () => {
    const tool = (name: string, args: string) => [`  - name: ${name}`, '    description: d', `    command: [${name}]`, `    args: ${args}`];
    const dir = await project({
      'many.yaml': lines(...HEADER, 'tools:', ...['a', 'b', 'c', 'd', 'e'].flatMap((name) => tool(name, `{ type: object, properties: { ${name}: { type: string } } }`))),
      'ids.yaml': lines(
        ...HEADER,
        'tools:',
        ...tool('a', '{ $id: "https://x.test/args", type: object }'),
        ...tool('b', '{ $id: "https://x.test/args", type: object, properties: { b: { type: string } } }'),
      ),
      'refs.yaml': lines(...HEADER, 'tools:', ...['a', 'b'].flatMap((name) => tool(name, `{ type: object, definitions: { s: { type: string } }, properties: { ${name}: { $ref: "#/definitions/s" } } }`))),
    });
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      // Decided from the schemas themselves (args-schema-verdict.ts): no Ajv compiles them.
      await loadPipeline('many.yaml', { cwd: dir, config: null });
      expect(compile).not.toHaveBeenCalled();
      // A $ref is left to ajv: one shared instance, and a schema compiled once however often it is declared.
      await loadPipeline('refs.yaml', { cwd: dir, config: null });
      expect(compile).toHaveBeenCalledTimes(2);
      const shared = new Set(compile.mock.contexts);
      expect(shared.size).toBe(1);
      compile.mockClear();
      await loadPipeline('refs.yaml', { cwd: dir, config: null });
      expect(compile).not.toHaveBeenCalled();
      const pipeline = await loadPipeline('ids.yaml', { cwd: dir, config: null });
      expect(pipeline.tools.map((t) => t.name)).toEqual(['a', 'b', 'llm']);
      expect(new Set(compile.mock.contexts).size).toBe(2);
      expect(compile.mock.contexts.some((context) => shared.has(context))).toBe(false);
    } finally {
      compile.mockRestore();
    }
  });

  it('reports duplicate tool names at the second declaration, naming where the first is', async () => {
    const dir = await project({
      'tools/git.yaml': GIT_TOOLS,
      'p.yaml': lines(
        ...HEADER,
        'tools:',
        '  - name: show',
        '    description: d',
        '    command: [a]',
        '    args: { type: object }',
        '  - name: show',
        '    description: d',
        '    command: [b]',
        '    args: { type: object }',
        '  - use: tools/git.yaml',
      ),
    });
    expect(await problems('p.yaml', dir)).toEqual([
      'p.yaml:9:11 error: duplicate tool name "show" (first declared at p.yaml:5:11)',
      `p.yaml:13:10 error: duplicate tool name "show": imported from ${path.join('tools', 'git.yaml')}:6:9, first declared at p.yaml:5:11`,
    ]);
  });

  it('reports a use: of a missing file, an only: name the file lacks, and a user tool named llm', async () => {
    const dir = await project({
      'tools/git.yaml': GIT_TOOLS,
      'p.yaml': lines(
        ...HEADER,
        'tools:',
        '  - use: tools/nothere.yaml',
        '  - use: tools/git.yaml',
        '    only: [shwo, list_tags]',
        '  - name: llm',
        '    description: d',
        '    command: [a]',
        '    args: { type: object }',
      ),
    });
    expect(await problems('p.yaml', dir)).toEqual([
      `p.yaml:5:10 error: tool file "tools/nothere.yaml" not found: a use: path is relative to the file that declares it, p.yaml, so this one names ${path.join('tools', 'nothere.yaml')}`,
      `p.yaml:7:12 error: tool file ${path.join('tools', 'git.yaml')} has no tool "shwo" (did you mean "show"?)`,
      'p.yaml:8:11 error: tool name "llm" is the built-in tool that asks the model; choose another name',
    ]);
  });

  it('checks task, result and command templates as Handlebars and their input placeholders', async () => {
    const dir = await project({
      'p.yaml': lines(
        'version: 1',
        'name: n',
        'task: "Summarise {{inputs.topik}} for {{inputs.audience}}"',
        'inputs: { topic: {}, audience: { default: everyone } }',
        'result: "{{#if last}}{{last}}"',
        'tools:',
        '  - name: a',
        '    description: d',
        '    command: [a, "{{args.x}"]',
        '    args: { type: object, properties: { x: { type: string } } }',
      ),
    });
    expect(await problems('p.yaml', dir)).toEqual([
      'p.yaml:3:18 error: task placeholder {{inputs.topik}} names no declared input (did you mean "topic"?)',
      'p.yaml:5:9 error: "result" is not a valid Handlebars template: unexpected end of template after "{{#if last}}{{last}}" (is a {{#block}} not closed?)',
      'p.yaml:9:18 error: "tools[0].command[1]" is not a valid Handlebars template: unexpected invalid character after "{{args.x"',
    ]);
  });

  it('reports an input default of the wrong type', async () => {
    const dir = await project({ 'p.yaml': lines(...HEADER, 'inputs:', '  count: { type: number, default: many }', '  tag: { default: 10 }', 'tools: []') });
    expect(await problems('p.yaml', dir)).toEqual([
      'p.yaml:5:35 error: input "count" has type number but its default is string "many"',
      'p.yaml:6:19 error: input "tag" has type string but its default is number 10; quote it: "10"',
    ]);
  });

  it('reads prompt files and reports a missing or broken one at its path in the pipeline', async () => {
    const dir = await project({
      'prompts/replan.hbs': 'Replan {{#each steps}}',
      'p.yaml': lines(...HEADER, 'tools: []', 'prompts:', '  plan: prompts/plan.hbs', '  replan: prompts/replan.hbs'),
    });
    expect(await problems('p.yaml', dir)).toEqual([
      'p.yaml:6:9 error: cannot read prompt file "prompts/plan.hbs": ENOENT: no such file or directory',
      'p.yaml:7:11 error: prompt file "prompts/replan.hbs" is not a valid Handlebars template: unexpected end of template after "...plan {{#each steps}}" (is a {{#block}} not closed?)',
    ]);
  });

  it('rejects files that are not pipelines with a DiagnosticError, never a TypeError', async () => {
    const dir = await project({
      'empty.yaml': '',
      'scalar.yaml': 'just text\n',
      'list.yaml': '- a\n',
      'tools5.yaml': lines(...HEADER, 'tools: 5'),
      'odd-tools.yaml': lines(...HEADER, 'tools: [5, null, "x", { use: 3 }, { only: [a] }]', 'inputs: [a]', 'prompts: yes', 'model: 1'),
      'syntax.yaml': 'version: 1\nname: [\n',
    });
    expect(await problems('empty.yaml', dir)).toEqual(['empty.yaml:1:1 error: the file is empty; the top level must be a map']);
    expect(await problems('scalar.yaml', dir)).toEqual(['scalar.yaml:1:1 error: the top level must be a map (got string "just text")']);
    expect(await problems('list.yaml', dir)).toEqual(['list.yaml:1:1 error: the top level must be a map (got a list)']);
    expect(await problems('tools5.yaml', dir)).toEqual(['tools5.yaml:4:8 error: "tools" must be a list (got number 5)']);
    expect(await problems('missing.yaml', dir)).toEqual(['missing.yaml:1:1 error: cannot read file: ENOENT: no such file or directory']);
    expect(await problems('syntax.yaml', dir)).toEqual([
      'syntax.yaml:3:1 error: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(await problems('odd-tools.yaml', dir)).toEqual([
      'odd-tools.yaml:4:9 error: "tools[0]" must be a map (got number 5)',
      'odd-tools.yaml:4:12 error: "tools[1]" must be a map (got null)',
      'odd-tools.yaml:4:18 error: "tools[2]" must be a map (got string "x")',
      'odd-tools.yaml:4:30 error: "tools[3].use" must be a string (got number 3)',
      'odd-tools.yaml:4:35 error: missing required fields "name", "description", "command" and "args"',
      'odd-tools.yaml:4:37 error: unknown field "only"',
      'odd-tools.yaml:5:9 error: "inputs" must be a map (got a list)',
      'odd-tools.yaml:6:10 error: "prompts" must be a map (got string "yes")',
      'odd-tools.yaml:7:8 error: "model" must be a map (got number 1)',
    ]);
  });

  it('rejects prototype keys in a pipeline', async () => {
    const dir = await project({ 'p.yaml': lines(...HEADER, 'tools: []', 'inputs:', '  constructor: {}') });
    expect(await problems('p.yaml', dir)).toEqual(['p.yaml:6:3 error: "constructor" is not allowed as a key']);
  });
});
