// What the terminal tree shows, as a pure fold over the run's events: a planning line per planning
// round, a group per plan with a row per step and its state. describe-progress words it; the listr2
// adapter (terminal-view.ts) draws it. No listr2, no terminal, no clock of its own: `at` is passed in.

import type { EventOf, PlannedStep, RunEvent, RunStatus } from '../events/run-events.ts';

export type RowState = 'waiting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

export interface StepRow {
  readonly step: Pick<PlannedStep, 'id' | 'action' | 'tool' | 'needs'>;
  readonly state: RowState;
  readonly startedAt?: number;
  readonly durationMs?: number;
  /** Set once an attempt failed for a transient reason: the retry (from 1) it waits for or runs, of `retries`, from `at`. */
  readonly retry?: { readonly retry: number; readonly retries: number; readonly at: number; readonly delayMs: number; readonly error: string };
  /** How it succeeded without running: kept from the previous plan, or reused from an identical call. */
  readonly carried?: 'kept' | 'reused';
  /** Why it may not start before the streamed plan is complete (a tool with side effects). */
  readonly held?: string;
  /** failed: the error; cancelled and skipped: the reason. */
  readonly reason?: string;
  /** failed, and the run goes on without it (critical: false). */
  readonly tolerated?: boolean;
}

/** Where a planning round is, which is what its line says. */
type PlanningPhase =
  | { readonly kind: 'asking' }
  | { readonly kind: 'replanning'; readonly after?: EventOf<'replan-started'> }
  | { readonly kind: 'repairing'; readonly attempt: number }
  | { readonly kind: 'rejected'; readonly problems: readonly string[] }
  | { readonly kind: 'reading' }
  | { readonly kind: 'planned'; readonly planned: number; readonly kept: number; readonly tokens: number; readonly repaired?: number };

export interface PlanningSection {
  readonly kind: 'planning';
  readonly planNumber: number;
  readonly phase: PlanningPhase;
  /** When the line opened and, once it has an outcome, when it got it: the time it shows. */
  readonly startedAt: number;
  readonly endedAt?: number;
  /** A rejected plan's line ends there; a repair asks on a line of its own. */
  readonly outcome: 'pending' | 'done' | 'rejected' | { readonly status: RunStatus; readonly error?: string };
}

export interface PlanSection {
  readonly kind: 'plan';
  readonly planNumber: number;
  readonly startedAt: number;
  /** Steps in the accepted plan; while a plan streams in, its rows so far count instead. */
  readonly total: number;
  readonly rows: readonly StepRow[];
  /** Read as the model writes it: the group opens with the first step and grows row by row. */
  readonly streamed: boolean;
  /** Streamed, and the model is still writing the plan. */
  readonly writing: boolean;
  /** Streamed, and rows may still join or are still to finish: the group stays open. */
  readonly growing: boolean;
  /** The streamed plan proved invalid once complete. */
  readonly rejected?: { readonly problems: number; readonly ran: readonly string[] };
  /** The run ended (or the streamed plan was rejected): rows that never finished are let go as they are. */
  readonly released: boolean;
  readonly interrupted: boolean;
}

type ProgressSection = PlanningSection | PlanSection;

export interface ProgressModel {
  readonly sections: readonly ProgressSection[];
  /** The planning line still waiting for its plan. */
  readonly planningAt?: number;
  /** The plan group whose rows step events update. */
  readonly currentAt?: number;
  /** The streamed plan group that is still growing. */
  readonly streamAt?: number;
  readonly lastReplan?: EventOf<'replan-started'>;
  readonly finished: boolean;
  /** The clock reading elapsed times and the ETA are shown as of: the last step change or tick. */
  readonly clock: number;
}

export const emptyProgress: ProgressModel = { sections: [], finished: false, clock: 0 };

/** The model with its times brought up to `at` (the view redraws running steps about once a second). */
export function tickProgress(model: ProgressModel, at: number): ProgressModel {
  return { ...model, clock: at };
}

const finalStates: ReadonlySet<RowState> = new Set(['succeeded', 'failed', 'cancelled', 'skipped']);

function isSettled(row: StepRow): boolean {
  return finalStates.has(row.state);
}

const waitingRow = (step: PlannedStep, held?: string): StepRow => ({ step, state: 'waiting', ...(held ? { held } : {}) });

