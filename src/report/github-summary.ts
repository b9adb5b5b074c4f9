// The GitHub step summary of a run (Markdown for $GITHUB_STEP_SUMMARY), read from its events: the
// plan as a Mermaid flowchart, a table of steps, the replans and why, usage, and the result.

import type { RunEvent, RunStatus, UsageTotals } from '../events/run-events.ts';
import { foldRun, type PlanRecord, type RunRecord, type StepRecord } from '../store/fold-run.ts';
import { codeSpan, count, duration, fencedBlock, inlineText } from './markdown-text.ts';
import { inertMarkdown } from './untrusted-markdown.ts';
import { planFlowchart, type FlowchartClass } from './plan-flowchart.ts';

interface SummaryOutcome {
  readonly status: RunStatus;
  readonly runId: string;
  readonly result?: string;
  readonly error?: string;
  readonly usage: UsageTotals;
}

export interface SummarySubject {
  readonly pipelineName: string;
  /** The pipeline file as the user sees it. */
  readonly pipelineFile: string;
  /** The pipeline's `resultFormat`, when it declares one. */
  readonly resultFormat?: 'markdown' | 'text';
  /** The pipeline renders its result with a `result` template. */
  readonly resultTemplate?: boolean;
}

/** A result longer than this is cut in the summary (GitHub allows 1 MiB per step summary). */
const summaryResultLimit = 64 * 1024;

const statusHeadline: Readonly<Record<RunStatus, string>> = {
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  'plan-failed': '❌ no usable plan',
  interrupted: '⏹️ interrupted',
  'invalid-input': '⚠️ invalid input',
  'not-approved': '✋ not approved',
};

/** The whole summary of a run that reached `runPipeline`, from the events it emitted. */
export function renderRunSummary(subject: SummarySubject, events: readonly RunEvent[], outcome: SummaryOutcome): string {
  const record = events[0]?.kind === 'run-started' ? foldRun(events) : undefined;
  const plans = record?.plans ?? [];
  const parts = [headline(subject, outcome), facts(subject, record, outcome)];
  if (plans.length > 0) parts.push(planSection(plans), stepTable(plans));
  if (record && record.replans.length > 0) parts.push(replanSection(record));
  parts.push(usageTable(outcome.usage));
  if (outcome.status === 'succeeded' && outcome.result !== undefined) parts.push(resultSection(outcome.result, resultIsMarkdown(subject, plans)));
  else if (outcome.error) parts.push(`### Error\n\n${fencedBlock(outcome.error)}`);
  return `${parts.join('\n')}\n`;
}

/** The summary when the run could not start: the action's inputs or a pipeline file are unusable. */
export function renderProblemSummary(subject: Partial<SummarySubject>, problems: readonly string[]): string {
  const name = subject.pipelineName ?? subject.pipelineFile ?? 'pipeline';
  const where = subject.pipelineFile ? `${codeSpan(subject.pipelineFile)} could not run.\n` : '';
  return `## planexec · ${inlineText(name)} · ${statusHeadline['invalid-input']}\n\n${where}\n### Problems\n\n${fencedBlock(problems.join('\n'))}`;
}

function headline(subject: SummarySubject, outcome: SummaryOutcome): string {
  return `## planexec · ${inlineText(subject.pipelineName)} · ${statusHeadline[outcome.status]}\n`;
}

function facts(subject: SummarySubject, record: RunRecord | undefined, outcome: SummaryOutcome): string {
  const items = [codeSpan(subject.pipelineFile)];
  if (outcome.runId) items.push(`run ${codeSpan(outcome.runId)}`);
  if (record) {
    const plans = record.plans.length;
    items.push(`${plans} plan${plans === 1 ? '' : 's'}`);
    items.push(duration(Math.max(0, Date.parse(record.lastAt) - Date.parse(record.startedAt))));
  }
  const tokens = outcome.usage.promptTokens + outcome.usage.completionTokens;
  items.push(`${count(outcome.usage.llmCalls)} model call${outcome.usage.llmCalls === 1 ? '' : 's'}`, `${count(tokens)} tokens`);
  return `${items.join(' · ')}\n`;
}

function classOf(record: StepRecord | undefined): FlowchartClass | undefined {
  switch (record?.status) {
    case 'succeeded':
      return record.kept ? 'kept' : 'succeeded';
    case 'failed':
      return 'failed';
    case 'tolerated':
    case 'cancelled':
    case 'skipped':
      return 'stopped';
    default:
      return undefined;
  }
}

function flowchart(plan: PlanRecord): string {
  return fencedBlock(planFlowchart(plan.steps, (id) => classOf(plan.records.get(id))), 'mermaid');
}

