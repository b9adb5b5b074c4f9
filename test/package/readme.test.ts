// What the README tells a new user holds: the Node.js version their project needs, and each model
// endpoint snippet is a valid `model:` section.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/index.ts';
import { repoRoot } from '../support/run-cli.ts';

const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
const packageJson = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };

describe('README', () => {
  it('"In your own project" names the Node.js version the package declares', () => {
    const major = /^>=\s*(\d+)$/.exec(packageJson.engines.node)?.[1];
    expect(major).toBeDefined();
    const line = readme.split('\n').find((text) => text.startsWith('In your own project'));
    expect(line).toContain(`Node.js ≥ ${major}`);
    expect(line).toContain(`engines.node ${packageJson.engines.node}`);
  });

  it('each endpoint snippet (OpenAI, Azure, Ollama, vLLM/llama.cpp) is a model section a pipeline loads with', async () => {
    const section = readme.slice(readme.indexOf('## The model endpoint, recordings and secrets'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const snippets = block.split('\n\n').map((chunk) => chunk.split('\n').filter((line) => line.startsWith('model:')).join('\n'));
    expect(snippets).toHaveLength(4);
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-readme-'));
    const providers: (string | undefined)[] = [];
    for (const [index, model] of snippets.entries()) {
      const file = path.join(dir, `p${index}.yaml`);
      await writeFile(file, `version: 1\nname: snippet\ntask: Say hello\n${model}\ntools: []\n`);
      providers.push((await loadPipeline(file, { cwd: dir, config: null })).model.provider);
    }
    expect(providers).toEqual([undefined, 'azure', 'ollama', undefined]);
  });
});
