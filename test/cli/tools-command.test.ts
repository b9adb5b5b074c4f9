import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/index.ts';
import { renderPlanPrompt } from '../../src/planner/plan-prompts.ts';
import { planRequest } from '../../src/planner/request-plan.ts';
import { strictViolations } from '../support/strict-schema-rules.ts';
import { repoRoot, runCli, tempProject } from '../support/run-cli.ts';

describe('planexec tools', () => {
  it('prints the tools exactly as the plan prompt lists them to the model', async () => {
    const result = await runCli(['tools', 'pipelines/repo-health.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('pipelines/repo-health.yaml: 4 declared tools and the built-in llm\n');
    expect(result.stdout.split('\n').filter((line) => line.startsWith('- ')).map((line) => line.split(':')[0])).toEqual([
      '- list_files',
      '- grep_lines',
      '- npm_ls',
      '- repo_stats',
      '- llm',
    ]);
    // The same text is in the prompt the model gets: one projection, one template.
    const pipeline = await loadPipeline('pipelines/repo-health.yaml', { cwd: repoRoot });
    expect(renderPlanPrompt(pipeline, 'the task', {})).toContain(result.stdout.trimEnd());
    expect(result.stdout).not.toContain('repo-stats.mjs'); // never how a tool runs
  });

  it('--json gives each tool contract: name, description, args schema, output', async () => {
    const result = await runCli(['tools', 'pipelines/release-notes.yaml', '--json']);
    expect(result.code).toBe(0);
    const tools = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(tools.map((tool) => Object.keys(tool))).toEqual([
      ['name', 'description', 'args', 'output'],
      ['name', 'description', 'args', 'output'],
    ]);
    expect(tools[0]).toMatchObject({ name: 'grep_lines', output: 'lines', args: { required: ['pattern', 'file'] } });
    expect(tools[1]).toMatchObject({ name: 'llm', output: 'text' });
  });

  it('--plan-schema prints the response_format planning requests send, and warns when it cannot be strict', async () => {
    const result = await runCli(['tools', 'pipelines/repo-health.yaml', '--plan-schema']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const format = JSON.parse(result.stdout);
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'plan', strict: true } });
    expect(strictViolations(format.json_schema.schema)).toEqual([]);
    const pipeline = await loadPipeline('pipelines/repo-health.yaml', { cwd: repoRoot });
    expect(format.json_schema).toEqual(JSON.parse(JSON.stringify(planRequest(pipeline, [], 'plan').jsonSchema)));

    const dir = await tempProject({
      'p.yaml': 'version: 1\nname: p\ntask: t\ntools:\n  - name: fetch\n    description: d\n    command: [echo]\n    args: { type: object, properties: { url: { type: string, format: uri } }, required: [url], additionalProperties: false }\n',
    });
    const loose = await runCli(['tools', 'p.yaml', '--plan-schema'], { cwd: dir });
    expect(loose.code).toBe(0);
    expect(loose.stderr).toBe('warning: the plan schema is sent with strict: false, so a server with strict structured outputs will not hold the model to it: tool "fetch" uses format: uri (at args.url)\n');
    expect(JSON.parse(loose.stdout).json_schema.strict).toBe(false);
  });

  it('follows a pipeline\'s own plan prompt', async () => {
    const dir = await tempProject({
      'p.yaml': 'version: 1\nname: p\ntask: t\ntools: []\nprompts: { plan: plan.hbs }\n',
      'plan.hbs': 'Do {{task}} with:\n{{#each tools}}\n* {{name}} ({{output}})\n{{/each}}\n',
    });
    const result = await runCli(['tools', 'p.yaml'], { cwd: dir });
    expect(result.stdout).toBe('* llm (text)\n');
  });

  it('reports an invalid pipeline like validate does, exit 2', async () => {
    const dir = await tempProject({ 'p.yaml': 'version: 1\nname: p\ntask: t\ntools:\n  - name: x\n    description: d\n    command: [ls]\n' });
    const result = await runCli(['tools', 'p.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^p\.yaml:5:5 error: missing required field "args" \(the JSON Schema of the arguments/);
    expect(result.stdout).toBe('');
  });
});
