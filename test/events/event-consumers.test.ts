// Every consumer that switches on an event's kind ends its switch with a `never` default, so a new
// event kind is a type error in each of them (and nowhere else). Checked by compiling a copy of src/
// with one more kind in the event union.

import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { repoRoot } from '../support/run-cli.ts';

/** The files that must decide what a new kind means to them. json-view prints every event as it is;
 * report/ reads runs through store/fold-run.ts. */
const consumers = ['src/action/log-run-events.ts', 'src/store/fold-run.ts', 'src/view/fold-progress.ts', 'src/view/plain-view.ts'];

describe('the consumers of the event stream', () => {
  it('each fail to compile when an event kind is added, until they handle it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-event-kinds-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await cp(path.join(repoRoot, 'src'), path.join(dir, 'src'), { recursive: true });
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
    const config = JSON.parse(await readFile(path.join(repoRoot, 'tsconfig.json'), 'utf8'));
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, noEmit: true }, include: ['src'] }));

    // The union of event bodies lives in src/events/; add a kind no consumer knows.
    const union = /(?:export\s+)?type EventBody\s*=\s*\n/;
    let widened = false;
    for (const name of await readdir(path.join(dir, 'src/events'))) {
      const file = path.join(dir, 'src/events', name);
      const text = await readFile(file, 'utf8');
      if (!union.test(text)) continue;
      await writeFile(file, text.replace(union, (head) => `${head}  | { readonly kind: 'kind-from-the-future' }\n`));
      widened = true;
    }
    expect(widened, 'the EventBody union was not found in src/events/').toBe(true);

    const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false'], { encoding: 'utf8' });
    const errors = tsc.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors.length, tsc.stdout + tsc.stderr).toBeGreaterThan(0);
    expect(errors.every((line) => line.includes('kind-from-the-future') && line.includes("type 'never'")), errors.join('\n')).toBe(true);
    const files = errors.map((line) => /(src\/[^(]+)\(/.exec(line)?.[1]);
    expect([...new Set(files)].sort()).toEqual(consumers);
  });
});
