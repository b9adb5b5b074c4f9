import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/index.ts';
import { pipelineHash } from '../../src/store/pipeline-identity.ts';
import { tempProject } from '../support/run-cli.ts';

const pipelineText = (model: string) => `version: 1
name: ident
task: "Add"
model: { name: ${model} }
tools:
  - name: add
    description: Adds one
    module: add.mjs
    args: { type: object, properties: { n: { type: number } } }
`;

describe('the pipeline identity resume and workers check', () => {
  it('changes when a module tool\'s code changes, not when the model or the formatting does', async () => {
    const dir = await tempProject({ 'p.yaml': pipelineText('a'), 'add.mjs': 'export default ({ n }) => n + 1;\n' });
    const load = () => loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
    const first = pipelineHash(await load());

    await writeFile(path.join(dir, 'p.yaml'), `# a comment\n${pipelineText('b')}`);
    expect(pipelineHash(await load())).toBe(first);

    await writeFile(path.join(dir, 'add.mjs'), 'export default ({ n }) => n + 2;\n');
    expect(pipelineHash(await load())).not.toBe(first);
  });

  it('does not change with where a tool file is imported from (its use: line), nor with the working directory', async () => {
    const text = (prefix: string) => `${prefix}version: 1\nname: ident\ntask: Add\ntools:\n  - use: tools.yaml\n`;
    const dir = await tempProject({ 'ci/p.yaml': text(''), 'ci/tools.yaml': '- { name: echo, description: Echo, command: [echo], args: { type: object } }\n' });
    const first = pipelineHash(await loadPipeline(path.join(dir, 'ci/p.yaml'), { cwd: dir, config: null }));
    expect(pipelineHash(await loadPipeline(path.join(dir, 'ci/p.yaml'), { cwd: path.join(dir, 'ci'), config: null }))).toBe(first);
    await writeFile(path.join(dir, 'ci/p.yaml'), text('# a comment\n\n'));
    expect(pipelineHash(await loadPipeline(path.join(dir, 'ci/p.yaml'), { cwd: dir, config: null }))).toBe(first);
  });
});
