import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/index.ts';
import { renderPlanPrompt } from '../../src/planner/plan-prompts.ts';
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