/** The model after one event; `at` is the view's clock reading when the event arrived. */
export function foldProgress(model: ProgressModel, event: RunEvent, at: number): ProgressModel {
  switch (event.kind) {
    case 'replan-started':
      return { ...model, lastReplan: event };
    case 'plan-requested':
      if (event.attempt === 1) return openPlanning(model, event.planNumber, event.purpose === 'replan' ? { kind: 'replanning', ...(model.lastReplan ? { after: model.lastReplan } : {}) } : { kind: 'asking' }, at);
      return openPlanning(setPlanning(model, { outcome: 'done' }, at), event.planNumber, { kind: 'repairing', attempt: event.attempt }, at);
    case 'plan-rejected': {
      const streamed = streamOf(model);
      // The streamed plan proved invalid once complete: its group says so, and the repair gets a planning line of its own.
      if (event.streamed && streamed?.planNumber === event.planNumber) {
        return endStream(updateSection<PlanSection>(model, model.streamAt!, { rejected: { problems: event.problems.length, ran: event.ran ?? [] }, released: true }));
      }
      return setPlanning(model, { planNumber: event.planNumber, phase: { kind: 'rejected', problems: event.problems.map((problem) => problem.message) }, outcome: 'rejected' }, at);
    }
    case 'step-planned': {
      const opened =
        streamOf(model)?.planNumber === event.planNumber
          ? model
          : openPlan(setPlanning(model, { planNumber: event.planNumber, phase: { kind: 'reading' }, outcome: 'done' }, at), { planNumber: event.planNumber, rows: [], total: 0, streamed: true, writing: true, growing: true }, at);
      return tickProgress(updateSection<PlanSection>(opened, opened.streamAt!, (plan) => ({ rows: upsertRow(plan.rows, waitingRow(event.step, event.held)) })), at);
    }
    case 'plan-accepted':
      return tickProgress(event.streamed && streamOf(model)?.planNumber === event.planNumber ? acceptStream(model, event) : acceptPlan(model, event, at), at);
    case 'step-started':
      return updateRow(model, event.stepId, at, () => ({ state: 'running', startedAt: at }));
    case 'step-retrying':
      // maxAttempts is 1 + the tool's retries.attempts: the view counts retries, as the pipeline declares them.
      return updateRow(model, event.stepId, at, () => ({ retry: { retry: event.attempt, retries: event.maxAttempts - 1, at, delayMs: event.delayMs, error: event.error } }));
    case 'step-succeeded':
      return closeStreamWhenDone(updateRow(model, event.stepId, at, () => ({ state: 'succeeded', durationMs: event.durationMs, ...(event.reused ? { carried: 'reused' as const } : {}) })));
    case 'step-failed':
      return closeStreamWhenDone(updateRow(model, event.stepId, at, () => ({ state: 'failed', durationMs: event.durationMs, reason: event.error })));
    case 'step-cancelled':
      return closeStreamWhenDone(updateRow(model, event.stepId, at, () => ({ state: 'cancelled', durationMs: event.durationMs, reason: event.reason })));
    case 'step-skipped':
      return closeStreamWhenDone(updateRow(model, event.stepId, at, () => ({ state: 'skipped', reason: event.reason })));
    case 'run-finished': {
      const failed = setPlanning(model, { outcome: { status: event.status, ...(event.error !== undefined ? { error: event.error } : {}) } }, at);
      const current = currentOf(failed);
      const released = current ? updateSection(failed, failed.currentAt!, { released: true, interrupted: event.status === 'interrupted' && !current.rejected }) : failed;
      return { ...endStream(released), finished: true, clock: at };
    }
    case 'failure-tolerated':
      return updateRow(model, event.stepId, at, () => ({ tolerated: true }));
    case 'run-started':
    case 'run-resumed':
    case 'llm-called':
      return model;
    default: {
      // A new event kind is a type error here: decide what the tree shows for it.
      const unhandled: never = event;
      void unhandled;
      return model;
    }
  }
}

function currentOf(model: ProgressModel): PlanSection | undefined {
  return model.currentAt === undefined ? undefined : (model.sections[model.currentAt] as PlanSection);
}

function streamOf(model: ProgressModel): PlanSection | undefined {
  return model.streamAt === undefined ? undefined : (model.sections[model.streamAt] as PlanSection);
}

function updateSection<S extends ProgressSection>(model: ProgressModel, index: number, change: Partial<S> | ((section: S) => Partial<S>)): ProgressModel {
  const sections = [...model.sections];
  const section = sections[index] as S;
  sections[index] = { ...section, ...(typeof change === 'function' ? change(section) : change) };
  return { ...model, sections };
}

