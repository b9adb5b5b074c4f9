import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseWithoutProcessing } from 'handlebars/dist/cjs/handlebars/compiler/base.js';
import { describe, expect, it } from 'vitest';
import { parseSimpleTemplate } from '../../src/prompt/parse-simple-template.ts';

// The simple parser stands in for Handlebars' own on text and `{{a.b}}` placeholders: where it gives
// a tree, it must be the tree Handlebars gives (the scans and the compiler read it), field for field
// and in the same key order; anything else it leaves to Handlebars.

const repoRoot = path.resolve(import.meta.dirname, '../..');
const same = (template: string) => JSON.stringify(parseSimpleTemplate(template)) === JSON.stringify(parseWithoutProcessing(template));
const withLocClasses = (template: string) => {
  const simple = parseSimpleTemplate(template) as unknown as { body: { loc: object }[] };
  const real = parseWithoutProcessing(template) as unknown as { body: { loc: object }[] };
  return simple.body.every((node, i) => Object.getPrototypeOf(node.loc) === Object.getPrototypeOf(real.body[i]!.loc));
};

/** Every string in the example pipelines and tool files with a `{{` in it (or none), as YAML gives them. */
function repositoryTemplates(): string[] {
  const texts: string[] = [];
  for (const dir of ['pipelines', 'tools']) {
    for (const name of readdirSync(path.join(repoRoot, dir))) {
      if (!name.endsWith('.yaml')) continue;
      for (const match of readFileSync(path.join(repoRoot, dir, name), 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)) texts.push(match[1] ?? match[2]!);
    }
  }
  return texts;
}

const pieces = ['', 'x', ' ', 'Write notes for ', '\n', 'two\nlines ', '\n\n', '{', '}', '}}', '{x}', '${x}', '-', 'é ü', '\t'];
const placeholders = ['{{a}}', '{{ a }}', '{{\ta.b\t}}', '{{inputs.version}}', '{{args.my-dir}}', '{{args.$x}}', '{{a.b.c.d}}', '{{x_1.y2}}'];
const leftToHandlebars = ['{{#if a}}x{{/if}}', '{{> toolList}}', '{{json args}}', '{{{a}}}', '{{~a}}', '{{a~}}', '{{!c}}', '{{this}}', '{{this.a}}', '{{true}}', '{{a.true}}', '{{else}}', '{{../a}}', '{{@index}}', '{{a/b}}', '{{1}}', '{{a.[b c]}}', '{{a}}}', '{{ a }}}x', '\\{{a}}', 'x\r\n{{a}}', '{{a}}\0', '{{ a\n}}', '{{é}}', '{{', 'a {{b'];

describe('the simple template parser', () => {
  it('builds the tree Handlebars builds for text and simple placeholders, in every arrangement tried', () => {
    let taken = 0;
    for (const before of pieces) {
      for (const placeholder of placeholders) {
        for (const between of pieces) {
          for (const after of ['', '{{b}}', ' end', '\nlast line', '{{c.d}}\n']) {
            const template = `${before}${placeholder}${between}${after}`;
            // `{` then `{{b}}` is a triple-stash `{{{b}}`: Handlebars' to read.
            if (parseSimpleTemplate(template) === undefined) continue;
            expect(same(template), JSON.stringify(template)).toBe(true);
            taken++;
          }
        }
      }
    }
    for (const text of pieces) expect(same(text), JSON.stringify(text)).toBe(true);
    expect(withLocClasses('a {{b}}\nc')).toBe(true);
    expect(taken).toBeGreaterThan(6000);
  });

  it('leaves everything else to Handlebars', () => {
    for (const template of leftToHandlebars) expect(parseSimpleTemplate(template), template).toBeUndefined();
  });

  it('agrees with Handlebars on every template of the example pipelines and tool files it takes', () => {
    const templates = repositoryTemplates();
    const taken = templates.filter((template) => parseSimpleTemplate(template) !== undefined);
    for (const template of taken) expect(same(template), template).toBe(true);
    // Most real templates are simple: the point of the simple parser.
    expect(taken.filter((template) => template.includes('{{')).length).toBeGreaterThan(10);
  });
});
