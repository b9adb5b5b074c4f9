// The compiler against 985 plans that real models (CodeLlama-13b, mistral-7b) wrote for TaskBench
// (test/fixtures/taskbench, see its README): every plan the corpus's checker flags is rejected,
// every sound one is accepted, and each problem it lists is reported, of the same kind, on that step.
// Where we disagree with that checker, the case is listed in `exceptions` with a reason the test checks.

import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaskbenchCorpus, type CorpusIssue, type CorpusPlan, type TaskbenchCorpus } from '../../bench/compile-corpus.ts';
import { compilePlan, type CompileResult, type PlanProblem, type PlanProblemCode } from '../../src/index.ts';

/**
 * The corpus's problem codes and the planexec problem codes that report the same mistake. The corpus
 * checks TaskBench's own format (arguments as a list, links by task name) while converting it, so its
 * "malformed" codes say what went wrong there; here they map to what that becomes in planexec's shape.
 * An empty list: the mistake does not survive the conversion, so every case is an exception.
 */
const matchingCodes: Readonly<Record<string, readonly PlanProblemCode[]>> = {
  unknownTool: ['unknown-tool'],
  missingRequiredArg: ['missing-argument'],
  wrongTypeArg: ['wrong-argument-type'],
  unknownArgName: ['unknown-argument'],
  // A link from a task the plan does not have stays in the target's dependsOn as the raw name or index.
  danglingLink: ['dangling-dependency'],
  // A self-link is the one-step cycle, which planexec names self-reference.
  cycle: ['cycle', 'self-reference'],
  // The checker looks for "${" and "<node-N>": `${steps.1.result}` is our syntax gone wrong, anything else a foreign dialect.
  refLikeArg: ['foreign-reference', 'dangling-reference'],
  // Malformed TaskBench entries:
  noArguments: ['missing-argument'], // no arguments at all: args {} lacks every required one
  argNoValue: ['unknown-argument'], // {"name": "example.jpg"} without a value: the name becomes an argument name
  duplicateArgName: ['wrong-argument-type', 'unknown-argument'], // repeated values become an array: wrong type for a declared name, else unknown
  argumentsNotList: ['unknown-argument'], // an object where the list belongs is taken as named arguments
  extraNodeKey: ['step-shape'], // a stray key on a node becomes an unknown step field
  ambiguousLink: [],
  linkByIndex: [],
  linkKeys: [],
};

type Reason = 'linkResolved' | 'linkDropped' | 'unknownToolArguments' | 'foreignReferences' | 'nothingLeft';

interface ReasonCheck {
  readonly why: string;
  /** Whether the reason applies: to the issue (an issue exception) or to the plan (a verdict exception). */
  readonly holds: (plan: CorpusPlan, context: { readonly issue?: CorpusIssue; readonly problems: readonly PlanProblem[]; readonly declared: ReadonlySet<string> }) => boolean;
}