function openPlanning(model: ProgressModel, planNumber: number, phase: PlanningPhase, at: number): ProgressModel {
  const section: PlanningSection = { kind: 'planning', planNumber, phase, outcome: 'pending', startedAt: at };
  return { ...model, sections: [...model.sections, section], planningAt: model.sections.length };
}

/** Changes the pending planning line, if there is one; once it has an outcome it is no longer pending. */
function setPlanning(model: ProgressModel, change: Partial<Pick<PlanningSection, 'planNumber' | 'phase' | 'outcome'>>, at: number): ProgressModel {
  if (model.planningAt === undefined) return model;
  const changed = updateSection<PlanningSection>(model, model.planningAt, change.outcome === undefined ? change : { ...change, endedAt: at });
  if (change.outcome === undefined) return changed;
  const { planningAt: _done, ...rest } = changed;
  return rest;
}

function openPlan(model: ProgressModel, plan: Omit<PlanSection, 'kind' | 'startedAt' | 'released' | 'interrupted'>, at: number): ProgressModel {
  const section: PlanSection = { kind: 'plan', startedAt: at, released: false, interrupted: false, ...plan };
  const index = model.sections.length;
  return { ...model, sections: [...model.sections, section], currentAt: index, ...(plan.streamed ? { streamAt: index } : {}) };
}

function acceptPlan(model: ProgressModel, event: EventOf<'plan-accepted'>, at: number): ProgressModel {
  const kept = new Set(event.kept ?? []);
  const tokens = (event.promptTokens ?? 0) + (event.completionTokens ?? 0);
  const keptCount = event.kept?.length ?? 0;
  // A plan that came from a repair says so: its line follows the rejected ones.
  const asked = model.planningAt === undefined ? undefined : (model.sections[model.planningAt] as PlanningSection).phase;
  const repaired = asked?.kind === 'repairing' ? { repaired: asked.attempt - 1 } : {};
  const planned = setPlanning(model, { planNumber: event.planNumber, phase: { kind: 'planned', planned: event.steps.length - keptCount, kept: keptCount, tokens, ...repaired }, outcome: 'done' }, at);
  const rows = event.steps.map((step): StepRow => (kept.has(step.id) ? { step, state: 'succeeded', carried: 'kept' } : waitingRow(step)));
  return openPlan(planned, { planNumber: event.planNumber, rows, total: rows.length, streamed: false, writing: false, growing: false }, at);
}

/** The streamed plan is complete: the rest of its steps join the group, which now counts the whole plan. */
function acceptStream(model: ProgressModel, event: EventOf<'plan-accepted'>): ProgressModel {
  const accepted = updateSection<PlanSection>(model, model.streamAt!, (plan) => {
    const known = new Set(plan.rows.map((row) => row.step.id));
    const rows = [...plan.rows, ...event.steps.filter((step) => !known.has(step.id)).map((step) => waitingRow(step))];
    return { rows: rows.map(({ held: _held, ...row }) => row), total: event.steps.length, writing: false };
  });
  return closeStreamWhenDone(accepted);
}

function endStream(model: ProgressModel): ProgressModel {
  if (model.streamAt === undefined) return model;
  const { streamAt: _ended, ...rest } = updateSection<PlanSection>(model, model.streamAt, { growing: false });
  return rest;
}

function closeStreamWhenDone(model: ProgressModel): ProgressModel {
  const streamed = streamOf(model);
  return streamed && !streamed.writing && (currentOf(model)?.rows ?? []).every(isSettled) ? endStream(model) : model;
}

function upsertRow(rows: readonly StepRow[], row: StepRow): StepRow[] {
  const index = rows.findIndex((existing) => existing.step.id === row.step.id);
  return index < 0 ? [...rows, row] : rows.map((existing, at) => (at === index ? row : existing));
}

/** Step events change the current plan's row for that step id (and bring times up to date); events for steps it has not are ignored. */
function updateRow(model: ProgressModel, stepId: string, at: number, change: (row: StepRow) => Partial<StepRow>): ProgressModel {
  const current = currentOf(model);
  if (!current?.rows.some((row) => row.step.id === stepId)) return model;
  const changed = updateSection<PlanSection>(model, model.currentAt!, {
    rows: current.rows.map((row) => (row.step.id === stepId ? { ...row, ...change(row) } : row)),
  });
  return tickProgress(changed, at);
}
