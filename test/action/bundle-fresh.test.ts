import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildActionBundle, bundlePath, repoRoot } from '../../scripts/build-action.ts';

describe('the committed action bundle', () => {
  it('is what `npm run build:action` builds from the current source', async () => {
    const [committed, rebuilt] = await Promise.all([readFile(path.join(repoRoot, bundlePath), 'utf8'), buildActionBundle()]);
    // One line of explanation instead of a megabyte of diff.
    if (committed !== rebuilt) expect.fail(`${bundlePath} is stale: run \`npm run build:action\` and commit it`);
  });
});