const reasons: Readonly<Record<Reason, ReasonCheck>> = {
  linkResolved: {
    why:
      'TaskBench links name tasks (or here index them); the conversion already turned the link into a step id in dependsOn ' +
      '(a repeated name: the nearest earlier step; stray keys dropped). planexec links by unique id, so nothing ambiguous or malformed is left to find.',
    holds: (plan, { issue }) => {
      if (issue?.code === 'ambiguousLink') {
        const actions = stepsOf(plan).map((step) => step.action);
        return new Set(actions).size < actions.length;
      }
      if (issue?.code === 'linkByIndex') return Array.isArray(issue.detail) && issue.detail.every(Number.isInteger);
      return issue?.code === 'linkKeys' && Array.isArray(issue.detail) && issue.detail.includes('source') && issue.detail.includes('target');
    },
  },
  linkDropped: {
    why: "the link's target is no task of the plan, so the conversion could not attach it to any step and dropped it (issues.jsonl lists it in unresolvedLinks): the plan file has no trace of it.",
    holds: (plan, { issue }) => {
      const link = issue?.code === 'danglingLink' ? (issue.detail as { link?: unknown }).link : undefined;
      if (link !== undefined) return plan.unresolvedLinks.some((unresolved) => JSON.stringify(unresolved) === JSON.stringify(link));
      const keys = issue?.code === 'linkKeys' ? JSON.stringify(issue.detail) : undefined;
      return plan.unresolvedLinks.some((unresolved) => JSON.stringify(Object.keys(unresolved as object).sort()) === keys);
    },
  },
  unknownToolArguments: {
    why: "the step's tool is not declared: the compiler reports the unknown tool and cannot know which arguments it takes (the corpus's own argument checks skip unknown tools too; this code comes from its TaskBench-format pass).",
    holds: (plan, { issue, problems, declared }) => {
      const step = stepsOf(plan).find((candidate) => candidate.id === issue?.step);
      return step !== undefined && !declared.has(step.tool) && problems.some((problem) => problem.code === 'unknown-tool' && problem.stepId === String(step.id));
    },
  },
  foreignReferences: {
    why:
      "the corpus's checker looks only for \"${\" and \"<node-N>\"; these arguments are the model's own phrases for another step's output " +
      '(`output_of_step_1`, `<output of Image Stitcher>`, `[Output from Text Summarizer]`, `%{previous_step.output%}`), which would reach the tool as literal text.',
    holds: (_plan, { problems }) => problems.length > 0 && problems.every((problem) => problem.code === 'foreign-reference'),
  },
  nothingLeft: {
    why: 'every problem the corpus lists for this plan is a link the conversion resolved or dropped (excepted above); the plan file as it stands is sound.',
    holds: (plan) => plan.issues.every((issue) => exceptionFor(plan, issue) !== undefined),
  },
};

type Exception =
  /** The corpus lists these problems (this code, on this step if given) and the compiler cannot see them. */
  | { readonly model: string; readonly id: string; readonly code: string; readonly step?: number; readonly reason: Reason }
  /** The compiler's verdict on the whole plan differs from the corpus's. */
  | { readonly model: string; readonly id: string; readonly verdict: 'accepted' | 'rejected'; readonly reason: Reason };

