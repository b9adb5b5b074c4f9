// The words of the terminal tree: each planning line and plan group of the progress model as a title
// and a state, each step as a row. A plan's header counts done/total steps and, once a few steps
// finished, an ETA; running steps show their elapsed time, waiting ones what they wait for. Text
// from the model or a tool (actions, errors) is shown with its control characters escaped.

import { visibleLines } from '../source/visible-text.ts';
import { estimateRemainingMs } from './estimate-remaining.ts';
import type { PlanningSection, PlanSection, ProgressModel, RowState, StepRow } from './fold-progress.ts';

export interface ProgressScreen {
  readonly groups: readonly ScreenGroup[];
  /** Elapsed times and the ETA change with the clock: redraw now and then. */
  readonly ticking: boolean;
}

type ScreenGroup = ScreenPlanning | ScreenPlan;

export interface ScreenPlanning {
  readonly kind: 'planning';
  readonly title: string;
  readonly state: 'running' | 'done' | 'failed';
  /** Why it failed: the first line of the run's error. */
  readonly error?: string;
}

export interface ScreenPlan {
  readonly kind: 'plan';
  readonly title: string;
  /** Its rows arrive one by one while the model writes the plan. */
  readonly streamed: boolean;
  /** Streamed, and rows may still join or are still to finish. */
  readonly growing: boolean;
  /** No row will change any more, finished or not. */
  readonly released: boolean;
  /** The run was interrupted while this plan ran. */
  readonly cancelled: boolean;
  readonly rows: readonly ScreenRow[];
}

export interface ScreenRow {
  readonly id: string;
  /** failed: the line with its time, under which the error is shown. */
  readonly title: string;
  readonly state: RowState;
  /** failed: the error; skipped: the line that replaces the title. */
  readonly message?: string;
}

