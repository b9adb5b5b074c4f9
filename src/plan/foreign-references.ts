// Foreign reference dialects: `<output_of_step_1>`, `{{step1.output}}`, `${transcribed_text}`, `$1`,
// `$(step_1.output)`, `tasks[0].output`, `%{Text Paraphraser.output%}`, a step's tool name … Models
// write them where they mean an earlier step's output. They are not references, so they would reach
// the tool as literal text; report each with the exact fix, counting steps as the plan does
// (reference-counting.ts).

import { quoteName } from './check-arguments.ts';
import type { PlanProblem, PlanStep } from './plan-types.ts';
import { decideCounting, linksOf, stepCounted, type CountedReference, type Counting, type CountingDecision, type Family } from './reference-counting.ts';
import { wordsOf } from '../source/name-words.ts';

/**
 * Delimited placeholders, one alternative per dialect; the group that matched tells which.
 * Leftmost match wins, so `${…}` is taken before the `{…}` inside it.
 */
const placeholderPattern =
  /\$\{+([^{}\n]{1,120})\}+|\{\{([^{}\n]{1,120})\}\}|%\{([^{}\n]{1,120})\}%?|\$\[([^[\]\n]{1,120})\]|\$\(([^()\n]{1,120})\)|<([^<>\n]{1,120})>|\[([^[\]\n]{1,120})\](?!\()|\{([^{}\n]{1,120})\}|\$([A-Za-z0-9_]{1,80})/g;
type Dialect = 'dollar-brace' | 'mustache' | 'percent-brace' | 'dollar-bracket' | 'dollar-paren' | 'angle' | 'square' | 'brace' | 'dollar-word';
const dialects: readonly Dialect[] = ['dollar-brace', 'mustache', 'percent-brace', 'dollar-bracket', 'dollar-paren', 'angle', 'square', 'brace', 'dollar-word'];
/** Template-variable and substitution syntaxes, unlike `<…>` and `[…]`, which also bracket ordinary prose. */
const templateDialects = new Set<Dialect>(['mustache', 'percent-brace', 'dollar-bracket', 'dollar-paren', 'brace']);
/** Characters every foreign reference contains, or the start of a bare one (`output of step 1`, `NODE_1`). */
const quickCheck = /[$<{[%]|output|result|step|node|task/i;
/** Without any of these characters, a whole argument can still be a tool's name (`Image_Downloader`): read as a phrase. */
const phraseCheck = /^[A-Za-z][A-Za-z0-9 _-]{2,79}$/;
/** Our own syntax, valid or not, is references.ts's business, also inside brackets: `<${steps.1.output}>`. */
const ownSyntax = /\$\{\s*steps\b[^}]*\}?/g;
/** An index into a list: `TaskNodes[0]`, `arguments.[2]`, `tasks[1]`, `plan.steps[0]`; listWords tell a list of steps. */
const indexPattern = /([A-Za-z_][A-Za-z0-9_]*)\.?\[(\d+)\]/g;
// Not output or result: `Image Downloader.output[0]` is an item of one step's output.
const listWords = new Set(['step', 'steps', 'node', 'nodes', 'task', 'tasks', 'subtask', 'subtasks', 'action', 'actions', 'call', 'calls', 'plan', 'list', 'arguments']);

const stepWords = new Set(['step', 'steps', 'node', 'task', 'arg']);
const outputWords = new Set(['output', 'outputs', 'result', 'results']);
const previousWords = new Set(['previous', 'prev', 'preceding']);
const linkWords = new Set(['of', 'from', 'by']);

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return false;
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** What a foreign reference points at, as far as its text tells. */
type Pointer =
  | { readonly kind: 'number'; readonly n: number }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'tool'; readonly tool: string; readonly exact: boolean }
  | { readonly kind: 'previous' }
  | { readonly kind: 'none' };

interface Reading {
  readonly pointer: Pointer;
  /** Mentions an output or result (`output_of`, `.result`). */
  readonly saysOutput: boolean;
  readonly words: readonly string[];
}

/** The plan, indexed once per compile (or step by step as it streams) so that checking every step stays linear in the plan's size. */
interface PlanIndex {
  readonly plan: PlanStep[];
  readonly ids: Set<string>;
  readonly positions: Map<string, number>;
  readonly stepsByTool: Map<string, PlanStep[]>;
  numericIds: boolean;
  /** How the plan counts, per family of numbered references; decided when a numbered one first needs it. */
  countings?: Map<Family, CountingDecision> | undefined;
  /** Each tool the plan uses, as words, longest first; computed when a candidate first needs it. */
  toolWords?: { readonly tool: string; readonly words: readonly string[] }[] | undefined;
  /** Each tool the plan uses by its letters and digits alone (`audiototext`); computed when a plain phrase first needs it. */
  toolSpellings?: Map<string, string> | undefined;
}

const spellingOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The step being checked, in its plan. */
interface PlanContext {
  readonly step: PlanStep;
  readonly index: PlanIndex;
}

function emptyIndex(): PlanIndex {
  return { plan: [], ids: new Set(), positions: new Map(), stepsByTool: new Map(), numericIds: false };
}

function addToIndex(index: PlanIndex, step: PlanStep): void {
  index.positions.set(step.id, index.plan.length);
  index.plan.push(step);
  index.ids.add(step.id);
  let users = index.stepsByTool.get(step.tool);
  if (!users) {
    index.stepsByTool.set(step.tool, (users = []));
    index.toolWords = undefined;
    index.toolSpellings = undefined;
  }
  users.push(step);
  index.countings = undefined;
  if (!index.numericIds && /^\d+$/.test(step.id)) index.numericIds = true;
}

function indexPlan(plan: readonly PlanStep[]): PlanIndex {
  const index = emptyIndex();
  for (const step of plan) addToIndex(index, step);
  return index;
}

/** The longest name of a tool that another step uses, named in `words`; `exact` when the words are nothing but that name. */
function toolNamed(words: readonly string[], { step, index }: PlanContext): { readonly tool: string; readonly exact: boolean } | undefined {
  index.toolWords ??= [...index.stepsByTool.keys()].map((tool) => ({ tool, words: wordsOf(tool) })).sort((a, b) => b.words.length - a.words.length);
  const found = index.toolWords.find((entry) => containsRun(words, entry.words) && index.stepsByTool.get(entry.tool)!.some((user) => user.id !== step.id));
  return found && { tool: found.tool, exact: found.words.length === words.length };
}

/** The first index into a list of steps in `content`. */
function listIndex(content: string): number | undefined {
  for (const match of content.matchAll(indexPattern)) if (wordsOf(match[1]!).some((word) => listWords.has(word))) return Number(match[2]);
  return undefined;
}

function read(content: string, dialect: Dialect | 'bare', context: PlanContext): Reading {
  const words = wordsOf(content);
  const saysOutput = words.some((word) => outputWords.has(word));
  const reading = (pointer: Pointer): Reading => ({ pointer, saysOutput, words });
  const index = listIndex(content);
  if (index !== undefined) return reading({ kind: 'index', index });
  // `$[0]` and `$v0` count nodes from 0; `${1}` and `$1` count steps from 1.
  if (dialect === 'dollar-bracket' && /^\d+$/.test(content)) return reading({ kind: 'index', index: Number(content) });
  if (dialect === 'dollar-word' && /^v\d+$/i.test(content)) return reading({ kind: 'index', index: Number(content.slice(1)) });
  if (/^\d+$/.test(content) && (dialect === 'dollar-brace' || dialect === 'mustache' || dialect === 'percent-brace' || dialect === 'dollar-paren' || dialect === 'dollar-word')) {
    return reading({ kind: 'number', n: Number(content) });
  }
  for (let i = 0; i + 1 < words.length; i++) {
    const isStepWord = stepWords.has(words[i]!) && (dialect !== 'bare' || words[i] !== 'arg');
    if (isStepWord && /^\d+$/.test(words[i + 1]!)) return reading({ kind: 'number', n: Number(words[i + 1]) });
  }
  const tool = toolNamed(words, context);
  if (tool !== undefined) return reading({ kind: 'tool', ...tool });
  if (words.some((word) => previousWords.has(word))) return reading({ kind: 'previous' });
  return reading({ kind: 'none' });
}

/** Whether a placeholder means another step's output rather than being ordinary text. */
function isForeign(dialect: Dialect, content: string, reading: Reading, wholeValue: boolean, context: PlanContext): boolean {
  if (dialect === 'dollar-brace') return true; // `${` opens a planexec reference; anything else inside is a mistake
  // <https://…>, <a@b.c>, <div class="x">, </p>, <!-- -->, {"step": 1} in a prompt: markup and data, not references.
  if (/[":=@]|^[/!?]/.test(content)) return false;
  const { pointer, saysOutput, words } = reading;
  if (dialect === 'dollar-word') {
    // "$5" is a price unless it is the whole argument and names another step.
    if (/^\d+$/.test(content)) return wholeValue && context.index.ids.has(content) && content !== context.step.id;
    if (pointer.kind === 'index') return wholeValue;
    if (pointer.kind === 'number' || pointer.kind === 'previous' || saysOutput || (pointer.kind === 'tool' && pointer.exact)) return true;
    return wholeValue && content.includes('_') && context.step.dependsOn.length > 0;
  }
  const linked = words.some((word) => linkWords.has(word));
  if (pointer.kind === 'number' || pointer.kind === 'index' || pointer.kind === 'previous') return true;
  if (saysOutput && words.length >= 2 && (linked || templateDialects.has(dialect))) return true;
  if (pointer.kind === 'tool' && (dialect === 'angle' || linked || (pointer.exact && templateDialects.has(dialect)))) return true;
  // `{{transcribed_text}}` as the whole argument of a step that depends on another: a value from that step.
  return wholeValue && templateDialects.has(dialect) && /^[A-Za-z_][\w.]*$/.test(content) && context.step.dependsOn.length > 0;
}

/**
 * A whole argument that is a bare phrase for another step's output: `output_of_step_1`, `NODE_1`,
 * `output of Video Stabilizer`, or just another step's tool name (`Image_Downloader`).
 */
function isBareReference(value: string, reading: Reading): boolean {
  if (value.length > 80 || value.split(/\s+/).length > 6 || value.includes('://')) return false;
  const { pointer, saysOutput, words } = reading;
  if (pointer.kind === 'tool' && pointer.exact) return true;
  const linked = words.some((word) => linkWords.has(word));
  if (pointer.kind === 'number') return saysOutput || linked || (words.length === 2 && (words[0] === 'step' || words[0] === 'node'));
  if (pointer.kind === 'previous') return saysOutput;
  if (pointer.kind === 'tool') return saysOutput && linked;
  return false;
}

/** Where a pointer lands: a step id, or why it cannot. */
type Resolution =
  | { readonly kind: 'step'; readonly id: string; readonly why?: string }
  /** The reference names one step, but the step's one link (dependsOn) is another. */
  | { readonly kind: 'conflict'; readonly id: string; readonly why?: string; readonly linked: string }
  /** The plan counts two ways that fit it equally, and this reference names a different step under each. */
  | { readonly kind: 'ambiguous'; readonly readings: readonly { readonly id: string; readonly counting: Counting }[] }
  | { readonly kind: 'no-such-step'; readonly n: number; readonly fallback?: { readonly id: string; readonly why: string } }
  | { readonly kind: 'self' }
  | { readonly kind: 'unknown' };

const countingWords: Readonly<Record<Counting, string>> = { id: 'by id', 'from-1': 'counting steps from 1', 'from-0': 'counting steps from 0' };

/** How the plan counts each family of numbered references: read from all its steps once, when a numbered reference first needs it. */
function countingOf(family: Family, index: PlanIndex): CountingDecision {
  if (!index.countings) {
    const references: CountedReference[] = [];
    for (const step of index.plan) {
      for (const { pointer } of scan(step, index)) {
        if (pointer.kind === 'number') references.push({ stepId: step.id, n: pointer.n, family: 'number' });
        else if (pointer.kind === 'index') references.push({ stepId: step.id, n: pointer.index, family: 'index' });
      }
    }
    index.countings = new Map((['number', 'index'] as const).map((kind) => [kind, decideCounting(kind, references, index)]));
  }
  return index.countings.get(family)!;
}

/** The step a numbered reference names, under the plan's counting; ambiguous when the plan fits two countings that name different steps. */
function resolveNumber(n: number, family: Family, context: PlanContext, onlyDependency: { id: string; why: string } | undefined): Resolution {
  const { step, index } = context;
  const decision = countingOf(family, index);
  const named = (counting: Counting, id: string): Resolution => ({ kind: 'step', id, ...(id !== String(n) ? { why: countingWords[counting] } : {}) });
  if (decision.kind === 'ambiguous') {
    const links = linksOf(step, index);
    const readings = decision.countings
      .map((counting) => ({ counting, id: stepCounted(counting, n, index) }))
      .filter((reading): reading is { counting: Counting; id: string } => reading.id !== undefined && reading.id !== step.id && (links.length === 0 || links.includes(reading.id)));
    const distinct = readings.filter((reading, i) => readings.findIndex((other) => other.id === reading.id) === i);
    if (distinct.length > 1) return { kind: 'ambiguous', readings: distinct };
    if (distinct.length === 1) return named(distinct[0]!.counting, distinct[0]!.id);
  }
  const counting = decision.kind === 'decided' ? decision.counting : decision.countings[0]!;
  const target = stepCounted(counting, n, index);
  if (target === undefined) {
    if (family === 'index') return onlyDependency ? { kind: 'step', ...onlyDependency } : { kind: 'unknown' };
    return { kind: 'no-such-step', n, ...(onlyDependency ? { fallback: onlyDependency } : {}) };
  }
  if (target === step.id) return onlyDependency ? { kind: 'step', ...onlyDependency } : { kind: 'self' };
  return named(counting, target);
}

/** A step named against the step's one link: the link is what the plan's structure says, so the fix leads with it. */
function againstLinks(resolution: Resolution, context: PlanContext): Resolution {
  if (resolution.kind !== 'step') return resolution;
  const links = linksOf(context.step, context.index);
  if (links.length !== 1 || links[0] === resolution.id) return resolution;
  return { kind: 'conflict', id: resolution.id, ...(resolution.why !== undefined ? { why: resolution.why } : {}), linked: links[0]! };
}

/** Whether a found pointer names a step by itself (a number, an index, a tool), rather than falling back on the links. */
const namesByItself = (pointer: Pointer) => pointer.kind === 'number' || pointer.kind === 'index' || pointer.kind === 'tool';

function resolvePointer(pointer: Pointer, context: PlanContext): Resolution {
  const { step } = context;
  const { plan, ids, positions, stepsByTool } = context.index;
  const deps = step.dependsOn.filter((dep) => dep !== step.id && ids.has(dep));
  const onlyDependency = deps.length === 1 ? { id: deps[0]!, why: 'the step it depends on' } : undefined;
  const byDependency = (): Resolution => (onlyDependency ? { kind: 'step', ...onlyDependency } : { kind: 'unknown' });
  const position = positions.get(step.id) ?? -1;
  switch (pointer.kind) {
    case 'number':
      return resolveNumber(pointer.n, 'number', context, onlyDependency);
    case 'index':
      return resolveNumber(pointer.index, 'index', context, onlyDependency);
    case 'tool': {
      const users = (stepsByTool.get(pointer.tool) ?? []).filter((user) => user.id !== step.id);
      const pick = users.find((user) => deps.includes(user.id)) ?? users.filter((user) => positions.get(user.id)! < position).at(-1) ?? users[0];
      return pick ? { kind: 'step', id: pick.id, why: `the ${pointer.tool} step` } : byDependency();
    }
    case 'previous': {
      if (onlyDependency) return { kind: 'step', ...onlyDependency };
      const before = plan[position - 1];
      return before ? { kind: 'step', id: before.id, why: 'the step before it' } : { kind: 'unknown' };
    }
    case 'none':
      return byDependency();
  }
}

function listIds(plan: readonly PlanStep[]): string {
  const ids = plan.map((s) => s.id);
  return ids.length > 12 ? `${ids.slice(0, 12).join(', ')}, … ${ids.length} in all` : ids.join(', ');
}

function describe(label: string, argument: string, text: string, resolution: Resolution, context: PlanContext): string {
  const subject = `${label}: argument ${quoteName(argument)} uses ${text}`;
  switch (resolution.kind) {
    case 'step':
      return `${subject}; write \${steps.${resolution.id}.output} to use step ${resolution.id}'s output${resolution.why ? ` (${resolution.why})` : ''}`;
    case 'conflict':
      return `${subject}, which names step ${resolution.id}${resolution.why ? ` (${resolution.why})` : ''}, but the step depends on step ${resolution.linked}; write \${steps.${resolution.linked}.output} to use step ${resolution.linked}'s output, or \${steps.${resolution.id}.output} if you meant step ${resolution.id}'s`;
    case 'ambiguous': {
      const readings = resolution.readings.map((reading) => `step ${reading.id} ${countingWords[reading.counting]}`).join(' or ');
      const fixes = resolution.readings.map((reading) => `\${steps.${reading.id}.output}`).join(' or ');
      return `${subject}, which is ${readings}, and the plan does not show which way it counts; write ${fixes}, whichever step's output you mean`;
    }
    case 'no-such-step':
      if (resolution.fallback) {
        const { id, why } = resolution.fallback;
        return `${subject}, but the plan has no step ${resolution.n}; write \${steps.${id}.output} to use step ${id}'s output (${why})`;
      }
      return `${subject}, but the plan has no step ${resolution.n}; write \${steps.<id>.output} with the id of the step whose output you mean (steps: ${listIds(context.index.plan)})`;
    case 'self':
      return `${subject}, which is this step's own output; write \${steps.<id>.output} with the id of the step whose output you mean (steps: ${listIds(context.index.plan)})`;
    case 'unknown':
      return `${subject}, which is not a planexec reference; to use another step's output write \${steps.<id>.output} with that step's id (steps: ${listIds(context.index.plan)})`;
  }
}

/** `options.image`, `files.0`: the argument path as check-arguments.ts names it. */
function visitStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => visitStrings(item, path === '' ? String(index) : `${path}.${index}`, visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) visitStrings(item, path === '' ? key : `${path}.${key}`, visit);
  }
}

/**
 * A finder for the plan's steps: every foreign reference in a step's string arguments, one problem
 * each (once per argument and text). Index the plan once, then call it for each step.
 */
export function foreignReferenceFinder(plan: readonly PlanStep[]): (label: string, step: PlanStep) => PlanProblem[] {
  let index: PlanIndex | undefined;
  return (label, step) => findIn(label, step, () => (index ??= indexPlan(plan)));
}

/** A finder over a plan that grows a step at a time (a plan read as it streams): `add` each step that joins it. */
export interface GrowingForeignReferenceFinder {
  add(step: PlanStep): void;
  /** The foreign references of `step` read against the steps added so far. */
  find(label: string, step: PlanStep): PlanProblem[];
}

export function growingForeignReferenceFinder(): GrowingForeignReferenceFinder {
  const index = emptyIndex();
  // Indexed when a step first needs it: most steps have no text that could be a foreign reference.
  const unindexed: PlanStep[] = [];
  const indexed = () => {
    for (const step of unindexed) addToIndex(index, step);
    unindexed.length = 0;
    return index;
  };
  return {
    add: (step) => void unindexed.push(step),
    find: (label, step) => findIn(label, step, indexed),
  };
}

/** The text of a string argument once our own references are taken out, when it could hold a foreign one. */
function candidateText(value: string): string | undefined {
  const text = value.includes('${') ? value.replace(ownSyntax, ' ') : value;
  return quickCheck.test(text) ? text : undefined;
}

/** Whether any string in these arguments could be a foreign reference: the finders find none in a step without one. */
export function mayHoldForeignReferences(args: unknown): boolean {
  if (typeof args === 'string') return candidateText(args) !== undefined || phraseCheck.test(args.trim());
  if (Array.isArray(args)) return args.some(mayHoldForeignReferences);
  if (args !== null && typeof args === 'object') {
    for (const key in args) if (Object.hasOwn(args, key) && mayHoldForeignReferences((args as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** A foreign reference found in a step: the argument it is in, its text, what it points at. */
interface Found {
  readonly argument: string;
  readonly text: string;
  readonly pointer: Pointer;
}

/** Every foreign reference in a step's string arguments, once per argument and text. */
function scan(step: PlanStep, index: PlanIndex): Found[] {
  const found: Found[] = [];
  visitStrings(step.args, '', (value, argument) => {
    const text = candidateText(value);
    if (text === undefined) {
      // A plain phrase is a reference only as another step's tool name, looked up by its spelling.
      const trimmed = value.trim();
      if (!phraseCheck.test(trimmed)) return;
      index.toolSpellings ??= new Map([...index.stepsByTool.keys()].map((tool) => [spellingOf(tool), tool]));
      const tool = index.toolSpellings.get(spellingOf(trimmed));
      if (tool !== undefined && index.stepsByTool.get(tool)!.some((user) => user.id !== step.id)) found.push({ argument, text: trimmed, pointer: { kind: 'tool', tool, exact: true } });
      return;
    }
    const context: PlanContext = { step, index };
    const seen = new Set<string>();
    const report = (written: string, pointer: Pointer) => {
      if (seen.has(written)) return;
      seen.add(written);
      found.push({ argument, text: written, pointer });
    };
    const trimmed = value.trim();
    // What is left once markup and data are taken out is read as a bare phrase: `<Image>: output of Image Downloader`.
    let rest = text;
    for (const match of text.matchAll(placeholderPattern)) {
      const group = match.findIndex((part, position) => position > 0 && part !== undefined);
      const dialect = dialects[group - 1]!;
      const content = match[group]!.replace(/^['"\s]+|['"\s%]+$/g, '');
      const reading = read(content, dialect, context);
      if (isForeign(dialect, content, reading, match[0] === trimmed, context)) report(match[0], reading.pointer);
      else rest = rest.replace(match[0], ' ');
    }
    if (seen.size === 0 && !value.includes('${')) {
      // A path into a list of steps, `tasks[0].output`, whose brackets the loop above read as prose.
      const listed = /^[\w.[\]]+$/.test(trimmed) ? listIndex(trimmed) : undefined;
      if (listed !== undefined) return report(trimmed, { kind: 'index', index: listed });
      const phrase = rest.trim();
      const reading = read(phrase, 'bare', context);
      if (isBareReference(phrase, reading)) report(trimmed.replace(/\s+/g, ' '), reading.pointer);
    }
  });
  return found;
}

function findIn(label: string, step: PlanStep, indexOf: () => PlanIndex): PlanProblem[] {
  const index = indexOf();
  const context: PlanContext = { step, index };
  const found = scan(step, index);
  const resolutions = found.map(({ pointer }) => resolvePointer(pointer, context));
  // A step that uses its one link's output elsewhere (here or as `${steps.<id>…}`) may use another step's too: no conflict then.
  const links = linksOf(step, index);
  const usesLink =
    links.length === 1 &&
    (resolutions.some((resolution) => resolution.kind === 'step' && resolution.id === links[0]) || JSON.stringify(step.args).includes(`\${steps.${links[0]}.`));
  return found.map(({ argument, text, pointer }, i) => {
    const resolution = namesByItself(pointer) && !usesLink ? againstLinks(resolutions[i]!, context) : resolutions[i]!;
    return { code: 'foreign-reference', stepId: step.id, message: describe(label, argument, text, resolution, context) };
  });
}

/** The foreign references in one step of `plan` (indexes the plan; use foreignReferenceFinder for every step). */
export function findForeignReferences(label: string, step: PlanStep, plan: readonly PlanStep[]): PlanProblem[] {
  return foreignReferenceFinder(plan)(label, step);
}
