// The run store's group commit, counted through an injected fsync (never timed): every event is in the
// file as soon as it is appended; one fsync covers all the durable events of an event-loop turn; close
// and process.exit commit what is left.

import { spawn } from 'node:child_process';
import { appendFileSync, fsyncSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunEvents, type RunEvent } from '../../src/index.ts';
import { openRunStore, type RunStoreWriter } from '../../src/store/run-store.ts';
import { repoRoot, tempProject } from '../support/run-cli.ts';

const time = '2026-01-01T00:00:00.000Z';
const started: RunEvent = { kind: 'run-started', runId: 'r1', pipeline: 'p', file: 'p.yaml', pipelineHash: 'h', inputs: {}, time };
const accepted: RunEvent = { kind: 'plan-accepted', planNumber: 1, steps: [], criticalPathLength: 0, time };
const stepStarted = (id: string): RunEvent => ({ kind: 'step-started', planNumber: 1, stepId: id, tool: 'noop', action: 'Nothing', time });
const stepSucceeded = (id: string): RunEvent => ({ kind: 'step-succeeded', planNumber: 1, stepId: id, durationMs: 0, outputPreview: id, output: id, time });

/** The end of the current event-loop turn: the store's commit, scheduled earlier, has run by then. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function countedStore(): Promise<{ store: RunStoreWriter; root: string; syncs: () => number; lines: () => string[] }> {
  const root = await tempProject({});
  let syncs = 0;
  const store = openRunStore(root, 'r1', undefined, {
    sync: (fd) => {
      syncs++;
      fsyncSync(fd);
    },
  });
  const lines = () => readFileSync(path.join(root, 'r1', 'events.ndjson'), 'utf8').split('\n').filter(Boolean);
  return { store, root, syncs: () => syncs, lines };
}

describe('the run store', () => {
  it('writes every event to the file as it is appended, before any fsync', async () => {
    const { store, syncs, lines } = await countedStore();
    store.append(started);
    store.append(stepStarted('1'));
    expect(lines().map((line) => (JSON.parse(line) as RunEvent).kind)).toEqual(['run-started', 'step-started']);
    expect(syncs()).toBe(0);
    store.close();
  });

  it('commits many durable events appended in one turn with one fsync', async () => {
    const { store, syncs, lines } = await countedStore();
    store.append(started);
    store.append(accepted);
    for (let i = 1; i <= 500; i++) {
      store.append(stepStarted(String(i)));
      store.append(stepSucceeded(String(i)));
    }
    expect(syncs()).toBe(0);
    await nextTurn();
    expect(syncs()).toBe(1);
    expect(lines()).toHaveLength(1002);
    store.close();
    expect(syncs()).toBe(1); // nothing written since the commit: close has nothing to sync
  });

  it('commits once per turn that appended a durable event, microtasks included', async () => {
    const { store, syncs } = await countedStore();
    store.append(started);
    // Promise continuations are part of the same turn.
    await Promise.resolve();
    store.append(stepSucceeded('1'));
    await nextTurn();
    expect(syncs()).toBe(1);
    store.append(stepSucceeded('2'));
    await nextTurn();
    expect(syncs()).toBe(2);
    await nextTurn();
    expect(syncs()).toBe(2);
    store.close();
  });

  it('leaves events that need no fsync of their own to the next commit or to close', async () => {
    const { store, syncs } = await countedStore();
    store.append(started);
    await nextTurn();
    expect(syncs()).toBe(1);
    store.append(stepStarted('1'));
    await nextTurn();
    expect(syncs()).toBe(1);
    store.close();
    expect(syncs()).toBe(2);
  });

  it('close commits what the turn has not yet, once, and the events read back', async () => {
    const { store, root, syncs } = await countedStore();
    store.append(started);
    store.append(stepStarted('1'));
    store.append(stepSucceeded('1'));
    store.close();
    expect(syncs()).toBe(1);
    await nextTurn();
    expect(syncs()).toBe(1); // the commit scheduled for the turn was made by close
    store.append(stepSucceeded('2')); // after close: ignored
    const log = readRunEvents(root, 'r1');
    expect(log.events.map((event) => event.kind)).toEqual(['run-started', 'step-started', 'step-succeeded']);
    expect(log.warnings).toEqual([]);
  });

  it('a torn last line still reads: the events before it, and a warning', async () => {
    const { store, root } = await countedStore();
    store.append(started);
    store.append(stepSucceeded('1'));
    store.close();
    const file = path.join(root, 'r1', 'events.ndjson');
    appendFileSync(file, JSON.stringify(stepSucceeded('2')).slice(0, 40));
    const log = readRunEvents(root, 'r1');
    expect(log.events.map((event) => event.kind)).toEqual(['run-started', 'step-succeeded']);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/events\.ndjson:3: the last event was only partly written/);
  });

  it('a scheduled fsync that fails is thrown by the next append', async () => {
    const root = await tempProject({});
    const store = openRunStore(root, 'r1', undefined, {
      sync: () => {
        throw new Error('EIO: i/o error, fsync');
      },
    });
    store.append(started);
    await nextTurn();
    expect(() => store.append(stepStarted('1'))).toThrow('EIO: i/o error, fsync');
    store.close();
  });

  it('process.exit in the turn that appended the events still commits them', async () => {
    const root = await tempProject({});
    // As a second Ctrl-C does: process.exit before the turn ends, so the scheduled commit never runs.
    const script = `
      import { fsyncSync, writeSync } from 'node:fs';
      import { openRunStore } from ${JSON.stringify(path.join(repoRoot, 'src/store/run-store.ts'))};
      const store = openRunStore(${JSON.stringify(root)}, 'r1', undefined, { sync: (fd) => { fsyncSync(fd); writeSync(1, 'synced\\n'); } });
      store.append(${JSON.stringify(started)});
      store.append(${JSON.stringify(stepSucceeded('1'))});
      process.exit(130);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stdout).toBe('synced\n');
    expect(readRunEvents(root, 'r1').events.map((event) => event.kind)).toEqual(['run-started', 'step-succeeded']);
  });
});
