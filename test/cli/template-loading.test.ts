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

  it('a run whose templates are text and lookups renders them with the runtime alone; a block loads the compiler', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'planexec-templates-'));
    try {
      for (const folder of ['pipelines', 'tools']) cpSync(path.join(repoRoot, folder), path.join(project, folder), { recursive: true });
      // Its task and argv elements are `{{inputs.x}}` and `{{args.x}}`; its prompts are precompiled.
      const simple = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: project, env: { NODE_DEBUG: 'module' } });
      expect(simple.code).toBe(0);
      const files = loaded(simple.stderr);
      expect(files).toContain('handlebars/dist/cjs/handlebars.runtime.js');
      expect([...files].filter((file) => /compiler\/(parser|compiler|javascript-compiler|code-gen)\.js/.test(file))).toEqual([]);
      // Its result template has {{#each}} blocks.
      const blocks = await runCli(['run', 'pipelines/sales-dag.yaml'], { cwd: project, env: { NODE_DEBUG: 'module' } });
      expect(blocks.code).toBe(0);
      expect(loaded(blocks.stderr)).toContain('handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
