// How often the fixes the compiler suggests are right, on the TaskBench corpus and on the generated
// variations (test/fixtures/variations): the suggestion rate for unknown tools (target >= 60 %, never
// the opposite action), and the share of reference fixes that name the step the plan's links show
// was meant (target >= 95 %). Shared with test/plan/generated-variations.test.ts, which holds the
// properties; `npm run bench` prints the figures.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTaskbenchCorpus, taskbenchDir } from './compile-corpus.ts';
import { compilePlan, type PlanProblem } from '../src/index.ts';
import { argumentNameFor } from '../src/plan/match-argument-name.ts';
import { suggestTools } from '../src/plan/suggest-tool.ts';

export const variationsPath = path.join(taskbenchDir, '../variations/variations.jsonl');

interface PlanStepText {
  readonly id: number | string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly dependsOn: readonly (number | string)[];
}

export interface ReferenceVariation {
  readonly kind: 'reference';
  readonly plan: string;
  readonly ids: 'from-1' | 'from-0' | 'named';
  readonly dialect: string;
  readonly family: 'number' | 'index' | 'tool';
  readonly counting: 'from-1' | 'from-0' | null;
  readonly linked: boolean;
  /** Only one step rewritten (one whose dependency is not the step before it), links dropped: the plan may not show how it counts. */
  readonly only: boolean;
  /** Each rewritten step's id → the id of the step it depends on. */
  readonly meant: Readonly<Record<string, string>>;
  readonly steps: readonly PlanStepText[];
}
export interface ToolVariation {
  readonly kind: 'tool';
  readonly variation: 'form' | 'synonym' | 'antonym';
  readonly tool: string;
  readonly written: string;
}
export interface ArgumentVariation {
  readonly kind: 'argument';
  readonly tool: string;
  readonly declared: readonly string[];
  readonly written: string;
  readonly meant: string;
}
export type Variation = ReferenceVariation | ToolVariation | ArgumentVariation;

export function loadVariations(file: string = variationsPath): Variation[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Variation);
}

/** What one reference fix tells the model: the step it names, or that the plan is ambiguous (and which steps it could be). */
export type FixVerdict = { readonly kind: 'names'; readonly id: string } | { readonly kind: 'ambiguous'; readonly ids: readonly string[] } | { readonly kind: 'no-step' };

export function verdictOf(problem: PlanProblem): FixVerdict {
  const ambiguous = /does not show which way it counts; write ((?:\$\{steps\.[^.]+\.output\}(?: or )?)+)/.exec(problem.message);
  if (ambiguous) return { kind: 'ambiguous', ids: [...ambiguous[1]!.matchAll(/\$\{steps\.([^.]+)\.output\}/g)].map((match) => match[1]!) };
  const named = /write \$\{steps\.([^.<>]+)\.output\} to use step/.exec(problem.message);
  return named ? { kind: 'names', id: named[1]! } : { kind: 'no-step' };
}

export interface ReferenceOutcome {
  readonly variation: ReferenceVariation;
  readonly stepId: string;
  readonly meant: string;
  readonly verdict: FixVerdict;
}

/** Each rewritten step's fix, per variation (a step with no foreign-reference problem gets verdict no-step). */
export function referenceOutcomes(variations: readonly Variation[]): ReferenceOutcome[] {
  const corpus = loadTaskbenchCorpus();
  const outcomes: ReferenceOutcome[] = [];
  for (const variation of variations) {
    if (variation.kind !== 'reference') continue;
    const result = compilePlan({ steps: variation.steps }, corpus.tools);
    const problems = result.ok ? [] : result.problems.filter((problem) => problem.code === 'foreign-reference');
    for (const [stepId, meant] of Object.entries(variation.meant)) {
      const problem = problems.find((candidate) => candidate.stepId === stepId);
      outcomes.push({ variation, stepId, meant, verdict: problem ? verdictOf(problem) : { kind: 'no-step' } });
    }
  }
  return outcomes;
}

/** The corpus's own reference fixes on steps with exactly one dependency: the step its links show was meant. */
export function corpusReferenceOutcomes(): { readonly meant: string; readonly verdict: FixVerdict; readonly message: string }[] {
  const corpus = loadTaskbenchCorpus();
  const outcomes: { meant: string; verdict: FixVerdict; message: string }[] = [];
  for (const plan of corpus.plans) {
    const result = compilePlan(plan.text, corpus.tools);
    if (result.ok) continue;
    const steps = (JSON.parse(plan.text) as { steps: PlanStepText[] }).steps;
    const ids = new Set(steps.map((step) => String(step.id)));
    for (const problem of result.problems) {
      if (problem.code !== 'foreign-reference') continue;
      const links = steps.find((step) => String(step.id) === problem.stepId)?.dependsOn.map(String).filter((dep) => ids.has(dep) && dep !== problem.stepId) ?? [];
      if (links.length === 1) outcomes.push({ meant: links[0]!, verdict: verdictOf(problem), message: problem.message });
    }
  }
  return outcomes;
}