const exceptions: readonly Exception[] = [
  // TaskBench-format link mistakes the conversion resolved to step ids.
  { model: 'CodeLlama-13b', id: '10973018', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'CodeLlama-13b', id: '11312343', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'CodeLlama-13b', id: '17300480', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'CodeLlama-13b', id: '28112891', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'CodeLlama-13b', id: '30809221', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'CodeLlama-13b', id: '31361722', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'CodeLlama-13b', id: '33792204', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'mistral-7b', id: '11246551', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'mistral-7b', id: '17300480', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'mistral-7b', id: '28350298', code: 'ambiguousLink', reason: 'linkResolved' },
  { model: 'mistral-7b', id: '97272699', code: 'linkByIndex', reason: 'linkResolved' },
  { model: 'mistral-7b', id: '13975464', code: 'linkKeys', reason: 'linkResolved' },
  // Links the conversion dropped, their target being no task of the plan.
  { model: 'mistral-7b', id: '11043946', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '12988567', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '15097576', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '15243135', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '16300269', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '17029497', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '17277134', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '17996213', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '18461175', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '19663820', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '19744202', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '19783793', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '19892051', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '20647166', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '20834241', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '21419421', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '22142505', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '22487023', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '23870417', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '24643902', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '27248263', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '28095039', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '28152917', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '29300562', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '30468557', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '30975696', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '31107902', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '31244694', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '33480688', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '33482844', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '34984886', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '66507638', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '68497682', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '89422632', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '90481571', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '97272699', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '98336582', code: 'danglingLink', reason: 'linkDropped' },
  { model: 'mistral-7b', id: '11043946', code: 'linkKeys', reason: 'linkDropped' },
  // Argument mistakes on steps whose tool is unknown.
  { model: 'CodeLlama-13b', id: '12271185', code: 'argNoValue', step: 3, reason: 'unknownToolArguments' },
  { model: 'CodeLlama-13b', id: '12699246', code: 'argNoValue', step: 3, reason: 'unknownToolArguments' },
  { model: 'CodeLlama-13b', id: '24643902', code: 'argNoValue', step: 4, reason: 'unknownToolArguments' },
  { model: 'CodeLlama-13b', id: '30468557', code: 'argNoValue', step: 3, reason: 'unknownToolArguments' },
  { model: 'mistral-7b', id: '12202326', code: 'noArguments', step: 2, reason: 'unknownToolArguments' },
  { model: 'mistral-7b', id: '24850720', code: 'noArguments', step: 5, reason: 'unknownToolArguments' },
  { model: 'mistral-7b', id: '25923050', code: 'noArguments', step: 2, reason: 'unknownToolArguments' },
  { model: 'mistral-7b', id: '25923050', code: 'noArguments', step: 3, reason: 'unknownToolArguments' },
  { model: 'mistral-7b', id: '26549455', code: 'noArguments', step: 2, reason: 'unknownToolArguments' },
  { model: 'mistral-7b', id: '63277506', code: 'noArguments', step: 4, reason: 'unknownToolArguments' },
  { model: 'mistral-7b', id: '85922837', code: 'noArguments', step: 3, reason: 'unknownToolArguments' },
  // Plans the corpus finds sound, rejected for foreign references.
  { model: 'CodeLlama-13b', id: '13096713', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'CodeLlama-13b', id: '17109345', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'CodeLlama-13b', id: '22780257', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'CodeLlama-13b', id: '26949072', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'CodeLlama-13b', id: '28350298', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'CodeLlama-13b', id: '30150490', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'CodeLlama-13b', id: '62377864', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '10122833', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '12022256', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '15934907', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '23106041', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '23333688', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '23452023', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '26307263', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '30002506', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '54687187', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '72528270', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '93545701', verdict: 'rejected', reason: 'foreignReferences' },
  { model: 'mistral-7b', id: '95135973', verdict: 'rejected', reason: 'foreignReferences' },
  // Plans the corpus flags only for links the conversion resolved or dropped.
  { model: 'CodeLlama-13b', id: '11312343', verdict: 'accepted', reason: 'nothingLeft' },
  { model: 'CodeLlama-13b', id: '17300480', verdict: 'accepted', reason: 'nothingLeft' },
  { model: 'CodeLlama-13b', id: '30809221', verdict: 'accepted', reason: 'nothingLeft' },
  { model: 'CodeLlama-13b', id: '31361722', verdict: 'accepted', reason: 'nothingLeft' },
  { model: 'CodeLlama-13b', id: '33792204', verdict: 'accepted', reason: 'nothingLeft' },
  { model: 'mistral-7b', id: '90481571', verdict: 'accepted', reason: 'nothingLeft' },
];

function keyOf(plan: { readonly model: string; readonly id: string }): string {
  return `${plan.model}/${plan.id}`;
}

interface StepText {
  readonly id: number;
  readonly action: unknown;
  readonly tool: string;
  readonly args: unknown;
}

const parsedSteps = new WeakMap<CorpusPlan, StepText[]>();
function stepsOf(plan: CorpusPlan): StepText[] {
  let steps = parsedSteps.get(plan);
  if (!steps) parsedSteps.set(plan, (steps = (JSON.parse(plan.text) as { steps: StepText[] }).steps));
  return steps;
}

function exceptionFor(plan: CorpusPlan, issue: CorpusIssue): Exception | undefined {
  return exceptions.find((e) => 'code' in e && e.model === plan.model && e.id === plan.id && e.code === issue.code && (e.step === undefined || e.step === issue.step));
}

/** The argument, tool or field an issue is about, as its message must name it (quoted, long names cut short). */
function nameIn(issue: CorpusIssue): string | undefined {
  let name: string | undefined;
  if (typeof issue.detail === 'string') name = issue.detail;
  if (issue.code === 'wrongTypeArg' && issue.detail !== null && typeof issue.detail === 'object') name = Object.keys(issue.detail)[0];
  // convert.py keeps a stray node key as a step field, renaming the ones planexec reserves.
  if (issue.code === 'extraNodeKey' && name !== undefined && ['id', 'action', 'tool', 'args', 'dependsOn'].includes(name)) name = `x-taskbench-${name}`;
  if (name === undefined) return undefined;
  return name.length > 60 ? JSON.stringify(name.slice(0, 57)).slice(0, -1) : JSON.stringify(name);
}