function planSection(plans: readonly PlanRecord[]): string {
  const last = plans[plans.length - 1]!;
  if (plans.length === 1) return `### Plan\n\n${flowchart(last)}`;
  // The plan that ran last is shown open; the ones it replaced fold away.
  const earlier = plans.slice(0, -1).map((plan) => `<details><summary>Plan ${plan.planNumber} (replaced)</summary>\n\n${flowchart(plan)}\n</details>\n`);
  return `### Plan ${last.planNumber} (of ${plans.length})\n\n${flowchart(last)}\n${earlier.join('\n')}`;
}

function stepStatus(record: StepRecord): string {
  switch (record.status) {
    case 'succeeded':
      return record.kept ? '📌 kept' : record.reused ? '♻️ reused' : '✅ succeeded';
    case 'failed':
      return `❌ failed${record.error ? `: ${inlineText(record.error, 160)}` : ''}`;
    case 'tolerated':
      return '⚠️ failed, tolerated';
    case 'cancelled':
      return '⏹️ cancelled';
    case 'skipped':
      return '⏭️ skipped';
    case 'running':
      return '⏳ running';
    case 'waiting':
      return '⏸️ not run';
  }
}

function stepTable(plans: readonly PlanRecord[]): string {
  const rows = plans.flatMap((plan) =>
    plan.steps.map((step) => {
      const record = plan.records.get(step.id);
      const attempts = record && record.attempts > 1 ? ` (${record.attempts} attempts)` : '';
      return `| ${plan.planNumber} | ${inlineText(step.id)} | ${inlineText(step.action || step.tool, 120)} | ${codeSpan(step.tool)} | ${record ? stepStatus(record) : ''}${attempts} | ${step.untrusted ? '⚠️ untrusted' : 'trusted'} | ${record?.durationMs !== undefined ? duration(record.durationMs) : ''} |`;
    }),
  );
  return ['### Steps', '', '| Plan | Step | Action | Tool | Status | Trust | Duration |', '|---:|---|---|---|---|---|---:|', ...rows, ''].join('\n');
}

function replanSection(record: RunRecord): string {
  const items = record.replans.map((replan) => {
    const plan = record.plans.find((p) => p.planNumber === replan.planNumber);
    const failed = plan?.records.get(replan.failedStepId);
    const tool = failed ? ` (${codeSpan(failed.step.tool)})` : '';
    const why = failed?.error ? `: ${inlineText(failed.error, 300)}` : '';
    const list = (ids: readonly string[]) => (ids.length > 0 ? ids.map((id) => inlineText(id)).join(', ') : 'none');
    const what =
      replan.scope === 'retry'
        ? `ran step ${inlineText(replan.failedStepId)} again${replan.fixArgs ? ' with corrected arguments' : ''}`
        : replan.scope === 'tail'
          ? `new steps for the failed part: kept ${list(replan.kept)}; replaced ${list(replan.replaced)}`
          : 'a new plan from scratch';
    return `${replan.replanNumber}. **${inlineText(replan.strategy)}** after step ${inlineText(replan.failedStepId)}${tool} failed${why} — ${what}.`;
  });
  return ['### Replans', '', ...items, ''].join('\n');
}

function usageTable(usage: UsageTotals): string {
  return [
    '### Usage',
    '',
    '| Model calls | Prompt tokens | Completion tokens | Replans | Step runs | Reused steps |',
    '|---:|---:|---:|---:|---:|---:|',
    `| ${count(usage.llmCalls)} | ${count(usage.promptTokens)} | ${count(usage.completionTokens)} | ${count(usage.replans)} | ${count(usage.stepRuns)} | ${count(usage.reusedSteps)} |`,
    '',
  ].join('\n');
}

/**
 * Whether the result is shown as Markdown: as the pipeline's `resultFormat` says; without one, when it
 * is what an `llm` step wrote (the last step of the plan that ran last, no `result` template), since
 * models answer in Markdown; a command's or template's text is shown as it is.
 */
export function resultIsMarkdown(subject: Pick<SummarySubject, 'resultFormat' | 'resultTemplate'>, plans: readonly PlanRecord[]): boolean {
  if (subject.resultFormat !== undefined) return subject.resultFormat === 'markdown';
  if (subject.resultTemplate === true) return false;
  const steps = plans[plans.length - 1]?.steps ?? [];
  return steps[steps.length - 1]?.tool === 'llm';
}

function resultSection(result: string, markdown: boolean): string {
  const cut = result.length > summaryResultLimit;
  const shown = cut ? result.slice(0, summaryResultLimit) : result;
  const note = cut ? `\n_The result is ${count(result.length)} characters; the first ${count(summaryResultLimit)} are shown. The \`result\` output has all of it._\n` : '';
  if (!markdown) return `### Result\n\n${fencedBlock(shown)}${note}`;
  // Rendered, but inert: no raw HTML or image of the result takes effect, and a fence it leaves open is closed.
  const { text, openFence } = inertMarkdown(shown);
  return `### Result\n\n${text.replace(/\n*$/, '\n')}${openFence ? `${openFence}\n` : ''}${note}`;
}
