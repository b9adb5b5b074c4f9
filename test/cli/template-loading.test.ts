import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.ts';

// What of Handlebars a command loads, from Node's own module log (NODE_DEBUG=module names each
// CommonJS file it loads): checking a template needs at most the parser, rendering one the compiler too.

const loaded = (stderr: string) => new Set([...stderr.matchAll(/handlebars\/dist\/cjs\/[\w/.-]+\.js/g)].map((match) => match[0]));

describe('Handlebars at start', () => {
  it('validate reads simple templates with no Handlebars code, others with the parser alone: no compiler, no runtime', async () => {
    const simple = await runCli(['validate', 'pipelines/release-notes.yaml'], { env: { NODE_DEBUG: 'module' } });
    expect(simple.code).toBe(0);
    expect([...loaded(simple.stderr)].filter((file) => file.endsWith('compiler/parser.js'))).toEqual([]);
    // Its result template has {{#each}} blocks.
    const blocks = await runCli(['validate', 'pipelines/sales-dag.yaml'], { env: { NODE_DEBUG: 'module' } });
    expect(blocks.code).toBe(0);
    const files = loaded(blocks.stderr);
    expect(files).toContain('handlebars/dist/cjs/handlebars/compiler/parser.js');
    expect([...files].filter((file) => /compiler\/(compiler|javascript-compiler|code-gen)\.js|handlebars\.runtime\.js/.test(file))).toEqual([]);
  });

  it('a run renders its templates, loading the compiler', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'planexec-templates-'));
    try {
      cpSync(path.join(repoRoot, 'pipelines'), path.join(project, 'pipelines'), { recursive: true });
      const result = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: project, env: { NODE_DEBUG: 'module' } });
      expect(result.code).toBe(0);
      expect(loaded(result.stderr)).toContain('handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
