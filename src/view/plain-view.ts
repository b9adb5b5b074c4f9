// Progress for logs and CI: one plain line per state change, timestamped, no ANSI codes (nor any
// control character from model or tool text: those are shown escaped).

import type { RunEvent, UsageTotals } from '../events/run-events.ts';
import { visibleLines } from '../source/visible-text.ts';

type Write = (line: string) => void;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function describeEvent(event: RunEvent): string | undefined {
  switch (event.kind) {
    case 'run-started':
      return `run started: ${event.pipeline} (${event.file})`;
    case 'plan-requested':
      return event.purpose === 'repair'
        ? `plan ${event.planNumber}: asking the model to repair its plan (repair ${event.attempt - 1})`
        : `plan ${event.planNumber}: asking the model for a ${event.purpose === 'replan' ? 'new ' : ''}plan`;
    case 'run-resumed':
    case 'llm-called':
      return undefined;
    case 'plan-rejected':
      return [
        `plan ${event.planNumber}: rejected (${event.problems.length} problem${event.problems.length === 1 ? '' : 's'})`,
        ...event.problems.map((p) => `  - ${p.message}`),
        ...(event.streamed ? [`  steps that started before the whole plan was checked: ${event.ran?.length ? event.ran.join(', ') : 'none'}`] : []),
      ].join('\n');
    case 'step-planned': {
      const step = event.step;
      return `plan ${event.planNumber}: step ${step.id} streamed in: ${step.tool}${step.action ? `: ${step.action}` : ''}${step.needs.length ? ` (after ${step.needs.join(', ')})` : ''}${event.held ? ` (waits for the whole plan: ${event.held})` : ''}`;
    }
    case 'plan-accepted':
      return [
        `plan ${event.planNumber}: ${event.steps.length} step${event.steps.length === 1 ? '' : 's'}, critical path ${event.criticalPathLength}${event.streamed ? ' (complete; read as it streamed)' : ''}`,
        ...event.steps.map((s) => `  ${s.id}. ${s.tool}${s.action ? `: ${s.action}` : ''}${s.needs.length ? ` (after ${s.needs.join(', ')})` : ''}${event.kept?.includes(s.id) ? ' (kept)' : ''}`),
      ].join('\n');
    case 'step-started':
      return `step ${event.stepId} started: ${event.tool}${event.action ? ` — ${event.action}` : ''}`;
    case 'step-succeeded':
      if (event.reused) return `step ${event.stepId} reused the output of an identical call from an earlier plan`;
      return `step ${event.stepId} succeeded in ${seconds(event.durationMs)}${event.worker ? ` on ${event.worker}` : ''}${event.note ? ` (${event.note})` : ''}`;
    case 'step-failed':
      return `step ${event.stepId} failed after ${seconds(event.durationMs)}${event.worker ? ` on ${event.worker}` : ''}: ${event.error}`;
    case 'step-retrying':
      // Retries counted as the tool declares them: retries.attempts is maxAttempts - 1.
      return `step ${event.stepId} attempt ${event.attempt} failed: ${event.error}; retry ${event.attempt} of ${event.maxAttempts - 1} in ${seconds(event.delayMs)}`;
    case 'step-cancelled':
      return `step ${event.stepId} cancelled after ${seconds(event.durationMs)}: ${event.reason}`;
    case 'step-skipped':
      return `step ${event.stepId} ${event.reason}`;
    case 'replan-started':
      switch (event.scope) {
        case 'retry':
          return `step ${event.failedStepId} failed; retrying it (${event.strategy}${event.fixArgs ? ', asking for corrected arguments' : ''})`;
        case 'tail':
          return `replanning (${event.strategy}, ${event.replanNumber}) after step ${event.failedStepId} failed: keeping ${event.kept.join(', ') || 'nothing'}, replacing ${event.replaced.join(', ')}`;
        case 'full':
          return `replanning (${event.strategy}, ${event.replanNumber}) after step ${event.failedStepId} failed`;
      }
      break;
    case 'failure-tolerated':
      return `step ${event.stepId} failed but the run goes on: ${event.reason}`;
    case 'run-finished':
      return `run ${event.status}: ${formatUsage(event.usage)}`;
    default: {
      // A new event kind is a type error here: word it, or leave it out of the log with the kinds above.
      const unhandled: never = event;
      void unhandled;
      return undefined;
    }
  }
}

/** Each of an event's lines, timestamped, as a write of its own (plainViewText's lines, without their newlines). */
export function createPlainView(write: Write): (event: RunEvent) => void {
  return (event) => {
    const text = describeEvent(event);
    if (text === undefined) return;
    const time = event.time.slice(11, 23);
    for (const line of visibleLines(text).split('\n')) write(`${time} ${line}`);
  };
}

/** An event's lines as one text, each timestamped and ended by a newline (one write for a plan of many steps). */
export function plainViewText(event: RunEvent): string | undefined {
  const text = describeEvent(event);
  if (text === undefined) return undefined;
  const time = event.time.slice(11, 23);
  return `${time} ${visibleLines(text).replaceAll('\n', `\n${time} `)}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What a run spent, in one line: the same wording in the plain log and after the terminal tree. */
export function formatUsage(u: UsageTotals): string {
  const reused = u.reusedSteps ? `, ${plural(u.reusedSteps, 'reused step')}` : '';
  return `${plural(u.llmCalls, 'model call')}, ${u.promptTokens} prompt + ${u.completionTokens} completion tokens, ${plural(u.stepRuns, 'step run')}, ${plural(u.replans, 'replan')}${reused}`;
}
