// A stored run as people read it: a one-line summary for `planexec runs`, and the plans as a tree
// (terminal) or Markdown for `planexec show`. Pure functions of the folded run record. What the
// model and the tools wrote (actions, outputs, errors, the result) is shown with its control
// characters escaped, and in Markdown with its syntax escaped too.

import { visibleJson, visibleLines, visibleText } from '../source/visible-text.ts';
import type { PlanRecord, RunRecord, StepRecord } from '../store/fold-run.ts';
import { resultIsMarkdown } from './github-summary.ts';
import { codeSpan, fencedBlock, inlineText } from './markdown-text.ts';
import { inertMarkdown } from './untrusted-markdown.ts';

interface RunSummary {
  readonly id: string;
  readonly pipeline: string;
  readonly status: string;
  readonly started: string;
  readonly durationMs: number;
  readonly stepsDone: number;
  readonly stepsTotal: number;
  readonly llmCalls: number;
  readonly tokens: number;
}

export function summarizeRun(run: RunRecord): RunSummary {
  const plan = run.plans.at(-1);
  const records = plan ? [...plan.records.values()] : [];
  return {
    id: run.runId,
    pipeline: run.pipeline,
    status: run.status === 'running' ? 'stopped' : run.status,
    started: run.startedAt,
    durationMs: Date.parse(run.lastAt) - Date.parse(run.startedAt),
    stepsDone: records.filter((record) => record.status === 'succeeded').length,
    stepsTotal: records.length,
    llmCalls: run.usage.llmCalls,
    tokens: run.usage.promptTokens + run.usage.completionTokens,
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The runs table: one row per run, columns aligned. */
export function formatRunsTable(rows: readonly RunSummary[]): string {
  const header = ['RUN', 'PIPELINE', 'STATUS', 'STARTED', 'DURATION', 'STEPS', 'LLM CALLS', 'TOKENS'];
  const cells = rows.map((row) => [
    row.id,
    row.pipeline,
    row.status,
    row.started.replace('T', ' ').slice(0, 19),
    seconds(row.durationMs),
    `${row.stepsDone}/${row.stepsTotal}`,
    String(row.llmCalls),
    String(row.tokens),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column]!.length)));
  return [header, ...cells].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

const marks: Record<StepRecord['status'], string> = {
  succeeded: '✔',
  failed: '✖',
  cancelled: '⊘',
  skipped: '↓',
  running: '…',
  waiting: '◼',
  tolerated: '!',
};

function stepLine(record: StepRecord): string {
  const { step } = record;
  const how = record.kept ? ' (kept)' : record.reused ? ' (reused)' : record.durationMs !== undefined ? ` [${seconds(record.durationMs)}${record.worker ? ` on ${record.worker}` : ''}]` : '';
  const detail = record.error ? ` — ${record.error.split('\n')[0]}` : record.outputPreview ? ` → ${record.outputPreview.slice(0, 80)}` : '';
  const trust = step.untrusted ? ' (untrusted output)' : '';
  return visibleText(`${marks[record.status]} ${step.id}. ${step.action || step.tool} [${step.tool}]${trust}${how}${detail}`);
}

function planHeading(plan: PlanRecord): string {
  const done = [...plan.records.values()].filter((record) => record.status === 'succeeded').length;
  return `Plan ${plan.planNumber}: ${done}/${plan.records.size} steps done${plan.cached ? ', from the plan cache' : ''}${plan.tokens ? `, ${plan.tokens} tokens` : ''}`;
}

function replanLine(run: RunRecord, plan: PlanRecord): string | undefined {
  const replan = run.replans.find((event) => event.planNumber === plan.planNumber);
  if (!replan) return undefined;
  const what =
    replan.scope === 'retry'
      ? `retry step ${replan.failedStepId}`
      : replan.scope === 'tail'
        ? `replace steps ${replan.replaced.join(', ')}, keep ${replan.kept.join(', ') || 'none'}`
        : 'a new plan';
  return `  ↻ step ${replan.failedStepId} failed → ${replan.strategy}: ${what}`;
}

/** `planexec show`: the run's header, each plan as a tree, the replans and why, the result. */
export function formatRunTree(run: RunRecord): string {
  const summary = summarizeRun(run);
  const lines = [
    `Run ${run.runId}: ${run.pipeline} (${run.file}) — ${summary.status}`,
    `  started ${summary.started}, ${seconds(summary.durationMs)}; ${plural(run.usage.llmCalls, 'model call')}, ${run.usage.promptTokens} prompt + ${run.usage.completionTokens} completion tokens, ${plural(run.usage.stepRuns, 'step run')}, ${plural(run.usage.replans, 'replan')}${run.resumes ? `, resumed ${run.resumes}×` : ''}`,
  ];
  if (Object.keys(run.inputs).length) lines.push(`  inputs: ${visibleJson(run.inputs)}`);
  for (const early of run.ranBeforeRejection) {
    lines.push(`Plan ${early.planNumber} (streamed, then rejected): steps that ran before the problem was found`);
    for (const record of early.records) lines.push(`  ${stepLine(record)}`);
  }
  for (const plan of run.plans) {
    lines.push(planHeading(plan));
    for (const record of plan.records.values()) lines.push(`  ${stepLine(record)}`);
    const replan = replanLine(run, plan);
    if (replan) lines.push(replan);
  }
  if (run.error) lines.push(`error: ${run.error}`);
  if (run.result !== undefined) lines.push('result:', run.result);
  return `${visibleLines(lines.join('\n'))}\n`;
}

/** `planexec show --format markdown`: the same, as Markdown tables. */
export function formatRunMarkdown(run: RunRecord): string {
  const summary = summarizeRun(run);
  const out = [
    `# Run ${run.runId}`,
    '',
    `**${inlineText(run.pipeline)}** (${codeSpan(run.file)}) — **${summary.status}** · ${seconds(summary.durationMs)} · ${plural(run.usage.llmCalls, 'model call')} · ${plural(run.usage.promptTokens + run.usage.completionTokens, 'token')} · ${plural(run.usage.replans, 'replan')}`,
  ];
  for (const plan of run.plans) {
    out.push('', `## ${planHeading(plan)}`, '', '| step | tool | status | trust | duration | output / error |', '|---|---|---|---|---|---|');
    for (const record of plan.records.values()) {
      const status = record.kept ? 'kept' : record.reused ? 'reused' : record.status;
      const duration = record.durationMs !== undefined && !record.kept ? seconds(record.durationMs) : '';
      const detail = record.error ?? record.outputPreview ?? '';
      const trust = record.step.untrusted ? 'untrusted' : 'trusted';
      out.push(`| ${inlineText(`${record.step.id}. ${record.step.action || record.step.tool}`)} | ${inlineText(record.step.tool)} | ${status} | ${trust} | ${duration} | ${inlineText(detail, 120)} |`);
    }
    const replan = replanLine(run, plan);
    if (replan) out.push('', replan.trim());
  }
  if (run.error) out.push('', '## Error', '', fencedBlock(run.error).trimEnd());
  if (run.result !== undefined) out.push('', '## Result', '', resultMarkdown(run));
  return `${out.join('\n')}\n`;
}

/** The result as the Action's summary shows it: Markdown rendered but inert (a fence it leaves open closed), other text in a fence. */
function resultMarkdown(run: RunRecord): string {
  const result = run.result!;
  if (!resultIsMarkdown({ ...(run.resultFormat ? { resultFormat: run.resultFormat } : {}) }, run.plans)) return fencedBlock(result).trimEnd();
  const { text, openFence } = inertMarkdown(result);
  return `${text.trimEnd()}${openFence ? `\n${openFence}` : ''}`;
}
