// What the faults of issue 18 do to a planexec CLI: one line per fault with its exit code, how long
// it took (or that it hung and was killed), and what it printed or left behind. Not a timing
// benchmark: run it against this checkout and against an older one to compare behaviour.
//
//   node bench/faults.ts                       # this checkout's src/cli/main.ts
//   node bench/faults.ts /path/to/src/cli/main.ts   # another checkout (its node_modules in place)

import { execFileSync, spawn } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptedServer } from '../test/support/scripted-server.ts';

const cli = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../src/cli/main.ts'));
const hangMs = 5000;

interface Outcome {
  readonly code: number | null;
  readonly ms: number;
  readonly hung: boolean;
  readonly out: string;
  readonly peakRssMb?: number;
}

function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, ulimit?: number): Promise<Outcome> {
  const fullEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', ...env };
  const child =
    ulimit === undefined
      ? spawn(process.execPath, [cli, ...args], { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('bash', ['-c', `ulimit -n ${ulimit} && exec "$0" "$@"`, process.execPath, cli, ...args], { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = Date.now();
  let out = '';
  let hung = false;
  let peakRssMb = 0;
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const sampler = setInterval(() => {
    try {
      const status = execFileSync('cat', [`/proc/${child.pid}/status`], { encoding: 'utf8' });
      const rss = /VmRSS:\s+(\d+) kB/.exec(status);
      if (rss) peakRssMb = Math.max(peakRssMb, Number(rss[1]) / 1024);
    } catch {
      /* gone, or no /proc */
    }
  }, 200);
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, hangMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(sampler);
      resolve({ code, ms: Date.now() - started, hung, out, ...(peakRssMb > 0 ? { peakRssMb: Math.round(peakRssMb) } : {}) });
    }),
  );
}

function firstLine(text: string, pattern: RegExp): string {
  return text.split('\n').find((line) => pattern.test(line))?.slice(0, 140) ?? '';
}

function report(name: string, outcome: Outcome, note = ''): void {
  const how = outcome.hung ? `hung, killed after ${hangMs / 1000}s` : `exit ${outcome.code} in ${outcome.ms} ms`;
  const rss = outcome.peakRssMb === undefined ? '' : `, peak RSS ${outcome.peakRssMb} MB`;
  console.log(`${name.padEnd(34)} ${how}${rss}${note ? ` — ${note}` : ''}`);
}

const pipeline = (extra = '') => `version: 1
name: faults
task: t
model: { name: m, maxRetries: 0 }
replan: { strategy: none }
${extra}tools:
  - name: nap
    description: naps
    command: [sleep, "0.5"]
    args: { type: object, properties: {}, additionalProperties: false }
`;

export async function benchFaults(): Promise<void> {
  console.log(`CLI: ${cli}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-faults-'));
  try {
    await writeFile(path.join(dir, 'p.yaml'), pipeline());

    // 11: 128 steps at once under ulimit -n 256.
    const steps = Array.from({ length: 128 }, (_, i) => ({ id: i + 1, tool: 'nap', args: {} }));
    const server = await startScriptedServer([{ json: { steps } }]);
    await writeFile(path.join(dir, 'many.yaml'), pipeline('planning: { maxSteps: 200 }\nexecution: { concurrency: 128 }\n'));
    const many = await runCli(['run', 'many.yaml'], dir, { OPENAI_BASE_URL: server.url }, 256);
    await server.close();
    const succeeded = (many.out.match(/succeeded in/g) ?? []).length;
    report('#11 128 steps, ulimit -n 256', many, `${succeeded}/128 steps succeeded; ${firstLine(many.out, /Unhandled|warning: running at most/) || 'no warning'}`);

    // 14: special files as sources.
    report('#14 validate /dev/zero', await runCli(['validate', '/dev/zero'], dir));
    await mkdir(path.join(dir, 'tools'));
    execFileSync('mkfifo', [path.join(dir, 'tools/fifo.yaml')]);
    await writeFile(path.join(dir, 'use.yaml'), pipeline().replace('tools:\n', 'tools:\n  - use: tools/fifo.yaml\n'));
    report('#14 use: a FIFO', await runCli(['validate', 'use.yaml'], dir));

    // 15: --record onto a FIFO (standing in for /dev/full, which must not be tried as root).
    execFileSync('mkfifo', [path.join(dir, 'rec.json')]);
    const model = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'nap', args: {} }] } }]);
    const record = await runCli(['run', 'p.yaml', '--record', 'rec.json'], dir, { OPENAI_BASE_URL: model.url });
    await model.close();
    report('#15 --record onto a FIFO', record, `afterwards rec.json is ${lstatSync(path.join(dir, 'rec.json')).isFIFO() ? 'still a FIFO' : 'a regular file'}`);

    // 16: a damaged run store.
    const runDir = path.join(dir, '.planexec/runs/20260101-000000-abcd');
    await mkdir(path.join(runDir, 'outputs'), { recursive: true });
    const time = new Date().toISOString();
    const events = [
      { kind: 'run-started', runId: '20260101-000000-abcd', pipeline: 'faults', file: 'p.yaml', pipelineHash: 'x', inputs: {}, time },
      { kind: 'plan-accepted', planNumber: 1, steps: [{ id: '1', action: '', tool: 'nap', args: {}, dependsOn: [], needs: [] }], criticalPathLength: 1, time },
    ];
    await writeFile(path.join(runDir, 'events.ndjson'), `${events.map((event) => JSON.stringify(event)).join('\n')}\nnull\n${JSON.stringify({ kind: 'step-started', planNumber: 1, stepId: '1', tool: 'nap', action: '', time })}\n`);
    const nullLine = await runCli(['show', '20260101-000000-abcd'], dir);
    report('#16 show, a null line', nullLine, firstLine(nullLine.out, /error|warning/));
    const log = await readFile(path.join(runDir, 'events.ndjson'), 'utf8');
    await writeFile(path.join(runDir, 'events.ndjson'), log.replace(/"steps":\[.*\],"criticalPathLength"/, '"steps":"none","criticalPathLength"').replace('null\n', ''));
    const wrongType = await runCli(['show', '20260101-000000-abcd'], dir);
    report('#16 show, a field of the wrong type', wrongType, firstLine(wrongType.out, /error|warning/));
    await writeFile(path.join(runDir, 'events.ndjson'), `${log.replace('null\n', '')}${JSON.stringify({ kind: 'step-succeeded', planNumber: 1, stepId: '1', durationMs: 1, outputPreview: '', args: {}, outputFile: 'outputs/1-1.json', time })}\n`);
    const gone = await runCli(['resume', '20260101-000000-abcd', '--force'], dir);
    report('#16 resume, output file gone', gone, firstLine(gone.out, /error|warning/));

    // 18: PLANEXEC_STATE_DIR naming a file.
    const stateFile = await runCli(['run', 'p.yaml'], dir, { PLANEXEC_STATE_DIR: 'p.yaml' });
    report('#18 PLANEXEC_STATE_DIR is a file', stateFile, firstLine(stateFile.out, /error/));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchFaults();
