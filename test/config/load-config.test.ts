import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectConfig, readProjectConfig } from '../../src/config/load-config.ts';
import { DiagnosticError, formatDiagnostic, loadPipeline } from '../../src/index.ts';

/** A temp directory holding `files` (path → text), marked as a project root by a package.json. */
async function project(files: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-config-')));
  for (const [name, text] of Object.entries({ 'package.json': '{}\n', ...files })) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics.map(formatDiagnostic);
  }
  throw new Error('expected a DiagnosticError');
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const CONFIG = lines(
  '# yaml-language-server: $schema=./schemas/config.schema.json',
  'model:',
  '  name: team-model',
  '  baseURL: http://localhost:11434/v1',
  '  replay: recordings/all.json',
  '  timeout: 2m',
  'planning: { maxSteps: 10, maxRepairs: 5 }',
  'replan: { strategy: none }',
  'execution: { concurrency: 2 }',
);

describe('loadProjectConfig', () => {
  it('finds planexec.config.yaml in a parent directory of cwd', async () => {
    const dir = await project({ 'planexec.config.yaml': CONFIG, 'pipelines/deep/.keep': '' });
    const config = await loadProjectConfig(path.join(dir, 'pipelines', 'deep'));
    expect(config).toEqual({
      file: path.join(dir, 'planexec.config.yaml'),
      displayPath: path.join(dir, 'planexec.config.yaml'),
      model: { name: 'team-model', baseURL: 'http://localhost:11434/v1', replay: path.join(dir, 'recordings/all.json'), timeoutMs: 120_000 },
      planning: { maxSteps: 10, maxRepairs: 5 },
      replan: { strategy: 'none' },
      execution: { concurrency: 2 },
    });
  });

  it('also finds planexec.config.yml, and accepts an empty one', async () => {
    const dir = await project({ 'planexec.config.yml': '# nothing yet\n' });
    expect(await loadProjectConfig(dir)).toEqual({ file: path.join(dir, 'planexec.config.yml'), displayPath: 'planexec.config.yml' });
  });

  it('stops searching at the project root (the nearest package.json)', async () => {
    const dir = await project({ 'planexec.config.yaml': CONFIG, 'app/package.json': '{}\n', 'app/src/.keep': '' });
    expect(await loadProjectConfig(path.join(dir, 'app', 'src'))).toBeUndefined();
  });

  it('reports every problem of a bad config at file:line:col', async () => {
    const dir = await project({
      'planexec.config.yaml': lines('model:', '  nme: gpt-4o', '  maxRetries: -1', 'replan: { strategy: tail }', 'execution: { stepTimeout: soon }', 'tools: []'),
    });
    expect(await rejection(loadProjectConfig(dir))).toEqual([
      'planexec.config.yaml:2:3 error: unknown field "nme" (did you mean "name"?)',
      'planexec.config.yaml:3:15 error: "model.maxRetries" must be >= 0 (got -1)',
      'planexec.config.yaml:4:21 error: "replan.strategy" must be one of: full, tail-only, retry-step, none (got "tail")',
      'planexec.config.yaml:5:27 error: "execution.stepTimeout" must be a duration such as 30s, 5m, 1h or 500ms, or a number of milliseconds (got "soon")',
      'planexec.config.yaml:6:1 error: unknown field "tools"',
    ]);
  });

  it('reports YAML problems in the config file itself', async () => {
    const dir = await project({ 'planexec.config.yaml': lines('model: { name: a }', 'model: { name: b }') });
    expect(await rejection(readProjectConfig(path.join(dir, 'planexec.config.yaml'), dir))).toEqual([
      'planexec.config.yaml:2:1 error: duplicate key "model" (first defined at 1:1)',
    ]);
  });
});

describe('loadPipeline with a project config', () => {
  const PIPELINE = lines(
    'version: 1',
    'name: n',
    'task: t',
    'tools: []',
    'model: { name: pipeline-model, timeout: 10s }',
    'planning: { maxRepairs: 1 }',
    'execution: { maxOutputBytes: 1000 }',
  );

  it('merges config defaults under the pipeline, field by field (pipeline wins)', async () => {
    const dir = await project({ 'planexec.config.yaml': CONFIG, 'pipelines/p.yaml': PIPELINE });
    const pipeline = await loadPipeline('p.yaml', { cwd: path.join(dir, 'pipelines') });
    expect(pipeline.model).toEqual({
      name: 'pipeline-model',
      baseURL: 'http://localhost:11434/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
      replay: path.join(dir, 'recordings/all.json'),
      maxRetries: 2,
      timeoutMs: 10_000,
    });
    expect(pipeline.planning).toEqual({ maxSteps: 10, maxRepairs: 1, maxArgumentBytes: 65_536, maxArgumentDepth: 16, cache: false, maxPlanBytes: 1_048_576, stream: true });
    expect(pipeline.replan).toEqual({ strategy: 'none', maxReplans: 2, retries: 2, fixArgs: false, fallback: 'tail-only' });
    expect(pipeline.execution).toEqual({ concurrency: 2, stepTimeoutMs: 300_000, maxOutputBytes: 1000, onFailure: 'wait' });
  });

  it('uses a config passed in, and none when passed null', async () => {
    const dir = await project({ 'planexec.config.yaml': CONFIG, 'p.yaml': PIPELINE });
    const config = await loadProjectConfig(dir);
    expect((await loadPipeline('p.yaml', { cwd: dir, ...(config ? { config } : {}) })).planning.maxSteps).toBe(10);
    expect((await loadPipeline('p.yaml', { cwd: dir, config: null })).planning.maxSteps).toBe(50);
  });

  it('reports a bad config together with the pipeline\'s own problems', async () => {
    const dir = await project({ 'planexec.config.yaml': 'planning: { maxSteps: 0 }\n', 'p.yaml': 'version: 1\nname: n\ntools: []\n' });
    expect(await rejection(loadPipeline('p.yaml', { cwd: dir }))).toEqual([
      'p.yaml:1:1 error: missing required field "task"',
      'planexec.config.yaml:1:23 error: "planning.maxSteps" must be >= 1 (got 0)',
    ]);
  });
});
