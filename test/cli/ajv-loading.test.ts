import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../support/run-cli.ts';

// What of ajv a command loads, from Node's own module log (NODE_DEBUG=module names each CommonJS file
// it loads): the project's schemas are generated code needing two small runtime helpers, and a run
// whose steps' arguments the quick check confirms compiles no schema, so sets no Ajv up.

const ajvFiles = (stderr: string) => new Set([...stderr.matchAll(/node_modules\/ajv(?:-formats)?\/dist\/[\w/.-]+\.js/g)].map((match) => match[0]));

describe('ajv at start', () => {
  it('an offline run of valid steps loads only the generated validators\' runtime helpers', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'planexec-ajv-'));
    try {
      cpSync(path.join(repoRoot, 'pipelines'), path.join(project, 'pipelines'), { recursive: true });
      const result = await runCli(['run', 'pipelines/release-notes.yaml'], { cwd: project, env: { NODE_DEBUG: 'module' } });
      expect(result.code).toBe(0);
      expect([...ajvFiles(result.stderr)].sort()).toEqual(['node_modules/ajv/dist/runtime/equal.js', 'node_modules/ajv/dist/runtime/ucs2length.js']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('a step with arguments the quick check cannot confirm loads ajv then, and gets ajv\'s message', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'planexec-ajv-'));
    try {
      cpSync(path.join(repoRoot, 'pipelines'), path.join(project, 'pipelines'), { recursive: true });
      writeFileSync(path.join(project, 'plan.json'), JSON.stringify({ steps: [{ id: 1, action: 'Grep', tool: 'grep_lines', args: { pattern: 7, file: 'data/commits.txt' } }] }));
      const result = await runCli(['run', 'pipelines/release-notes.yaml', '--plan', 'plan.json'], { cwd: project, env: { NODE_DEBUG: 'module' } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('step 1 (grep_lines): argument "pattern" must be string, got integer');
      expect([...ajvFiles(result.stderr)]).toContain('node_modules/ajv/dist/ajv.js');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