export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** The screen the model stands for, times as of the model's clock. */
export function describeProgress(model: ProgressModel): ProgressScreen {
  const current = model.currentAt === undefined ? undefined : (model.sections[model.currentAt] as PlanSection);
  return {
    groups: model.sections.map((section) => (section.kind === 'planning' ? describePlanning(section) : describePlan(section, model.clock))),
    ticking: !model.finished && current !== undefined && !current.rejected,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function planningTitle({ planNumber, phase }: PlanningSection): string {
  switch (phase.kind) {
    case 'asking':
      return `Plan ${planNumber}: asking the model for a plan`;
    case 'replanning':
      return phase.after?.scope === 'tail'
        ? `Plan ${planNumber}: step ${phase.after.failedStepId} failed; asking the model to replace steps ${phase.after.replaced.join(', ')} (tail-only)`
        : `Plan ${planNumber}: step ${phase.after?.failedStepId ?? '?'} failed; asking the model for a new plan (${phase.after?.strategy ?? 'full'})`;
    case 'repairing':
      // Counted as planning.maxRepairs counts them: attempt 2 is repair 1.
      return `Plan ${planNumber}: asking the model to repair its plan (repair ${phase.attempt - 1})`;
    case 'rejected':
      return `Plan ${planNumber}: rejected with ${plural(phase.problems.length, 'problem')}`;
    case 'reading':
      return `Plan ${planNumber}: reading the plan as the model writes it`;
    case 'planned': {
      const what = `${phase.planned} ${phase.kept ? 'new ' : ''}step${phase.planned === 1 ? '' : 's'} planned${phase.kept ? `, ${phase.kept} kept` : ''}`;
      return `Plan ${planNumber}: ${what}${phase.repaired ? ` by repair ${phase.repaired}` : ''}${phase.tokens ? ` (${phase.tokens} tokens)` : ''}`;
    }
  }
}

/** How long a finished line took, as its suffix. */
function took(startedAt: number, endedAt: number | undefined): string {
  return endedAt === undefined ? '' : ` [${formatDuration(Math.max(0, endedAt - startedAt))}]`;
}

function describePlanning(section: PlanningSection): ScreenPlanning {
  // A streamed plan's line ends when its first step arrives, while the model still writes: no time to show.
  const title = `${planningTitle(section)}${section.phase.kind === 'reading' ? '' : took(section.startedAt, section.endedAt)}`;
  if (section.outcome === 'pending') return { kind: 'planning', title, state: 'running' };
  if (section.outcome === 'done') return { kind: 'planning', title, state: 'done' };
  if (section.outcome === 'rejected') {
    const problems = section.phase.kind === 'rejected' ? section.phase.problems : [];
    return { kind: 'planning', title, state: 'failed', error: visibleLines(listHeadline(problems[0] ?? 'rejected', problems.length - 1)) };
  }
  const { error, status } = section.outcome;
  return { kind: 'planning', title, state: 'failed', error: error !== undefined ? visibleLines(headlineOf(error)) : status };
}

/** A line and how many more there are, as one line. */
function listHeadline(first: string, more: number): string {
  return more > 0 ? `${first} (and ${plural(more, 'more problem')})` : first;
}

/**
 * The first line of an error for a line of the tree. An error that introduces a list ("…: " then
 * "  - item" lines) keeps its first item, so the line never ends on a colon.
 */
export function headlineOf(error: string): string {
  const [first = '', ...rest] = error.split('\n');
  if (!/:\s*$/.test(first)) return first;
  const items = rest.map((line) => line.replace(/^\s*(?:[-*]\s+)?/, '')).filter((line) => line.length > 0);
  if (items.length === 0) return first.replace(/:\s*$/, '');
  return `${first.trimEnd()} ${listHeadline(items[0]!, items.length - 1)}`;
}

function planTitle(plan: PlanSection, now: number): string {
  if (plan.rejected) {
    const { problems, ran } = plan.rejected;
    return `Plan ${plan.planNumber}: the complete plan was rejected with ${plural(problems, 'problem')}; ${ran.length ? `steps ${ran.join(', ')} had started` : 'no step had started'}`;
  }
  const count = (...states: RowState[]) => plan.rows.filter((row) => states.includes(row.state)).length;
  const done = count('succeeded');
  const running = count('running');
  const tolerated = plan.rows.filter((row) => row.tolerated).length;
  let title = plan.writing ? `Plan ${plan.planNumber}: ${done}/${plan.rows.length} steps so far done` : `Plan ${plan.planNumber}: ${done}/${plan.total} steps done`;
  if (tolerated > 0) title += ` · ${tolerated} failed (critical: false)`;
  if (!plan.writing && plan.rows.every((row) => row.state !== 'waiting' && row.state !== 'running')) return `${title}${took(plan.startedAt, lastEnd(plan))}`;
  // Once the run ended nothing runs any more, whatever a row last heard.
  if (plan.released) return title;
  if (running > 0) title += ` · ${running} running`;
  if (plan.writing) return `${title} · the model is still writing the plan`;
  const remaining = estimateRemainingMs(plan, now);
  return remaining === undefined ? title : `${title} · ETA ${formatDuration(remaining)}`;
}

/** When the plan's last step that ran ended, if any ran. */
function lastEnd(plan: PlanSection): number | undefined {
  const ends = plan.rows.filter((row) => row.startedAt !== undefined && row.durationMs !== undefined).map((row) => row.startedAt! + row.durationMs!);
  return ends.length ? Math.max(...ends) : undefined;
}

function describePlan(plan: PlanSection, now: number): ScreenPlan {
  const stateOf = new Map(plan.rows.map((row) => [row.step.id, row.state]));
  return {
    kind: 'plan',
    title: planTitle(plan, now),
    streamed: plan.streamed,
    growing: plan.growing,
    released: plan.released,
    cancelled: plan.interrupted,
    rows: plan.rows.map((row) => describeRow(row, stateOf, now)),
  };
}

function describeRow(row: StepRow, stateOf: ReadonlyMap<string, RowState>, now: number): ScreenRow {
  const worded = wordRow(row, stateOf, now);
  return { ...worded, title: visibleLines(worded.title), ...(worded.message !== undefined ? { message: visibleLines(worded.message) } : {}) };
}

function wordRow(row: StepRow, stateOf: ReadonlyMap<string, RowState>, now: number): ScreenRow {
  const { step } = row;
  const label = `${step.id}. ${step.action || step.tool} [${step.tool}]`;
  const base = { id: step.id, state: row.state };
  switch (row.state) {
    case 'waiting': {
      if (row.held) return { ...base, title: `${label} (waits for the whole plan: ${row.held})` };
      const pending = step.needs.filter((id) => stateOf.get(id) !== 'succeeded');
      return { ...base, title: pending.length ? `${label} (waiting for ${pending.join(', ')})` : `${label} (queued)` };
    }
    case 'running': {
      const elapsed = formatDuration(now - (row.startedAt ?? now));
      if (!row.retry) return { ...base, title: `${label} (${elapsed})` };
      // Retries counted as the tool declares them (retries.attempts); "in …" until the retry starts.
      const { retry, retries, at, delayMs, error } = row.retry;
      const cut = error.length > 60 ? `${error.slice(0, 60)}…` : error;
      const wait = at + delayMs - now;
      return { ...base, title: `${label} (${elapsed}, retry ${retry}/${retries}${wait > 0 ? ` in ${formatDuration(wait)}` : ''} after: ${cut})` };
    }
    case 'succeeded':
      return { ...base, title: row.carried ? `${label} (${row.carried})` : `${label} [${formatDuration(row.durationMs ?? 0)}]` };
    case 'cancelled':
      return { ...base, title: `${label} [${formatDuration(row.durationMs ?? 0)}] cancelled: ${row.reason ?? ''}` };
    case 'failed':
      // The line and the error under it: the time is the line's, once.
      return { ...base, title: `${label} [${formatDuration(row.durationMs ?? 0)}]${row.tolerated ? ' (critical: false; the run goes on)' : ''}`, message: row.reason ?? '' };
    case 'skipped':
      return { ...base, title: label, message: `${label} — ${row.reason ?? ''}` };
  }
}