/** The corpus's unknown tools (each name once) and what "did you mean" suggests for each. */
export function corpusToolSuggestions(): { readonly written: string; readonly steps: number; readonly suggested: readonly string[] }[] {
  const corpus = loadTaskbenchCorpus();
  const declared = new Set(corpus.tools.map((tool) => tool.name));
  const steps = new Map<string, number>();
  for (const plan of corpus.plans) {
    for (const step of (JSON.parse(plan.text) as { steps: PlanStepText[] }).steps) if (!declared.has(step.tool)) steps.set(step.tool, (steps.get(step.tool) ?? 0) + 1);
  }
  return [...steps].map(([written, count]) => ({ written, steps: count, suggested: suggestTools(written, corpus.tools) }));
}

export function toolOutcomes(variations: readonly Variation[]): { readonly variation: ToolVariation; readonly suggested: readonly string[] }[] {
  const corpus = loadTaskbenchCorpus();
  return variations.filter((v): v is ToolVariation => v.kind === 'tool').map((variation) => ({ variation, suggested: suggestTools(variation.written, corpus.tools) }));
}

export function argumentOutcomes(variations: readonly Variation[]): { readonly variation: ArgumentVariation; readonly suggested: string | undefined }[] {
  return variations.filter((v): v is ArgumentVariation => v.kind === 'argument').map((variation) => ({ variation, suggested: argumentNameFor(variation.written, variation.declared) }));
}

/**
 * Whether a variation counts the way its syntax or ids read (an index from 0; a step number as the
 * ids count), or against it; undefined when neither says (a step number with named ids).
 */
export function readsAsWritten(variation: ReferenceVariation): boolean | undefined {
  if (variation.family === 'index') return variation.counting === 'from-0';
  if (variation.ids === 'named') return undefined;
  return variation.ids === variation.counting;
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`);

export function benchFixes(): void {
  const variations = loadVariations();
  const corpusTools = corpusToolSuggestions();
  const suggested = corpusTools.filter((entry) => entry.suggested.length > 0);
  const stepsSuggested = suggested.reduce((sum, entry) => sum + entry.steps, 0);
  const stepsAll = corpusTools.reduce((sum, entry) => sum + entry.steps, 0);
  console.log(
    `unknown tools, corpus: a suggestion for ${suggested.length} of ${corpusTools.length} names (${percent(suggested.length, corpusTools.length)}; target >= 60 %), ${stepsSuggested} of ${stepsAll} steps (${percent(stepsSuggested, stepsAll)})`,
  );
  const tools = toolOutcomes(variations);
  for (const kind of ['form', 'synonym'] as const) {
    const mine = tools.filter((entry) => entry.variation.variation === kind);
    const right = mine.filter((entry) => entry.suggested.includes(entry.variation.tool));
    console.log(`  generated ${kind}s of tool names: the tool suggested for ${right.length} of ${mine.length} (${percent(right.length, mine.length)})`);
  }
  const antonyms = tools.filter((entry) => entry.variation.variation === 'antonym');
  const opposite = antonyms.filter((entry) => entry.suggested.includes(entry.variation.tool));
  console.log(`  generated antonyms of tool names: the opposite tool suggested for ${opposite.length} of ${antonyms.length} (target: 0)`);

  const corpusFixes = corpusReferenceOutcomes();
  const corpusRight = corpusFixes.filter((fix) => fix.verdict.kind === 'names' && fix.verdict.id === fix.meant);
  const corpusAmbiguous = corpusFixes.filter((fix) => fix.verdict.kind === 'ambiguous');
  console.log(
    `reference fixes, corpus (steps with one link): ${corpusRight.length} of ${corpusFixes.length} name the linked step (${percent(corpusRight.length, corpusFixes.length)}; target >= 95 %), ${corpusAmbiguous.length} say the plan is ambiguous`,
  );
  const outcomes = referenceOutcomes(variations);
  const rows: [string, (outcome: ReferenceOutcome) => boolean][] = [
    ['linked', (o) => o.variation.linked],
    ['no links, every step numbered', (o) => !o.variation.linked && !o.variation.only && o.variation.family !== 'tool'],
    ['no links, tool names', (o) => !o.variation.linked && o.variation.family === 'tool'],
    ['no links, one step numbered, the reading its syntax or ids give', (o) => o.variation.only && readsAsWritten(o.variation) === true],
    ['no links, one step numbered, against that reading', (o) => o.variation.only && readsAsWritten(o.variation) === false],
    ['no links, one step numbered, named ids', (o) => o.variation.only && readsAsWritten(o.variation) === undefined],
  ];
  for (const [label, applies] of rows) {
    const mine = outcomes.filter(applies);
    const right = mine.filter((o) => o.verdict.kind === 'names' && o.verdict.id === o.meant).length;
    const ambiguous = mine.filter((o) => o.verdict.kind === 'ambiguous' && o.verdict.ids.includes(o.meant)).length;
    const wrong = mine.length - right - ambiguous;
    console.log(`  generated, ${label}: ${right} of ${mine.length} fixes name the meant step (${percent(right, mine.length)}), ${ambiguous} say it is ambiguous, ${wrong} name another or none`);
  }
  const args = argumentOutcomes(variations);
  const argsRight = args.filter((entry) => entry.suggested === entry.variation.meant).length;
  const argsWrong = args.filter((entry) => entry.suggested !== undefined && entry.suggested !== entry.variation.meant).length;
  console.log(`argument aliases, generated: the declared name suggested for ${argsRight} of ${args.length} (${percent(argsRight, args.length)}), another name for ${argsWrong}`);
}

if (import.meta.main) benchFixes();
