// The fixes the compiler suggests, held to the generated variations of the TaskBench corpus
// (test/fixtures/variations, made by its generate-variations.ts): a reference fix names the step the
// plan's links show was meant, or says the plan is ambiguous, and never names another step; a tool
// named in other words gets that tool suggested, a tool named for the opposite action never gets it;
// a dressed-up argument name gets the declared one. `npm run bench` prints the rates (bench/fixes.ts).

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { argumentOutcomes, corpusReferenceOutcomes, corpusToolSuggestions, loadVariations, readsAsWritten, referenceOutcomes, toolOutcomes, type ReferenceOutcome, type Variation } from '../../bench/fixes.ts';
import { generateVariations, variationsFile } from '../fixtures/variations/generate-variations.ts';
import { namesOpposite } from '../../src/source/opposite-words.ts';

const describeOutcome = (o: ReferenceOutcome) => `${o.variation.plan} ids ${o.variation.ids} ${o.variation.dialect} ${o.variation.counting ?? ''}${o.variation.linked ? ' linked' : ''}${o.variation.only ? ' only' : ''}: step ${o.stepId} meant ${o.meant}, got ${JSON.stringify(o.verdict)}`;

describe('generated variations', () => {
  let variations: Variation[];
  let references: ReferenceOutcome[];
  beforeAll(() => {
    variations = loadVariations();
    references = referenceOutcomes(variations);
  });

  it('variations.jsonl is what generate-variations.ts makes of the corpus today', () => {
    expect(readFileSync(variationsFile, 'utf8') === generateVariations()).toBe(true);
  });

  it('covers 0-based and 1-based references, ids from 0, from 1 and named, with and without links, tool names, antonyms, synonyms and argument aliases', () => {
    const kinds = new Set(variations.map((v) => (v.kind === 'reference' ? `${v.kind} ${v.ids} ${v.counting} ${v.linked}` : v.kind === 'tool' ? `tool ${v.variation}` : v.kind)));
    for (const ids of ['from-1', 'from-0', 'named']) for (const counting of ['from-1', 'from-0']) for (const linked of [true, false]) expect(kinds).toContain(`reference ${ids} ${counting} ${linked}`);
    for (const kind of ['tool form', 'tool synonym', 'tool antonym', 'argument']) expect(kinds).toContain(kind);
  });

  it('with the links kept, every reference fix names the step they show was meant', () => {
    const linked = references.filter((o) => o.variation.linked);
    expect(linked.length).toBeGreaterThan(500);
    expect(linked.filter((o) => !(o.verdict.kind === 'names' && o.verdict.id === o.meant)).map(describeOutcome)).toEqual([]);
  });

  it('without links, where the plan shows how it counts (every step numbered, or a tool named), the meant step', () => {
    const shown = references.filter((o) => !o.variation.linked && !o.variation.only);
    expect(shown.filter((o) => !(o.verdict.kind === 'names' && o.verdict.id === o.meant)).map(describeOutcome)).toEqual([]);
  });

  it('without links and with one numbered reference, the meant step or "ambiguous" naming it: never another step, whichever way the plan counts', () => {
    const one = references.filter((o) => o.variation.only);
    expect(one.filter((o) => readsAsWritten(o.variation) === false).length).toBeGreaterThan(0);
    const wrong = one.filter((o) => !((o.verdict.kind === 'names' && o.verdict.id === o.meant) || (o.verdict.kind === 'ambiguous' && o.verdict.ids.includes(o.meant))));
    expect(wrong.map(describeOutcome)).toEqual([]);
    // Ambiguity is said where it is: some of them are.
    expect(one.some((o) => o.verdict.kind === 'ambiguous')).toBe(true);
  });

  it('a tool written in other words or forms gets that tool suggested', () => {
    const missed = toolOutcomes(variations).filter((o) => o.variation.variation !== 'antonym' && !o.suggested.includes(o.variation.tool));
    expect(missed.map((o) => `${o.variation.written} → ${o.suggested.join(', ') || 'nothing'} (meant ${o.variation.tool})`)).toEqual([]);
  });

  it('a tool named for the opposite action never gets the tool it is the opposite of', () => {
    const antonyms = toolOutcomes(variations).filter((o) => o.variation.variation === 'antonym');
    expect(antonyms.length).toBeGreaterThan(10);
    expect(antonyms.filter((o) => o.suggested.includes(o.variation.tool)).map((o) => `${o.variation.written} → ${o.variation.tool}`)).toEqual([]);
  });

  it('a dressed-up argument name gets the declared one', () => {
    const missed = argumentOutcomes(variations).filter((o) => o.suggested !== o.variation.meant);
    expect(missed.map((o) => `${o.variation.tool}: ${o.variation.written} → ${o.suggested ?? 'nothing'} (meant ${o.variation.meant})`)).toEqual([]);
  });
});

describe('the real corpus', () => {
  it('suggests a tool for at least 60 % of the unknown tool names, none naming the opposite action', () => {
    const tools = corpusToolSuggestions();
    expect(tools.filter((entry) => entry.suggested.length > 0).length / tools.length).toBeGreaterThanOrEqual(0.6);
    expect(tools.flatMap((entry) => entry.suggested.filter((name) => namesOpposite(entry.written, name)).map((name) => `${entry.written} → ${name}`))).toEqual([]);
  });

  it('at least 95 % of reference fixes on steps with one link name the linked step', () => {
    const fixes = corpusReferenceOutcomes();
    const right = fixes.filter((fix) => fix.verdict.kind === 'names' && fix.verdict.id === fix.meant);
    expect(right.length / fixes.length).toBeGreaterThanOrEqual(0.95);
  });
});
