// What the README tells a new user holds: the Node.js version their project needs, each model
// endpoint snippet is a valid `model:` section, and every link to a heading (#anchor) leads to one.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/index.ts';
import { repoRoot } from '../support/run-cli.ts';

/** The Markdown outside fenced code blocks, where a link is a link and a heading a heading. */
function proseOf(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .filter((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return false;
      }
      return !fenced;
    })
    .join('\n');
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as "-", a repeat numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of proseOf(markdown).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = text!.replace(/`/g, '').trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const repeat = seen.get(slug) ?? 0;
    anchors.add(repeat === 0 ? slug : `${slug}-${repeat}`);
    seen.set(slug, repeat + 1);
  }
  return anchors;
}

/** Every link of the README to a heading: `[…](#anchor)` and `[…](OTHER.md#anchor)`, with the file it names. */
function anchorLinks(markdown: string): { file: string; anchor: string }[] {
  const withoutInlineCode = proseOf(markdown).replace(/`[^`\n]*`/g, '');
  return [...withoutInlineCode.matchAll(/\]\(([^)\s#]*)#([^)\s]+)\)/g)].map(([, file, anchor]) => ({ file: file || 'README.md', anchor: anchor! }));
}

const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
const packageJson = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };

describe('README', () => {
  it('"In your own project" names the Node.js version the package declares', () => {
    const major = /^>=\s*(\d+(?:\.\d+)*)$/.exec(packageJson.engines.node)?.[1];
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

  it('every link to a heading (#anchor, in the README or another Markdown file of the repository) resolves to one', async () => {
    const links = anchorLinks(readme);
    expect(links.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const { file, anchor } of links) {
      const text = file === 'README.md' ? readme : await readFile(path.join(repoRoot, file), 'utf8');
      if (!headingAnchors(text).has(anchor)) broken.push(`${file}#${anchor}`);
    }
    expect(broken).toEqual([]);
  });
});
