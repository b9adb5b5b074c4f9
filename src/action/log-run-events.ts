// The job log of a run: one collapsible group per plan and per replan, a line per state change
// (worded as in the CLI's plain log), and a warning annotation on each failed step.

import type * as Core from '@actions/core';
import { describeEvent } from '../view/plain-view.ts';
import type { SourcePosition } from '../source/diagnostic.ts';
import { visibleLines, visibleText } from '../source/visible-text.ts';
import type { EventSink, RunEvent } from '../events/run-events.ts';
import { stepFailureAnnotation, type Annotation, type AnnotationPaths } from '../report/github-annotations.ts';

type ActionLog = Pick<typeof Core, 'info' | 'startGroup' | 'endGroup' | 'error' | 'warning' | 'notice'>;

/** Writes an annotation with the runner's file/line/column properties (core escapes its line breaks). */
export function annotate(log: ActionLog, annotation: Annotation): void {
  const properties = {
    ...(annotation.title ? { title: visibleText(annotation.title) } : {}),
    ...(annotation.file ? { file: annotation.file } : {}),
    ...(annotation.line ? { startLine: annotation.line } : {}),
    ...(annotation.col ? { startColumn: annotation.col } : {}),
  };
  log[annotation.level](visibleLines(annotation.message), properties);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The collapsible group an event opens in the job log, if it opens one. */
function groupTitle(event: RunEvent): string | undefined {
  switch (event.kind) {
    case 'plan-accepted': {
      const kept = event.kept?.length ? `, ${event.kept.length} kept` : '';
      return `Plan ${event.planNumber}: ${plural(event.steps.length, 'step')}${kept}`;
    }
    case 'replan-started':
      if (event.scope === 'retry') return `Retry ${event.replanNumber}: step ${event.failedStepId} again (${event.strategy})`;
      return `Replan ${event.replanNumber}: ${event.strategy} after step ${event.failedStepId} failed`;
    case 'run-started':
    case 'run-resumed':
    case 'plan-requested':
    case 'llm-called':
    case 'plan-rejected':
    case 'step-planned':
    case 'step-started':
    case 'step-retrying':
    case 'step-succeeded':
    case 'step-failed':
    case 'step-cancelled':
    case 'step-skipped':
    case 'failure-tolerated':
    case 'run-finished':
      return undefined;
    default: {
      // A new event kind is a type error here: decide whether it opens a group.
      const unhandled: never = event;
      void unhandled;
      return undefined;
    }
  }
}

/** An event sink writing the log; `toolSource` finds where a tool is declared, for annotations. */
export function createActionLog(log: ActionLog, paths: AnnotationPaths, toolSource: (tool: string) => SourcePosition | undefined): EventSink {
  let open = false;
  const toolOf = new Map<string, string>();
  return (event) => {
    const title = groupTitle(event);
    if ((title !== undefined || event.kind === 'run-finished') && open) {
      log.endGroup();
      open = false;
    }
    if (title !== undefined) {
      log.startGroup(title);
      open = true;
    }
    if (event.kind === 'plan-accepted') for (const step of event.steps) toolOf.set(`${event.planNumber}/${step.id}`, step.tool);
    const text = describeEvent(event);
    if (text !== undefined) for (const line of actionLogLines(text)) log.info(line);
    if (event.kind === 'step-failed') {
      const tool = toolOf.get(`${event.planNumber}/${event.stepId}`);
      annotate(log, stepFailureAnnotation(event, tool, tool ? toolSource(tool) : undefined, paths));
    }
  };
}

/**
 * Text as job log lines the runner reads as text, never as workflow commands. The runner starts a new
 * line at `\n`, `\r\n` and a lone `\r` too, then runs a line as a command when it starts with `::` once
 * trimmed (`::add-mask::`, `::error …::`, `::stop-commands::`), or holds the legacy `##[command]` form
 * anywhere. So: lines break only at `\n`; `\r` and every other control character or separator (NEL,
 * U+2028, U+2029) is shown escaped; a zero-width space goes before a leading `::` and into each `##[`.
 */
export function actionLogLines(text: string): string[] {
  return visibleLines(text).split('\n').map(inertLine);
}

function inertLine(line: string): string {
  const legacyFree = line.includes('##[') ? line.replaceAll('##[', '##\u200b[') : line;
  return /^[\s\u180e]*::/.test(legacyFree) ? `\u200b${legacyFree}` : legacyFree;
}
