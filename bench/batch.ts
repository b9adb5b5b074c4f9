// Batch runs over data (`run --data`), through the CLI as a user runs it: a 3-step pipeline (a module
// step that waits, a replayed llm step, a module step that waits again; the plan replayed too).
// (a) Throughput over 1,000 rows at --concurrency 8 against 1. Target ≥ 4×. On 2 cores this holds only
//     because the steps wait (as real model calls and tools do): the CPU work of a row (planning,
//     compiling, the run store) does not overlap beyond the cores there are; the waits do.
// (b) Peak RSS of the CLI at 10,000 rows against 1,000 (both at concurrency 8, both loading the same
//     10,000-row recording, so the only difference is the rows). Target ≤ 1.2×: rows are read as a
//     stream and results stream to the file.
// BENCH_BATCH_ROWS / BENCH_BATCH_BIG_ROWS / BENCH_BATCH_WAIT_MS shrink it for a quick look.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptedServer } from '../test/support/scripted-server.ts';

const ROWS = Number(process.env.BENCH_BATCH_ROWS ?? 1000);
const BIG_ROWS = Number(process.env.BENCH_BATCH_BIG_ROWS ?? 10_000);
const WAIT_MS = Number(process.env.BENCH_BATCH_WAIT_MS ?? 60);
const cli = path.resolve(import.meta.dirname, '../src/cli/main.ts');

const pipeline = `version: 1
name: batch-bench
task: "Label a ticket and format the label"
inputs:
  id: { type: string }
model: { name: bench-model, replay: recording.json }
tools:
  - name: pause
    description: Waits, then returns its text
    module: pause.mjs
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
replan: { strategy: none }
result: "{{inputs.id}}: {{last}}"
`;

const pauseModule = `export default async ({ text }) => { await new Promise((resolve) => setTimeout(resolve, ${WAIT_MS})); return text; };\n`;
// Writes the process's peak RSS (KiB) when it exits.
const reportRss = `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`;

const plan = {
  steps: [
    { id: 1, action: 'Fetch', tool: 'pause', args: { text: 'ticket text' } },
    { id: 2, action: 'Label', tool: 'llm', args: { prompt: 'Label this ticket: ${steps.1.output}' } },
    { id: 3, action: 'Format', tool: 'pause', args: { text: 'label: ${steps.2.output}' } },
  ],
};

interface BatchFigures { readonly wallMs: number; readonly rssKiB: number; readonly exit: number | null }

async function runBatch(dir: string, rows: number, concurrency: number): Promise<BatchFigures> {
  const data = path.join(dir, `rows-${rows}.jsonl`);
  await writeFile(data, Array.from({ length: rows }, (_, i) => `{"id":"t${i + 1}"}\n`).join(''));
  const out = path.join(dir, `out-${rows}-${concurrency}.jsonl`);
  await rm(out, { force: true });
  await rm(path.join(dir, '.planexec'), { recursive: true, force: true });
  const rssFile = path.join(dir, 'rss.txt');
  const started = performance.now();
  const exit = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', path.join(dir, 'report-rss.mjs'), cli, 'run', 'p.yaml', '--data', data, '--out', out, '--concurrency', String(concurrency)], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(code) : reject(new Error(`batch exited ${code}:\n${stderr}`))));
  });
  const wallMs = performance.now() - started;
  return { wallMs, rssKiB: Number(await readFile(rssFile, 'utf8')), exit };
}

/** Record one row against the scripted server, then repeat each exchange: replay serves same-key answers in order. */
async function makeRecording(dir: string, rows: number): Promise<void> {
  const server = await startScriptedServer([
    { match: /Label this ticket/, content: 'billing' },
    { json: plan },
  ]);
  try {
    await writeFile(path.join(dir, 'one.jsonl'), '{"id":"t0"}\n');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, 'run', 'p.yaml', '--data', 'one.jsonl', '--out', 'one-out.jsonl', '--record', 'one-recording.json'], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-bench-not-a-key' },
        stdio: 'ignore',
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`recording exited ${code}`))));
    });
  } finally {
    await server.close();
  }
  const recording = JSON.parse(await readFile(path.join(dir, 'one-recording.json'), 'utf8')) as { version: number; exchanges: unknown[] };
  await writeFile(path.join(dir, 'recording.json'), JSON.stringify({ version: recording.version, exchanges: recording.exchanges.flatMap((exchange) => Array(rows).fill(exchange)) }));
}

export async function benchBatch(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-batch-'));
  try {
    await writeFile(path.join(dir, 'p.yaml'), pipeline);
    await writeFile(path.join(dir, 'pause.mjs'), pauseModule);
    await writeFile(path.join(dir, 'report-rss.mjs'), reportRss);
    await makeRecording(dir, Math.max(ROWS, BIG_ROWS));
    const one = await runBatch(dir, ROWS, 1);
    const eight = await runBatch(dir, ROWS, 8);
    const rate = (figures: BatchFigures) => (ROWS / figures.wallMs) * 1000;
    console.log(`${ROWS} rows, 3 steps each (two ${WAIT_MS} ms waits, one replayed llm call; the plan replayed):`);
    console.log(`  --concurrency 1: ${(one.wallMs / 1000).toFixed(1)} s, ${rate(one).toFixed(1)} rows/s`);
    console.log(`  --concurrency 8: ${(eight.wallMs / 1000).toFixed(1)} s, ${rate(eight).toFixed(1)} rows/s`);
    console.log(`  speed-up ${(one.wallMs / eight.wallMs).toFixed(2)}× (target ≥ 4×)`);
    const big = await runBatch(dir, BIG_ROWS, 8);
    console.log(`peak RSS at --concurrency 8: ${(eight.rssKiB / 1024).toFixed(0)} MiB at ${ROWS} rows, ${(big.rssKiB / 1024).toFixed(0)} MiB at ${BIG_ROWS} rows (${(big.wallMs / 1000).toFixed(1)} s): ${(big.rssKiB / eight.rssKiB).toFixed(2)}× (target ≤ 1.2×)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBatch();
