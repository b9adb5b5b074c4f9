import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempProject } from '../support/run-cli.ts';

// Finding planexec.config.yaml reads nothing but the candidates on the documented path (the working
// directory up to the nearest package.json): no other tool's config, and no code of the project runs.

const projects: string[] = [];
afterEach(() => {
  for (const dir of projects.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the project config search', () => {
  it('runs no .config/config.mjs of the project (what cosmiconfig imported as its own meta config)', async () => {
    const project = await tempProject({
      'planexec.config.yaml': 'planning: { maxSteps: 1 }\n',
      '.config/config.mjs': "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('../imported.txt', import.meta.url), 'ran');\nexport default {};\n",
    });
    projects.push(project);
    cpSync(path.join(repoRoot, 'pipelines'), path.join(project, 'pipelines'), { recursive: true });
    const result = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: project });
    expect(existsSync(path.join(project, 'imported.txt'))).toBe(false);
    // The config was found and applied: its limit is in the plan prompt, which no longer matches the recording.
    expect(result.stderr).toContain('current:  - At most 1 steps.');
  });

  it('passes over a folder named like the config and finds the one in a parent, stopping at package.json', async () => {
    const project = await tempProject({ 'package.json': '{}\n', 'planexec.config.yaml': 'planning: { maxSteps: nope }\n' });
    projects.push(project);
    const inner = path.join(project, 'work');
    mkdirSync(path.join(inner, 'planexec.config.yaml'), { recursive: true });
    cpSync(path.join(repoRoot, 'pipelines'), path.join(inner, 'pipelines'), { recursive: true });
    const found = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: inner });
    expect(found.code).toBe(2);
    expect(found.stderr).toContain(`${path.join(project, 'planexec.config.yaml')}:1:23 error: "planning.maxSteps" must be an integer`);
    writeFileSync(path.join(inner, 'package.json'), '{}\n');
    const stopped = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: inner });
    expect(stopped.code).toBe(0);
  });
});
