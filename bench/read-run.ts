// Reading a stored run back, now that every event is checked against schemas/events.schema.json
// (issue 18, a damaged run store): readRunEvents against a baseline that only parses the lines (what
// it did before), side by side in interleaved rounds on a 100,000-event log; min and median of each,
// and their ratio.

import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRunEvents, type RunEvent } from '../src/index.ts';
import { syntheticRun } from './run-store.ts';

/** What reading a run did before events were checked: split and parse. */
function parseOnly(root: string, runId: string): number {
  const lines = readFileSync(path.join(root, runId, 'events.ndjson'), 'utf8').split('\n');
  let count = 0;
  for (const line of lines) if (line.trim() !== '') (JSON.parse(line) as RunEvent).kind && count++;
  return count;
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
};

export async function benchReadRun(total = 100_000, rounds = 7): Promise<{ ratioMin: number; ratioMedian: number }> {
  const root = await mkdtemp(path.join(tmpdir(), 'planexec-bench-read-'));
  try {
    // Written directly (not through the store, whose fsyncs would dominate the setup).
    await mkdir(path.join(root, 'bench'));
    writeFileSync(path.join(root, 'bench', 'events.ndjson'), [...syntheticRun(total)].map((event) => `${JSON.stringify(event)}\n`).join(''));
    const checked: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      const count = parseOnly(root, 'bench');
      baseline.push(performance.now() - start);
      start = performance.now();
      const log = readRunEvents(root, 'bench');
      checked.push(performance.now() - start);
      if (log.events.length !== count || log.warnings.length > 0) throw new Error('bench run did not read back whole');
    }
    const a = stats(baseline);
    const b = stats(checked);
    const ratioMin = b.min / a.min;
    const ratioMedian = b.median / a.median;
    console.log(`read run (${total} events, ${rounds} interleaved rounds): parse only min ${a.min.toFixed(0)} ms, median ${a.median.toFixed(0)} ms; checked min ${b.min.toFixed(0)} ms, median ${b.median.toFixed(0)} ms`);
    console.log(`read run: checking every event costs ×${ratioMin.toFixed(2)} (min) / ×${ratioMedian.toFixed(2)} (median) of parsing alone; ${((b.median - a.median) * 1000 / total).toFixed(2)} µs per event`);
    return { ratioMin, ratioMedian };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchReadRun();
