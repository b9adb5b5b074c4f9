import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceStack } from '../../src/cli/source-stack.ts';

// The mapping of the bundle's frames is checked through it, in test/package/cli-bundle.test.ts; here,
// what is left alone: run from source, no frame is in the bundle's folder.
describe('a --debug stack trace', () => {
  it('keeps every frame outside the bundle\'s folder as V8 wrote it, a dist/bin/ of another package\'s too', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'planexec-stack-'));
    mkdirSync(path.join(root, 'dist/bin'), { recursive: true });
    writeFileSync(path.join(root, 'dist/bin/cli.cjs'), '');
    // A map that is not one: read, refused, the frame kept.
    writeFileSync(path.join(root, 'dist/bin/broken.cjs.map'), '{ not json');
    const stack = [
      'Error: broken',
      `    at Xe (${path.join(root, 'dist/bin/cli.cjs')}:1:20)`,
      `    at ${path.join(root, 'dist/bin/broken.cjs')}:1:5`,
      '    at run (/work/src/cli/main.ts:10:3)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
    ].join('\n');
    expect(sourceStack(stack)).toBe(stack);
    rmSync(root, { recursive: true, force: true });
  });
});
