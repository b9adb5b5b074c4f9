import { describe, expect, it } from 'vitest';
import { findEach, findForeignPlaceholders } from '../../src/prompt/foreign-placeholders.ts';

// The quick look (one search) must never miss what searching for each dialect finds.

/** A deterministic stream of numbers in [0, 1): the same texts at every run. */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = [
  ...['{', '}', '{{', '}}', '$', '%', '(', ')', '|', '[', ']', "'", '"', '.', '-', '#', '<', '>', '=', ' ', '\t', '\n', 'inputs', 'steps', 'args', 'x', '1', '_', 's', 'd', 'r'],
  // Whole and half placeholders of each dialect, and of Handlebars.
  ...['${{ inputs.x }}', '{{.a}}', '{{- .b -}}', '{{ a | b }}', "{{ a['k'] }}", '{% if x %}', '${a.b}', '$(c)', '<%= d %>', '%(e)s', '{f}', '{ g.h }', '{{inputs.x}}', '{{#each x}}', '${', '{{ .', '{ a', '%(', '<%'],
];

describe('placeholders of other template languages', () => {
  it('are found alike with the quick look first, in every dialect and in text made of their pieces', () => {
    const written = [
      'Notes for {{inputs.version}} from {{args.file}}',
      'Deploy ${{ inputs.env }} now',
      '{{ .Values.name }} and {{- .x -}}',
      '{{ inputs.name | upper }}',
      "{{ inputs['name'] }} {{ steps[\"a\"] }}",
      '{% for x in steps %}{{x}}{% endfor %}',
      'echo ${inputs.file} $(inputs.dir) <%= args.x %> %(inputs.y)s {inputs.z} #{no}',
      'plain text with no placeholder at all',
      '',
    ];
    const random = numbers(19);
    const made = Array.from({ length: 4000 }, () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => PIECES[Math.floor(random() * PIECES.length)]).join(''));
    let withPlaceholders = 0;
    for (const text of [...written, ...made]) {
      const each = findEach(text);
      expect(findForeignPlaceholders(text), JSON.stringify(text)).toEqual(each);
      if (each.length > 0) withPlaceholders++;
    }
    // The texts exercise the search: many hold a placeholder, many none.
    expect(withPlaceholders).toBeGreaterThan(200);
    expect(withPlaceholders).toBeLessThan(3800);
  });
});
