// execution.backend and what a step job carries, without Redis: settings as loaded, the Redis URL
// (password never shown), the job id, and the pipeline hash workers compare.

import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError, loadPipeline } from '../../src/index.ts';
import { redisTarget } from '../../src/workers/redis-target.ts';
import { jobPipelinePath, portablePipelineHash, stepJobId } from '../../src/workers/step-job.ts';
import { tempProject } from '../support/run-cli.ts';

const pipeline = (execution: string) => `version: 1
name: p
task: "t"
model: { name: m }
${execution}
tools:
  - name: echo
    description: Echo
    command: [echo, "{{args.text}}"]
    cwd: scripts
    args: { type: object, properties: { text: { type: string } }, required: [text] }
    idempotent: false
  - name: calc
    description: Calc
    module: scripts/calc.mjs
    args: { type: object }
`;

async function load(text: string) {
  const dir = await tempProject({ 'p.yaml': text, 'scripts/calc.mjs': 'export default () => 1;\n' });
  return { dir, pipeline: await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null }) };
}

describe('execution.backend', () => {
  it('is absent by default (in-process), and read as written otherwise; idempotent: false reaches the tool', async () => {
    expect((await load(pipeline(''))).pipeline.execution.backend).toBeUndefined();
    const { pipeline: bull } = await load(pipeline('execution: { concurrency: 32, backend: { kind: bullmq, redis: "rediss://u@redis.internal:6380/2", queue: steps } }'));
    expect(bull.execution).toMatchObject({ concurrency: 32, backend: { kind: 'bullmq', redis: 'rediss://u@redis.internal:6380/2', queue: 'steps' } });
    expect((await load(pipeline('execution: { backend: { kind: local } }'))).pipeline.execution.backend).toEqual({ kind: 'local' });
    expect(bull.tools.find((tool) => tool.name === 'echo')).toMatchObject({ idempotent: false });
    expect(bull.tools.find((tool) => tool.name === 'calc')).not.toHaveProperty('idempotent');
  });

  it('is checked like any field: a missing URL, a URL that is not redis, a bad queue name', async () => {
    const problems = async (backend: string) => {
      try {
        await load(pipeline(`execution: { backend: ${backend} }`));
        return [];
      } catch (error) {
        return (error as DiagnosticError).diagnostics.map((d) => d.message);
      }
    };
    expect(await problems('{ kind: bullmq }')).toEqual(['missing required field "redis"']);
    expect(await problems('{ kind: bullmq, redis: "http://x" }')).toEqual(['"execution.backend.redis" must be a redis:// or rediss:// URL (got "http://x")']);
    expect(await problems('{ kind: bullmq, redis: "redis://x", queue: "a:b" }')).toEqual(['"execution.backend.queue" must be 1 to 100 letters, digits, _, . or - (got "a:b")']);
    expect(await problems('{ kind: lokal }')).toEqual(['"execution.backend.kind" must be one of: local, bullmq (got "lokal"; did you mean "local"?)']);
  });
});

describe('the Redis URL', () => {
  it('never shows a password, and takes PLANEXEC_REDIS_PASSWORD when the URL has none', () => {
    expect(redisTarget('redis://:hunter2@h:6379/1', {})).toMatchObject({ display: 'redis://:***@h:6379/1', password: 'hunter2', connection: { url: 'redis://:hunter2@h:6379/1' } });
    expect(redisTarget('rediss://app:pw@h', {}).display).toBe('rediss://app:***@h');
    expect(redisTarget('redis://h:6379', { PLANEXEC_REDIS_PASSWORD: 'x' })).toMatchObject({ display: 'redis://h:6379', password: 'x', connection: { url: 'redis://h:6379', password: 'x' } });
    expect(redisTarget('redis://:inurl@h', { PLANEXEC_REDIS_PASSWORD: 'x' }).connection).toEqual({ url: 'redis://:inurl@h' });
  });

  it('must be redis:// or rediss://', () => {
    expect(() => redisTarget('http://h:6379', {})).toThrow('expected a redis:// or rediss:// (TLS) URL, got http://…');
    expect(() => redisTarget('localhost:6379', {})).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => redisTarget('not a url :pw@', {})).toThrow('is not a URL');
  });
});

describe('step jobs', () => {
  it('get the same id for the same call, another for other arguments or another attempt', () => {
    const job = { runId: '20261126-130512-4f3a', planNumber: 2, stepId: 'fetch', attempt: 1, tool: 'echo', args: { text: 'a' } };
    expect(stepJobId(job)).toBe(stepJobId({ ...job }));
    expect(stepJobId(job)).toMatch(/^20261126-130512-4f3a\.2\.fetch\.[0-9a-f]{12}\.1$/);
    expect(stepJobId({ ...job, args: { text: 'b' } })).not.toBe(stepJobId(job));
    expect(stepJobId({ ...job, attempt: 2 })).not.toBe(stepJobId(job));
  });

  it('name the pipeline relative to the project, and only inside it', () => {
    expect(jobPipelinePath('/srv/app/pipelines/p.yaml', '/srv/app')).toBe('pipelines/p.yaml');
    expect(jobPipelinePath('/srv/other/p.yaml', '/srv/app')).toBeUndefined();
  });

  it('carry a pipeline hash that does not depend on where the checkout is, nor on the backend, but on everything that runs', async () => {
    const { dir, pipeline: here } = await load(pipeline('execution: { backend: { kind: bullmq, redis: "redis://coordinator:6379" } }'));
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'planexec-elsewhere-'));
    await cp(dir, elsewhere, { recursive: true });
    await writeFile(path.join(elsewhere, 'p.yaml'), pipeline('execution: { backend: { kind: bullmq, redis: "redis://10.0.0.5:6379" } }'));
    const there = await loadPipeline(path.join(elsewhere, 'p.yaml'), { cwd: elsewhere, config: null });
    expect(here.tools.find((tool) => tool.name === 'calc')).toMatchObject({ module: path.join(dir, 'scripts/calc.mjs') });
    expect(portablePipelineHash(there, elsewhere)).toBe(portablePipelineHash(here, dir));

    await writeFile(path.join(elsewhere, 'p.yaml'), pipeline('').replace('[echo, ', '[printf, '));
    const changed = await loadPipeline(path.join(elsewhere, 'p.yaml'), { cwd: elsewhere, config: null });
    expect(portablePipelineHash(changed, elsewhere)).not.toBe(portablePipelineHash(here, dir));
  });
});
