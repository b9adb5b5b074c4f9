// A pipeline's `writable:` folders: normalized once when the pipeline loads (default out/), and every
// entry that could let a plan write what later runs is a load error at its own line.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticError, formatDiagnostic, loadPipeline } from '../../src/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'planexec-writable-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function load(writable: string | undefined) {
  const file = path.join(dir, 'p.yaml');
  await writeFile(file, `version: 1\nname: w\ntask: write\ntools: []\n${writable === undefined ? '' : `writable: ${writable}\n`}`);
  return loadPipeline(file, { cwd: dir, config: null });
}

async function problems(writable: string): Promise<string[]> {
  try {
    await load(writable);
  } catch (error) {
    if (error instanceof DiagnosticError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  throw new Error('expected the pipeline to be rejected');
}

describe('writable folders', () => {
  it('default to out/ and are normalized', async () => {
    expect((await load(undefined)).writable).toEqual(['out']);
    expect((await load('[out/, ./docs/generated/, "reports", out]')).writable).toEqual(['out', 'docs/generated', 'reports']);
    expect((await load('[]')).writable).toEqual([]);
  });

  it('refuse the workspace itself, absolute paths, .., backslashes, .git and .planexec, each at its line', async () => {
    expect(await problems('["."]')).toEqual(['p.yaml:5:12 error: writable folder "." is the workspace itself, which holds what later steps and runs execute (package.json, Makefile, scripts); name a folder inside it, e.g. out/']);
    const found = await problems('\n  - out/\n  - /tmp/x\n  - ../sibling\n  - out/../..\n  - "a\\\\b"\n  - .git/hooks\n  - vendor/.GIT\n  - .planexec/runs\n  - "./"');
    expect(found).toEqual([
      'p.yaml:7:5 error: writable folder "/tmp/x" is absolute; give a folder relative to the workspace (the directory planexec runs in), e.g. out/',
      'p.yaml:8:5 error: writable folder "../sibling" climbs out with ..; give a folder inside the workspace, e.g. out/',
      'p.yaml:9:5 error: writable folder "out/../.." climbs out with ..; give a folder inside the workspace, e.g. out/',
      'p.yaml:10:5 error: writable folder "a\\\\b" has a \\; separate folders with /',
      'p.yaml:11:5 error: writable folder ".git/hooks" is inside .git, which a plan may never write',
      'p.yaml:12:5 error: writable folder "vendor/.GIT" is inside .git, which a plan may never write',
      'p.yaml:13:5 error: writable folder ".planexec/runs" is inside .planexec, which a plan may never write',
      'p.yaml:14:5 error: writable folder "./" is the workspace itself, which holds what later steps and runs execute (package.json, Makefile, scripts); name a folder inside it, e.g. out/',
    ]);
  });

  it('must be a list of folder names', async () => {
    expect((await problems('out/'))[0]).toMatch(/^p\.yaml:5:11 error: .*writable.* must be (a list|an array)/);
  });
});
