// Listing the run store: newest first, only folders holding an event log, and with a limit the
// same runs as the full list's first ones (the rest of a large store is not looked at).

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRunIds } from '../../src/index.ts';

async function store(): Promise<string> {
  const root = path.join(await mkdtemp(path.join(tmpdir(), 'planexec-list-runs-')), 'runs');
  for (const id of ['20260101-000000-aaaa', '20260102-000000-bbbb', '20260103-000000-cccc', '20260105-000000-eeee']) {
    await mkdir(path.join(root, id), { recursive: true });
    await writeFile(path.join(root, id, 'events.ndjson'), '{"kind":"run-started"}\n');
  }
  // A folder without a log (a run that never wrote one) and a stray file are not runs.
  await mkdir(path.join(root, '20260104-000000-dddd'));
  await writeFile(path.join(root, '20260106-000000-ffff'), '');
  return root;
}

describe('listRunIds', () => {
  it('lists the runs newest first, skipping folders without an event log', async () => {
    expect(listRunIds(await store())).toEqual(['20260105-000000-eeee', '20260103-000000-cccc', '20260102-000000-bbbb', '20260101-000000-aaaa']);
  });

  it('with a limit, gives the first runs of the full list', async () => {
    const root = await store();
    expect(listRunIds(root, 2)).toEqual(['20260105-000000-eeee', '20260103-000000-cccc']);
    expect(listRunIds(root, 10)).toEqual(listRunIds(root));
  });

  it('is empty when the store does not exist', () => {
    expect(listRunIds(path.join(tmpdir(), 'planexec-no-such-store', 'runs'), 5)).toEqual([]);
  });
});