/** The steps an issue is about: its step, or for issues the checker gives no step, the ones the plan shows it on. */
function whereIs(issue: CorpusIssue, plan: CorpusPlan): string[] | 'any' {
  if (issue.step !== undefined) return [String(issue.step)];
  const steps = stepsOf(plan);
  const detail = issue.detail as { missing?: string; link?: { source?: unknown; target?: unknown } } | undefined;
  if (issue.code === 'danglingLink' && detail?.missing === 'source') {
    // The link's target keeps the missing source in its dependsOn.
    const target = detail.link?.target;
    return steps.filter((step, index) => step.action === target || index === target).map((step) => String(step.id));
  }
  if (issue.code === 'refLikeArg') return steps.filter((step) => /\$\{|<node-\d+>/.test(JSON.stringify(step.args))).map((step) => String(step.id));
  return 'any'; // a cycle: the compiler reports it on its first step
}

/** Why no reported problem matches an issue, or undefined when one does. */
function unmatched(issue: CorpusIssue, plan: CorpusPlan, problems: readonly PlanProblem[]): string | undefined {
  const codes = matchingCodes[issue.code];
  if (codes === undefined) return `no entry in matchingCodes for ${issue.code}`;
  const where = whereIs(issue, plan);
  const candidates = problems.filter((problem) => codes.includes(problem.code) && (where === 'any' || where.includes(problem.stepId ?? '')));
  if (candidates.length === 0) return `no ${codes.join('/') || 'problem'} on step ${where === 'any' ? 'any' : where.join('/')}`;
  // Reference-like text is reported on every step that has it.
  const missed = issue.code === 'refLikeArg' && where !== 'any' ? where.find((id) => !candidates.some((problem) => problem.stepId === id)) : undefined;
  if (missed !== undefined) return `no ${codes.join('/')} on step ${missed}`;
  const name = nameIn(issue);
  if (name !== undefined && !candidates.some((problem) => problem.message.includes(name))) return `no message names ${name}`;
  return undefined;
}

describe('the TaskBench corpus: 985 real model-written plans', () => {
  let corpus: TaskbenchCorpus;
  let declared: ReadonlySet<string>;
  const results = new Map<string, CompileResult>();

  beforeAll(() => {
    corpus = loadTaskbenchCorpus();
    declared = new Set(corpus.tools.map((tool) => tool.name));
    for (const plan of corpus.plans) results.set(keyOf(plan), compilePlan(plan.text, corpus.tools));
  });

  function problemsOf(plan: CorpusPlan): readonly PlanProblem[] {
    const result = results.get(keyOf(plan))!;
    return result.ok ? [] : result.problems;
  }

  function verdictExceptions(verdict: 'accepted' | 'rejected'): string[] {
    return exceptions.filter((e) => 'verdict' in e && e.verdict === verdict).map(keyOf).sort();
  }

  it('has the 40 tools and the plans stats.json counts', () => {
    expect(corpus.tools).toHaveLength(40);
    const planCount = Object.values(corpus.stats.models).reduce((sum, model) => sum + (model.plans as number), 0);
    expect(planCount).toBe(985);
    expect(corpus.plans).toHaveLength(planCount);
  });

  // A hang fails the test by its timeout; how fast the compiler is, `npm run bench` measures (bench/compile-corpus.ts).
  it('compiles every plan without a crash or a hang', () => {
    expect(results.size).toBe(corpus.plans.length);
    expect([...results.values()].every((result) => result.ok || result.problems.length > 0)).toBe(true);
  });

  it('rejects every plan with problems, except the listed disagreements', () => {
    const accepted = corpus.plans.filter((plan) => plan.issues.length > 0 && results.get(keyOf(plan))!.ok).map(keyOf);
    expect(accepted.sort()).toEqual(verdictExceptions('accepted'));
  });

  it('accepts every sound plan, except the listed disagreements', () => {
    const rejected = corpus.plans.filter((plan) => plan.issues.length === 0 && !results.get(keyOf(plan))!.ok).map(keyOf);
    expect(rejected.sort()).toEqual(verdictExceptions('rejected'));
  });

  it('reports each listed problem as a problem of the matching kind on that step, naming the argument or tool', () => {
    const misses: string[] = [];
    const used = new Set<Exception>();
    for (const plan of corpus.plans) {
      for (const issue of plan.issues) {
        const why = unmatched(issue, plan, problemsOf(plan));
        if (why === undefined) continue;
        const exception = exceptionFor(plan, issue);
        if (exception && reasons[exception.reason].holds(plan, { issue, problems: problemsOf(plan), declared })) used.add(exception);
        else misses.push(`${keyOf(plan)} ${issue.code} ${JSON.stringify(issue.detail ?? null)}: ${why}`);
      }
    }
    expect(misses).toEqual([]);
    // Each listed exception is still needed: none outlives a fix.
    expect(exceptions.filter((e) => 'code' in e && !used.has(e))).toEqual([]);
  });

  it('holds each verdict exception to its reason', () => {
    const unreasoned = exceptions
      .filter((e) => 'verdict' in e)
      .filter((e) => {
        const plan = corpus.plans.find((candidate) => keyOf(candidate) === keyOf(e))!;
        return !reasons[e.reason].holds(plan, { problems: problemsOf(plan), declared });
      });
    expect(unreasoned).toEqual([]);
  });

  it('tells the model what to write, in the words docs/compiler-examples.md shows', () => {
    const messages = (key: string, stepId: string) => problemsOf(corpus.plans.find((plan) => keyOf(plan) === key)!).filter((p) => p.stepId === stepId).map((p) => p.message);
    expect(messages('CodeLlama-13b/18534983', '3')).toEqual([
      'step 3 (Audio_Splicer): missing required argument "audio_1"',
      'step 3 (Audio_Splicer): missing required argument "audio_2"',
      'step 3 (Audio_Splicer): unknown argument "audio_file_1" (did you mean "audio_1"? declared: audio_1, audio_2)',
      'step 3 (Audio_Splicer): unknown argument "audio_file_2" (did you mean "audio_2"? declared: audio_1, audio_2)',
    ]);
    expect(messages('mistral-7b/21504123', '3')).toEqual([
      'step 3: unknown field "x-taskbench-id" (a step has: id, action, tool, args, dependsOn)',
      'step 3 (Image_Downloader): missing required argument "url"',
      'step 3 (Image_Downloader): unknown argument "image_url" (did you mean "url"? declared: url)',
    ]);
    expect(messages('mistral-7b/10122833', '2')).toEqual([
      "step 2 (Image_Stitcher): argument \"image_2\" uses <output_of_step_1>; write ${steps.1.output} to use step 1's output",
    ]);
    expect(messages('mistral-7b/10141415', '4').slice(-2)).toEqual([
      "step 4 (Audio_to_Image): argument \"input_audio_file\" uses $[Audio_Effects.output]; write ${steps.3.output} to use step 3's output (the Audio_Effects step)",
      'step 4 (Audio_to_Image): dependsOn "Audio_Effects", but dependsOn lists step ids: did you mean 3 (the Audio_Effects step)?',
    ]);
    expect(messages('mistral-7b/28903319', '3')).toEqual([
      'step 3 (Text_Summarizer): dependsOn "Text Search (2)", but the plan has no step with that id (steps: 1, 2, 3, 4, 5)',
    ]);
  });

  it('words every problem on one line, starting with the step and its tool', () => {
    const badlyWorded: string[] = [];
    for (const plan of corpus.plans) {
      const tools = new Map(stepsOf(plan).map((step) => [String(step.id), step.tool]));
      for (const problem of problemsOf(plan)) {
        const tool = problem.stepId === undefined ? undefined : tools.get(problem.stepId);
        const start = problem.code === 'cycle' ? 'cycle: ' : tool !== undefined && declared.has(tool) && problem.code !== 'step-shape' ? `step ${problem.stepId} (${tool}): ` : `step ${problem.stepId}: `;
        if (problem.message.includes('\n') || !problem.message.startsWith(start)) badlyWorded.push(`${keyOf(plan)}: ${problem.message}`);
      }
    }
    expect(badlyWorded).toEqual([]);
  });
});
