// Compile the 985 real model-written TaskBench plans (test/fixtures/taskbench, see its README) against
// the corpus's 40 tools and print total ms and ms per plan. Target: all 985 in < 300 ms, the slowest
// plan in < 1000 ms. The corpus loader is shared with test/plan/taskbench-corpus.test.ts.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type CommandTool, compilePlan, type PlanProblemCode } from '../src/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The corpus, vendored with the tests: plans.jsonl packs convert.py's plan files and issues.jsonl. */
export const taskbenchDir = path.join(repoRoot, 'test/fixtures/taskbench');

/** One problem the corpus's own checker found (issues.jsonl). `step` is the plan's 1-based step id. */
export interface CorpusIssue {
  readonly code: string;
  readonly step?: number;
  readonly detail?: unknown;
}

export interface CorpusPlan {
  readonly model: string;
  readonly id: string;
  /** The plan file's text, as a model reply would arrive. */
  readonly text: string;
  readonly issues: readonly CorpusIssue[];
  /** Links the conversion could not attach to a step (their target is no task of the plan), so the plan file lacks them. */
  readonly unresolvedLinks: readonly unknown[];
}

export interface TaskbenchCorpus {
  readonly tools: readonly CommandTool[];
  readonly plans: readonly CorpusPlan[];
  /** stats.json: per model, the number of plans with each problem code. */
  readonly stats: { readonly models: Readonly<Record<string, Readonly<Record<string, unknown>>>> };
}

interface ToolDeclaration {
  readonly name: string;
  readonly description: string;
  readonly command: string[];
  readonly args: Record<string, unknown>;
}

/** tools.yaml as planexec tools (kind command, text output), without the pipeline loader; plans.jsonl as plans. */
export function loadTaskbenchCorpus(dir: string = taskbenchDir): TaskbenchCorpus {
  const declarations = parse(readFileSync(path.join(dir, 'tools.yaml'), 'utf8')) as ToolDeclaration[];
  const tools = declarations.map((tool): CommandTool => ({ kind: 'command', name: tool.name, description: tool.description, command: tool.command, args: tool.args, output: 'text' }));
  const plans = readFileSync(path.join(dir, 'plans.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { model: string; id: string; issues: CorpusIssue[]; unresolvedLinks: unknown[]; plan: unknown };
      // Byte for byte the plan file convert.py writes (json.dump, indent=1); pack-plans.ts checked that.
      const text = `${JSON.stringify(row.plan, null, 1)}\n`;
      return { model: row.model, id: row.id, text, issues: row.issues, unresolvedLinks: row.unresolvedLinks };
    });
  const stats = JSON.parse(readFileSync(path.join(dir, 'stats.json'), 'utf8')) as TaskbenchCorpus['stats'];
  return { tools, plans, stats };
}

/** One plan's text, as the file plans/<model>/<id>.json of convert.py's output has it. */
export function corpusPlanText(model: string, id: string, dir: string = taskbenchDir): string {
  const plan = loadTaskbenchCorpus(dir).plans.find((candidate) => candidate.model === model && candidate.id === id);
  if (plan === undefined) throw new Error(`no plan ${model}/${id} in ${dir}`);
  return plan.text;
}

export interface CorpusFigures {
  readonly plans: number;
  readonly steps: number;
  readonly accepted: number;
  readonly rejected: number;
  /** The first pass, which also compiles each tool's argument schema. */
  readonly coldMs: number;
  /** Median of seven warm passes. */
  readonly totalMs: number;
  readonly msPerPlan: number;
  /** The plan that took longest to compile in a warm pass, and how long (the test suite only checks that each compiles). */
  readonly slowestMs: number;
  readonly slowestPlan: string;
  /** Plans with at least one problem of each code. */
  readonly plansWithProblem: Readonly<Partial<Record<PlanProblemCode, number>>>;
  /** Problems of each code, over all plans. */
  readonly problems: Readonly<Partial<Record<PlanProblemCode, number>>>;
}

function compileAll(corpus: TaskbenchCorpus): { accepted: number; steps: number; plansWithProblem: Partial<Record<PlanProblemCode, number>>; problems: Partial<Record<PlanProblemCode, number>> } {
  let accepted = 0;
  let steps = 0;
  const plansWithProblem: Partial<Record<PlanProblemCode, number>> = {};
  const problems: Partial<Record<PlanProblemCode, number>> = {};
  for (const plan of corpus.plans) {
    const result = compilePlan(plan.text, corpus.tools);
    if (result.ok) {
      accepted++;
      steps += result.graph.steps.length;
      continue;
    }
    for (const problem of result.problems) problems[problem.code] = (problems[problem.code] ?? 0) + 1;
    for (const code of new Set(result.problems.map((problem) => problem.code))) plansWithProblem[code] = (plansWithProblem[code] ?? 0) + 1;
  }
  return { accepted, steps, plansWithProblem, problems };
}

/** Compile every corpus plan (the tools' validators are compiled once, during the warm-up), timed over several runs. */
export async function benchCompileCorpus(dir: string = taskbenchDir): Promise<CorpusFigures> {
  const corpus = loadTaskbenchCorpus(dir);
  const coldStart = performance.now();
  compileAll(corpus); // warm up: JIT, and ajv compiles each tool's schema once (cached per tool)
  const coldMs = performance.now() - coldStart;
  const times: number[] = [];
  let outcome = compileAll(corpus);
  for (let run = 0; run < 7; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const start = performance.now();
    outcome = compileAll(corpus);
    times.push(performance.now() - start);
  }
  const totalMs = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const slowest = { ms: 0, plan: '' };
  for (const plan of corpus.plans) {
    const start = performance.now();
    compilePlan(plan.text, corpus.tools);
    const ms = performance.now() - start;
    if (ms > slowest.ms) Object.assign(slowest, { ms, plan: `${plan.model}/${plan.id}` });
  }
  const stepCount = corpus.plans.reduce((sum, plan) => sum + ((JSON.parse(plan.text) as { steps: unknown[] }).steps.length), 0);
  const figures: CorpusFigures = {
    plans: corpus.plans.length,
    steps: stepCount,
    accepted: outcome.accepted,
    rejected: corpus.plans.length - outcome.accepted,
    coldMs,
    totalMs,
    msPerPlan: totalMs / corpus.plans.length,
    slowestMs: slowest.ms,
    slowestPlan: slowest.plan,
    plansWithProblem: outcome.plansWithProblem,
    problems: outcome.problems,
  };
  console.log(
    `compile taskbench corpus: ${figures.plans} plans (${figures.steps} steps) in ${totalMs.toFixed(1)} ms, ${figures.msPerPlan.toFixed(3)} ms per plan (target: all in < 300 ms; first pass with the tools' schemas: ${coldMs.toFixed(1)} ms); ${figures.accepted} accepted, ${figures.rejected} rejected`,
  );
  console.log(`  slowest plan: ${figures.slowestPlan} in ${figures.slowestMs.toFixed(2)} ms (target: < 1000 ms)`);
  for (const [code, count] of Object.entries(figures.plansWithProblem).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${code.padEnd(22)} ${String(count).padStart(4)} plans, ${String(figures.problems[code as PlanProblemCode]).padStart(5)} problems`);
  }
  return figures;
}

if (import.meta.main) await benchCompileCorpus();
