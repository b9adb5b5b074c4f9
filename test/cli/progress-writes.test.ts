// Progress lines (and --json events) reach their stream a turn's worth at a time, not a write per
// line, with the same bytes in the same order: anything else written meanwhile (a module tool's
// console.error, a warning, the run id) comes after the lines written before it.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gatherWrites } from '../../src/cli/gather-writes.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

const STEPS = 60;

const pipelineYaml = (tool: string) => `version: 1
name: many
task: "Run the steps"
model: { name: m }
tools:
  - name: step
    description: Returns its number
    module: ${tool}
    args: { type: object, properties: { n: { type: integer } }, required: [n], additionalProperties: false }
planning: { maxSteps: ${STEPS} }
`;

/** A plan file of `count` steps, each after the one before it, so their lines come in one order. */
const chainedPlan = (count: number) => ({
  pipeline: 'many',
  steps: Array.from({ length: count }, (_, i) => ({ id: i + 1, action: `Step ${i + 1}`, tool: 'step', args: { n: i + 1 }, ...(i > 0 ? { dependsOn: [i] } : {}) })),
});

/** Preloaded into the CLI: logs the size of every write call that reaches process.stderr and process.stdout. */
const countingHook = `import { appendFileSync } from 'node:fs';
for (const [name, stream] of [['stderr', process.stderr], ['stdout', process.stdout]]) {
  const write = stream.write;
  stream.write = function (chunk, ...rest) {
    appendFileSync(process.env.WRITES_LOG, name + ' ' + String(chunk).length + '\\n');
    return write.call(this, chunk, ...rest);
  };
}
`;

async function project(tool: string, steps: number) {
  const dir = await tempProject({
    'quiet.mjs': 'export default ({ n }) => n;\n',
    'noisy.mjs': 'export default ({ n }) => { console.error(`tool ${n} says hello`); return n; };\n',
    'p.yaml': pipelineYaml(tool),
    'plan.json': `${JSON.stringify(chainedPlan(steps), null, 2)}\n`,
    'count-writes.mjs': countingHook,
  });
  const log = path.join(dir, 'writes.log');
  const env = { NODE_OPTIONS: `--import=${pathToFileURL(path.join(dir, 'count-writes.mjs')).href}`, WRITES_LOG: log };
  const writes = async (stream: 'stderr' | 'stdout') => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line.startsWith(`${stream} `)).map((line) => Number(line.split(' ')[1]));
  return { dir, env, writes };
}

describe('progress writes', () => {
  it('writes the plain lines of a run of quick steps in far fewer write calls than lines, byte for byte', async () => {
    const { dir, env, writes } = await project('quiet.mjs', STEPS);
    const result = await runCli(['run', 'p.yaml', '--plan', 'plan.json'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    // A line per step start and success, one per step of the plan, the run's own.
    expect(lines.filter((line) => / step \d+ (started|succeeded)/.test(line))).toHaveLength(2 * STEPS);
    expect(lines.at(-1)).toMatch(/^run id: /);
    const sizes = await writes('stderr');
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(result.stderr.length);
    // A write per line would be over 200 calls; a turn's lines go in one.
    expect(sizes.length).toBeLessThan(STEPS / 2);
  });

  it('--json: the events on stdout in far fewer write calls than events, one JSON line each', async () => {
    const { dir, env, writes } = await project('quiet.mjs', STEPS);
    const result = await runCli(['run', 'p.yaml', '--plan', 'plan.json', '--json'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { kind: string });
    expect(events.filter((event) => event.kind === 'step-succeeded')).toHaveLength(STEPS);
    const sizes = await writes('stdout');
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(result.stdout.length);
    expect(sizes.length).toBeLessThan(STEPS / 2);
  });

  it("keeps a module tool's own stderr output between its step's lines", async () => {
    const { dir, env } = await project('noisy.mjs', 5);
    const result = await runCli(['run', 'p.yaml', '--plan', 'plan.json'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n').map((line) => line.replace(/^\d\d:\d\d:\d\d\.\d{3} /, ''));
    const steps = lines.filter((line) => /^(step \d+ (started|succeeded)|tool \d+ says)/.test(line)).map((line) => line.replace(/ in \d+\.\ds$/, ''));
    expect(steps).toEqual([1, 2, 3, 4, 5].flatMap((n) => [`step ${n} started: step — Step ${n}`, `tool ${n} says hello`, `step ${n} succeeded`]));
  });
});

describe('gatherWrites', () => {
  const collect = () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    return { stream, chunks };
  };
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('writes what a turn gathered once, at its end, and leaves the stream as it was', async () => {
    const { stream, chunks } = collect();
    const write = stream.write;
    const gathered = gatherWrites(stream);
    gathered.write('a\n');
    gathered.write('b\n');
    expect(stream.write).not.toBe(write);
    await nextTurn();
    expect(chunks).toEqual(['a\nb\n']);
    expect(stream.write).toBe(write);
    expect(Object.hasOwn(stream, 'write')).toBe(false);
  });

  it('writes what it gathered before anything else written to the stream meanwhile', async () => {
    const { stream, chunks } = collect();
    const gathered = gatherWrites(stream);
    gathered.write('progress 1\n');
    stream.write('warning: something\n');
    gathered.write('progress 2\n');
    await nextTurn();
    expect(chunks).toEqual(['progress 1\n', 'warning: something\n', 'progress 2\n']);
  });

  it('writes at once what outgrows the buffer, and what is left on flush', async () => {
    const { stream, chunks } = collect();
    const gathered = gatherWrites(stream);
    const big = `${'x'.repeat(70 * 1024)}\n`;
    gathered.write(big);
    await Promise.resolve();
    expect(chunks.join('')).toBe(big);
    gathered.write('tail\n');
    gathered.flush();
    await Promise.resolve();
    expect(chunks.join('')).toBe(`${big}tail\n`);
  });
});
