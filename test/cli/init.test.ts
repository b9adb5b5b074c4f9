import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withStateFolderIgnored } from '../../src/cli/ignore-state-folder.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

async function filesIn(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const name = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) found.push(...(await filesIn(dir, name)));
    else found.push(name);
  }
  return found.sort();
}

describe('planexec init', () => {
  it('writes a starter pipeline and a config that validate, run and pass their tests offline', async () => {
    const dir = await tempProject({});
    const init = await runCli(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toBe('');
    expect(init.stderr).toContain('created pipelines/my-pipeline.yaml\n');
    expect(init.stderr).toContain('next: planexec run pipelines/my-pipeline.yaml\n');
    expect(await filesIn(dir)).toEqual(['.gitignore', 'pipelines/data/my-pipeline.txt', 'pipelines/my-pipeline.yaml', 'pipelines/recordings/my-pipeline.json', 'planexec.config.yaml']);
    expect(init.stderr).toContain('created .gitignore (ignores .planexec/, where runs are kept)\n');
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe("# planexec's run history and plan cache\n.planexec/\n");
    const pipeline = await readFile(path.join(dir, 'pipelines/my-pipeline.yaml'), 'utf8');
    expect(pipeline).toMatch(/^# yaml-language-server: \$schema=\S+\/schemas\/pipeline\.schema\.json\n/);

    const validate = await runCli(['validate', 'pipelines/my-pipeline.yaml', 'planexec.config.yaml'], { cwd: dir });
    expect(validate.stderr).toBe('2 files valid\n');
    const run = await runCli(['run', 'pipelines/my-pipeline.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('High priority\n- Update the migration guide for the new config format (line 4)');
    // `planexec test` right after init: the starter's tests pass from its recording.
    const test = await runCli(['test'], { cwd: dir });
    expect(test.stdout).toBe('ok   my-pipeline › the high-priority items come first (2 model calls)\n1 passed, 0 failed\n');
    expect(test.code).toBe(0);
  });

  it('takes a name and a folder, and keeps an existing config', async () => {
    const dir = await tempProject({ 'planexec.config.yaml': 'execution: { concurrency: 2 }\n' });
    const init = await runCli(['init', 'weekly-report', '--dir', '.'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(await filesIn(dir)).toEqual(['.gitignore', 'data/weekly-report.txt', 'planexec.config.yaml', 'recordings/weekly-report.json', 'weekly-report.yaml']);
    expect(await readFile(path.join(dir, 'planexec.config.yaml'), 'utf8')).toBe('execution: { concurrency: 2 }\n');
    const run = await runCli(['run', 'weekly-report.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
  });

  it('refuses to overwrite a file: exit 2, a clear message, nothing written', async () => {
    const dir = await tempProject({ 'pipelines/my-pipeline.yaml': 'mine\n' });
    const init = await runCli(['init'], { cwd: dir });
    expect(init.code).toBe(2);
    expect(init.stderr).toBe('error: pipelines/my-pipeline.yaml already exists; planexec init never overwrites a file (choose another name: planexec init <name>)\n');
    expect(await filesIn(dir)).toEqual(['pipelines/my-pipeline.yaml']);
    expect(await readFile(path.join(dir, 'pipelines/my-pipeline.yaml'), 'utf8')).toBe('mine\n');
  });

  it('refuses a name that cannot be a file name', async () => {
    const dir = await tempProject({});
    const init = await runCli(['init', '../evil'], { cwd: dir });
    expect(init.code).toBe(2);
    expect(init.stderr).toBe('error: the pipeline name "../evil" must be letters, digits, - and _ (it becomes the file name ../evil.yaml)\n(see planexec init --help)\n');
    expect(await filesIn(dir)).toEqual([]);
  });

  it("adds .planexec/ to the user's .gitignore once, keeping every line of it", async () => {
    const dir = await tempProject({ '.gitignore': 'node_modules\n# build output\ndist' });
    const first = await runCli(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('added .planexec/ to .gitignore (where runs are kept)\n');
    const expected = "node_modules\n# build output\ndist\n# planexec's run history and plan cache\n.planexec/\n";
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe(expected);
    const second = await runCli(['init', 'another'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('.gitignore');
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe(expected);
  });

  it('leaves a .gitignore that already ignores the folder alone', async () => {
    const dir = await tempProject({ '.gitignore': '/.planexec\n' });
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe('/.planexec\n');
  });

  it("in a subfolder of a project, the .gitignore is the project root's, where runs are kept", async () => {
    const dir = await tempProject({ 'planexec.config.yaml': '', 'automation/.keep': '' });
    const init = await runCli(['init'], { cwd: path.join(dir, 'automation') });
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('created ../.gitignore (ignores .planexec/, where runs are kept)\n');
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toContain('.planexec/\n');
    const run = await runCli(['run', 'pipelines/my-pipeline.yaml'], { cwd: path.join(dir, 'automation') });
    expect(run.code).toBe(0);
    expect(await readdir(path.join(dir, '.planexec/runs'))).toHaveLength(1);
  });

  it('says npx planexec run when planexec is a dependency of the project, planexec run otherwise', async () => {
    for (const field of ['dependencies', 'devDependencies']) {
      const dir = await tempProject({ 'package.json': JSON.stringify({ name: 'app', [field]: { planexec: '^0.1.0' } }) });
      const init = await runCli(['init'], { cwd: dir });
      expect(init.code, field).toBe(0);
      expect(init.stderr, field).toContain('next: npx planexec run pipelines/my-pipeline.yaml\n');
    }
    const other = await tempProject({ 'package.json': JSON.stringify({ name: 'app', devDependencies: { vitest: '^3.0.0' } }) });
    expect((await runCli(['init'], { cwd: other })).stderr).toContain('next: planexec run pipelines/my-pipeline.yaml\n');
  });

  it("the .gitignore line keeps the file's line endings, and any usual spelling of the folder counts as ignored", () => {
    expect(withStateFolderIgnored('dist\r\n')).toBe("dist\r\n# planexec's run history and plan cache\r\n.planexec/\r\n");
    expect(withStateFolderIgnored('')).toBe("# planexec's run history and plan cache\n.planexec/\n");
    for (const line of ['.planexec', '.planexec/', '/.planexec/', '  .planexec/**  ']) expect(withStateFolderIgnored(`dist\n${line}\n`), line).toBeUndefined();
    // A comment or another folder's name is not the rule.
    expect(withStateFolderIgnored('# .planexec/\n.planexec-old/\n')).toContain('\n.planexec/\n');
  });
});
