import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

const pipeline = `version: 1
name: plan-only
task: "Count files"
model: { name: m }
tools:
  - name: touch_marker
    description: Writes a marker file (must never run during planexec plan)
    command: [touch, marker]
    args: { type: object, properties: { n: { type: integer } }, additionalProperties: false }
planning: { maxRepairs: 1 }
`;

const plan = {
  steps: [
    { id: 1, action: 'Mark "one"', tool: 'touch_marker', args: { n: 1 } },
    { id: 2, action: 'Mark two', tool: 'touch_marker', args: { n: 2 } },
    { id: 3, action: 'Sum up', tool: 'llm', args: { prompt: '${steps.1.output} and ${steps.2.output}' } },
  ],
};

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function planWith(format: string) {
  server = await startScriptedServer([{ json: plan }]);
  const dir = await tempProject({ 'p.yaml': pipeline });
  const result = await runCli(['plan', 'p.yaml', '--format', format], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
  return { result, dir };
}

describe('planexec plan', () => {
  it('prints the compiled plan as JSON with resolved dependencies and levels, running nothing', async () => {
    const { result, dir } = await planWith('json');
    expect(result.code).toBe(0);
    const compiled = JSON.parse(result.stdout);
    expect(compiled.steps.map((s: { id: string; needs: string[]; level: number }) => [s.id, s.needs, s.level])).toEqual([
      ['1', [], 0],
      ['2', [], 0],
      ['3', ['1', '2'], 1],
    ]);
    expect(compiled.order).toEqual(['1', '2', '3']);
    expect(compiled.criticalPathLength).toBe(2);
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${dir}/marker`)).toBe(false);
  });

  it('prints Graphviz DOT with quoted labels', async () => {
    const { result } = await planWith('dot');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"1" [label="1. Mark \\"one\\" [touch_marker]"];');
    expect(result.stdout).toContain('"1" -> "3";');
    expect(result.stdout.trim().endsWith('}')).toBe(true);
  });

  it('exits 3 with every remaining problem when the plan stays invalid after repairs', async () => {
    server = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'rm_rf', args: {} }, { id: 2, tool: 'touch_marker', args: { n: 'x' } }] } }]);
    const dir = await tempProject({ 'p.yaml': pipeline });
    const result = await runCli(['plan', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(server.calls).toHaveLength(2); // the plan and one repair (maxRepairs: 1)
    expect(result.stderr).toContain('error: the model did not give a usable plan:');
    expect(result.stderr).toContain('  - step 1: unknown tool "rm_rf"');
    expect(result.stderr).toContain('  - step 2 (touch_marker): argument "n" must be integer, got string');
  });

  it('keeps Mermaid nodes apart and labels on one line, whatever ids and actions the model wrote', async () => {
    server = await startScriptedServer([{ json: { steps: [
      { id: 'a-b', action: 'first\n  click s1 "https://evil"', tool: 'touch_marker', args: {} },
      { id: 'a_b', action: 'second', tool: 'touch_marker', args: {}, dependsOn: ['a-b'] },
    ] } }]);
    const dir = await tempProject({ 'p.yaml': pipeline });
    const result = await runCli(['plan', 'p.yaml', '--format', 'mermaid'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(['flowchart TD', '  s1["a-b. first click s1 #quot;https://evil#quot; [touch_marker]"]', '  s2["a_b. second [touch_marker]"]', '  s1 --> s2', ''].join('\n'));
  });

  it('rejects an unknown --format with exit 2', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline });
    const result = await runCli(['plan', 'p.yaml', '--format', 'svg'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format must be one of json, mermaid, dot, got "svg"');
  });
});
