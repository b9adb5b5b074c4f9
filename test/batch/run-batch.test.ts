import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataRow } from '../../src/batch/read-data-rows.ts';
import { compactResults, readPreviousResults } from '../../src/batch/results-file.ts';
import { runBatch, type RowResult } from '../../src/batch/run-batch.ts';

const usage = { llmCalls: 1, promptTokens: 10, completionTokens: 2, replans: 0, stepRuns: 1, reusedSteps: 0 };

describe('the batch loop', () => {
  it('over 10,000 rows pulls a row only when it may start, and keeps at most a window of results waiting', async () => {
    let pulled = 0;
    let written = 0;
    let mostAhead = 0;
    async function* rows(): AsyncGenerator<DataRow> {
      for (let row = 1; row <= 10_000; row++) {
        pulled++;
        mostAhead = Math.max(mostAhead, pulled - written);
        yield { row, place: `rows.jsonl:${row}`, inputs: { n: row } };
      }
    }
    const order: number[] = [];
    let mostStarted = 0;
    let startedWhileFirstRan = 0;
    // Row 1 is slow: later rows finish before it, so results pile up behind it until the window is full.
    let releaseFirst!: () => void;
    const first = new Promise<void>((resolve) => (releaseFirst = resolve));
    await runBatch({
      rows: rows(),
      concurrency: 8,
      skip: () => false,
      signal: new AbortController().signal,
      runRow: async (row) => {
        if (row.row === 1) {
          // Let go of row 1 a while after it started: by then every row the window lets start has run.
          setTimeout(releaseFirst, 20);
          await first;
          startedWhileFirstRan = mostStarted;
        } else await Promise.resolve();
        mostStarted = Math.max(mostStarted, row.row);
        return { row: row.row, place: row.place, status: 'succeeded', result: String(row.row), runId: `r${row.row}`, usage };
      },
      write: (result: RowResult) => {
        written++;
        order.push(result.row);
      },
      onEvent: () => undefined,
    });
    expect(order).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    // The window (8 × 8 = 64) plus the one row pulled to wait for a slot.
    expect(mostAhead).toBeLessThanOrEqual(65);
    // While row 1 held up the writing, no row beyond the window started.
    expect(startedWhileFirstRan).toBeLessThanOrEqual(64);
    expect(startedWhileFirstRan).toBeGreaterThan(8);
  });

  it('skips rows that already succeeded and gives a row with a problem invalid-input without running it', async () => {
    const ran: number[] = [];
    const written: RowResult[] = [];
    async function* rows(): AsyncGenerator<DataRow> {
      yield { row: 1, place: 'd.jsonl:1', inputs: {} };
      yield { row: 2, place: 'd.jsonl:2', problem: 'd.jsonl:2:3: not a JSON object' };
      yield { row: 3, place: 'd.jsonl:3', inputs: {} };
    }
    await runBatch({
      rows: rows(),
      concurrency: 2,
      skip: (row) => row === 1,
      signal: new AbortController().signal,
      runRow: async (row) => {
        ran.push(row.row);
        return { row: row.row, place: row.place, status: 'succeeded', result: 'ok', runId: 'r', usage };
      },
      write: (result) => written.push(result),
      onEvent: () => undefined,
    });
    expect(ran).toEqual([3]);
    expect(written.map((result) => [result.row, result.status, result.error])).toEqual([[2, 'invalid-input', 'd.jsonl:2:3: not a JSON object'], [3, 'succeeded', undefined]]);
  });
});

describe('the results file', () => {
  it('compacts reruns appended out of order to one line per row (the latest), in row order', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-results-'));
    const file = path.join(dir, 'results.jsonl');
    const line = (row: number, status: string) => JSON.stringify({ row, status, ...(status === 'succeeded' ? { result: `r${row}` } : { error: 'x' }), runId: null, usage });
    await writeFile(file, [line(1, 'succeeded'), line(2, 'failed'), line(3, 'succeeded'), line(5, 'succeeded'), line(2, 'failed'), line(4, 'succeeded'), line(2, 'succeeded')].join('\n') + '\n');
    const previous = readPreviousResults(file, 'results.jsonl');
    expect([...previous.succeeded].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(previous.lines).toBe(7);
    compactResults(file);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((text) => JSON.parse(text) as { row: number; status: string });
    expect(lines.map((l) => [l.row, l.status])).toEqual([[1, 'succeeded'], [2, 'succeeded'], [3, 'succeeded'], [4, 'succeeded'], [5, 'succeeded']]);
  });

  it('refuses an --out file that is not a batch\'s results, naming the line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-results-'));
    const file = path.join(dir, 'notes.jsonl');
    await writeFile(file, '{"row":1,"status":"succeeded"}\nhello\n');
    expect(() => readPreviousResults(file, 'notes.jsonl')).toThrow(/^notes\.jsonl:2:1: not a result line of a batch/);
  });
});
