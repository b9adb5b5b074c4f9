import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundlePath } from '../../scripts/build-action.ts';
import { actionInputNames } from '../../src/action/action-inputs.ts';
import { actionOutputNames } from '../../src/action/run-action.ts';
import { repoRoot } from '../support/run-cli.ts';

const run = promisify(execFile);
const validator = path.join(repoRoot, 'node_modules/.bin/action-validator');

async function validate(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(validator, [file], { cwd: path.dirname(file) });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
}

describe('action.yml and the example workflow', () => {
  it('action.yml passes action-validator (its schema predates node24, so that one value is checked apart)', async () => {
    const text = await readFile(path.join(repoRoot, 'action.yml'), 'utf8');
    expect((parse(text) as ActionYaml).runs.using).toBe('node24');
    // @action-validator/cli 0.6.0 (the newest) knows runtimes up to node20; validate everything else.
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-action-'));
    await writeFile(path.join(dir, 'action.yml'), text.replace(/^(\s+using:) node24$/m, '$1 node20'));
    const result = await validate(path.join(dir, 'action.yml'));
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('action-validator rejects a broken action.yml (the check can fail)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-action-'));
    await writeFile(path.join(dir, 'action.yml'), 'name: x\nruns: { using: node20, main: x.js }\n');
    expect((await validate(path.join(dir, 'action.yml'))).code).not.toBe(0);
  });

  it('the example workflow passes action-validator', async () => {
    const result = await validate(path.join(repoRoot, '.github/workflows/planexec-example.yml'));
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('declares, with a description each, exactly the inputs the action reads and the outputs it sets; main is the committed bundle', async () => {
    const action = parse(await readFile(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYaml;
    expect(Object.keys(action.inputs).sort()).toEqual([...actionInputNames].sort());
    expect(Object.keys(action.outputs).sort()).toEqual([...actionOutputNames].sort());
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)]) expect(spec.description).toMatch(/\S/);
    expect(action.inputs['pipeline']!.required).toBe(true);
    for (const [name, spec] of Object.entries(action.inputs)) if (name !== 'pipeline') expect(typeof spec.default, name).toBe('string');
    expect(action.runs.main).toBe(bundlePath);
    expect(existsSync(path.join(repoRoot, bundlePath))).toBe(true);
  });

  it('the example workflow runs this action on an example pipeline that replays its recording', async () => {
    const workflow = parse(await readFile(path.join(repoRoot, '.github/workflows/planexec-example.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
    };
    const step = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses === './');
    const pipelineFile = path.join(repoRoot, step!.with!['pipeline']!);
    const pipeline = parse(await readFile(pipelineFile, 'utf8')) as { model?: { replay?: string } };
    expect(pipeline.model?.replay).toBeDefined();
    expect(existsSync(path.resolve(path.dirname(pipelineFile), pipeline.model!.replay!))).toBe(true);
  });
});
