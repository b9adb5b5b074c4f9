import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../support/run-cli.ts';

describe('planexec validate', () => {
  it('is silent on stdout and exits 0 for valid files', async () => {
    const result = await runCli(['validate', 'pipelines/release-notes.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('reports every problem as file:line:col, exit 2, no stack trace', async () => {
    const dir = await tempProject({
      'bad.yaml': [
        'version: 1',
        'name: bad',
        'taks: "typo of task"',
        'tools:',
        '  - name: list',
        '    description: lists',
        '    command: [ls, "{{args.dri}}"]',
        '    args: { type: object, properties: { dir: { type: string } } }',
        '    output: table',
        'replan: { strategy: sometimes }',
        '',
      ].join('\n'),
    });
    const result = await runCli(['validate', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.yaml:1:1 error: missing required field "task"/),
        expect.stringMatching(/^bad\.yaml:3:1 error: unknown field "taks" \(did you mean "task"\?\)/),
        expect.stringMatching(/^bad\.yaml:7:20 error: .*\{\{args\.dri\}\}.*did you mean "dir"/),
        expect.stringMatching(/^bad\.yaml:9:13 error: .*must be one of.*text, lines, json/),
        expect.stringMatching(/^bad\.yaml:10:21 error: "replan.strategy" must be one of: full, tail-only, retry-step, none \(got "sometimes"\)/),
      ]),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists each file\'s problems in reading order and counts only the files that have errors', async () => {
    const dir = await tempProject({
      'good.yaml': 'version: 1\nname: good\ntask: t\ntools: []\n',
      'bad.yaml': 'version: 1\nname: bad\ntask: t\ntools: []\nplanning: { maxSteps: 0 }\nreplan: { strategy: x }\n',
    });
    const result = await runCli(['validate', 'good.yaml', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    const positions = lines.filter((line) => line.startsWith('bad.yaml:')).map((line) => Number(line.split(':')[1]));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(lines.at(-1)).toBe(`${positions.length} errors in 1 file`);
  });

  it('gives YAML syntax errors the same format', async () => {
    const dir = await tempProject({ 'broken.yaml': 'version: 1\nname: [unclosed\ntask: x\n' });
    const result = await runCli(['validate', 'broken.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broken\.yaml:\d+:\d+ error: /m);
  });

  it('run refuses an invalid pipeline the same way before calling any model', async () => {
    const dir = await tempProject({ 'bad.yaml': 'version: 2\nname: x\ntask: t\ntools: []\n' });
    const result = await runCli(['run', 'bad.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bad\.yaml:1:10 error: /m);
  });

  it('run reports the problems of the project config and of the pipeline together', async () => {
    const dir = await tempProject({ 'planexec.config.yaml': 'planning: { maxStep: 3 }\n', 'p.yaml': 'version: 1\nname: p\ntaks: t\ntools: []\n' });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^planexec\.config\.yaml:1:13 error: unknown field "maxStep" \(did you mean "maxSteps"\?\)/m);
    expect(result.stderr).toMatch(/^p\.yaml:3:1 error: unknown field "taks" \(did you mean "task"\?\)/m);
  });

  it('warns when the pipeline replays a recording that does not exist', async () => {
    const dir = await tempProject({ 'p.yaml': 'version: 1\nname: v\ntask: t\nmodel: { replay: rec.json }\ntools: []\n' });
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('p.yaml:4:18 warning: the replay file rec.json does not exist; record it with planexec run --record <file>');
  });

  it('a usage error exits 2', async () => {
    const result = await runCli(['run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required argument 'pipeline'");
  });
});
