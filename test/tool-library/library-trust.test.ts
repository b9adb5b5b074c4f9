// The tool library's data-flow labels: tools that read outside content (the network: GitHub, the
// registries) are trust: untrusted; tools with side effects accept only trusted data.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline, type ToolSpec } from '../../src/index.ts';
import { acceptsOnlyTrusted } from '../../src/plan/data-flow.ts';
import { repoRoot, tempProject } from '../support/run-cli.ts';

async function libraryTools(): Promise<ToolSpec[]> {
  const uses = ['fs', 'git', 'http', 'npm', 'text'].map((name) => `  - use: ${JSON.stringify(path.join(repoRoot, 'tools', `${name}.yaml`))}`);
  const dir = await tempProject({ 'p.yaml': ['version: 1', 'name: library', 'task: t', 'tools:', ...uses, ''].join('\n') });
  const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
  return pipeline.tools.filter((tool) => tool.kind !== 'llm');
}

describe('the tool library labels', () => {
  it('network tools untrusted, workspace and git tools trusted', async () => {
    const tools = await libraryTools();
    expect(tools.filter((tool) => tool.trust === 'untrusted').map((tool) => tool.name).sort()).toEqual(
      ['github_issue', 'github_releases', 'github_repo', 'npm_outdated', 'npm_package', 'npm_view', 'pypi_project'].sort(),
    );
  });

  it('every tool with side effects accepts only trusted data in every argument', async () => {
    const tools = await libraryTools();
    const sinks = tools.filter((tool) => tool.sideEffects === true);
    expect(sinks.map((tool) => tool.name)).toEqual(['write_file']);
    for (const tool of sinks) for (const name of Object.keys(tool.args.properties as object)) expect(acceptsOnlyTrusted(tool, name)).toBe(true);
  });
});
