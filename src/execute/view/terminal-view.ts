// Progress in a terminal: a listr2 tree driven by the run's events. Each planning round and each plan
// is a group; one line per step with its state and elapsed time; steps that wait show what they wait for.

import { Listr, PRESET_TIMER, ProcessOutput, type ListrTaskWrapper } from 'listr2';
import type { EventOf, RunEvent } from '../../run/events.ts';

type TaskWrapper = ListrTaskWrapper<unknown, any, any>;

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

interface StepLine {
  readonly id: string;
  readonly label: string;
  readonly needs: readonly string[];
  state: 'waiting' | 'running' | 'succeeded' | 'failed' | 'skipped';
  task?: TaskWrapper;
  skipReason?: string;
  readonly done: Deferred;
}

export interface TerminalView {
  readonly onEvent: (event: RunEvent) => void;
  /** Resolves once the last frame is drawn. */
  readonly finished: () => Promise<void>;
}

export function createTerminalView(stream: NodeJS.WriteStream): TerminalView {
  const processOutput = new ProcessOutput(stream, stream, { dump: [], leaveEmptyLine: false });
  const listrOptions = {
    concurrent: true,
    exitOnError: false,
    registerSignalListeners: false,
    rendererOptions: { processOutput, collapseSubtasks: false, collapseErrors: false, timer: PRESET_TIMER },
  } as const;

  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    chain = chain.then(work).catch(() => undefined);
  };

  let planning: { done: Deferred; task?: TaskWrapper; title: string } | undefined;
  let steps = new Map<string, StepLine>();
  let group: { task?: TaskWrapper; planNumber: number; total: number } | undefined;

  const setPlanningTitle = (title: string) => {
    if (!planning) return;
    planning.title = title;
    if (planning.task) planning.task.title = title;
  };

  const refreshGroup = () => {
    if (!group?.task) return;
    const done = [...steps.values()].filter((s) => s.state === 'succeeded').length;
    group.task.title = `Plan ${group.planNumber}: ${done}/${group.total} steps done`;
  };

  const stepTitle = (line: StepLine) => {
    if (line.state !== 'waiting' || line.needs.length === 0) return line.label;
    const pending = line.needs.filter((id) => steps.get(id)?.state !== 'succeeded');
    return pending.length ? `${line.label} (waiting for ${pending.join(', ')})` : line.label;
  };

  const refreshSteps = () => {
    for (const line of steps.values()) if (line.task && line.state === 'waiting') line.task.title = stepTitle(line);
    refreshGroup();
  };

  const startPlanning = (event: EventOf<'plan-requested'>) => {
    const title = event.purpose === 'replan' ? `Plan ${event.planNumber}: asking the model for a new plan` : `Plan ${event.planNumber}: asking the model for a plan`;
    const current = { done: deferred(), title } as NonNullable<typeof planning>;
    planning = current;
    enqueue(() =>
      new Listr(
        [
          {
            title,
            task: (_ctx: unknown, task: TaskWrapper) => {
              current.task = task;
              task.title = current.title;
              return current.done.promise;
            },
          },
        ],
        listrOptions,
      ).run(),
    );
  };

  const startPlan = (event: EventOf<'plan-accepted'>) => {
    planning?.done.resolve();
    planning = undefined;
    steps = new Map(
      event.steps.map((step) => [
        step.id,
        { id: step.id, label: `${step.id}. ${step.action || step.tool} [${step.tool}]`, needs: step.needs, state: 'waiting', done: deferred() } satisfies StepLine,
      ]),
    );
    const lines = [...steps.values()];
    const current = { planNumber: event.planNumber, total: lines.length } as NonNullable<typeof group>;
    group = current;
    enqueue(() =>
      new Listr(
        [
          {
            title: `Plan ${event.planNumber}: 0/${lines.length} steps done`,
            task: (_ctx: unknown, task: TaskWrapper) => {
              current.task = task;
              return task.newListr(
                lines.map((line) => ({
                  title: stepTitle(line),
                  task: (_c: unknown, stepTask: TaskWrapper) => {
                    line.task = stepTask;
                    stepTask.title = stepTitle(line);
                    if (line.state === 'skipped') stepTask.skip(line.skipReason);
                    return line.done.promise;
                  },
                })),
                listrOptions,
              );
            },
          },
        ],
        listrOptions,
      ).run(),
    );
  };

  const onEvent = (event: RunEvent) => {
    switch (event.kind) {
      case 'plan-requested':
        if (event.attempt === 1) startPlanning(event);
        else setPlanningTitle(`Plan ${event.planNumber}: asking the model to repair its plan (attempt ${event.attempt})`);
        return;
      case 'plan-rejected':
        setPlanningTitle(`Plan ${event.planNumber}: rejected with ${event.problems.length} problem${event.problems.length === 1 ? '' : 's'}`);
        return;
      case 'plan-accepted':
        startPlan(event);
        return;
      case 'step-started': {
        const line = steps.get(event.stepId);
        if (!line) return;
        line.state = 'running';
        if (line.task) line.task.title = line.label;
        return;
      }
      case 'step-succeeded': {
        const line = steps.get(event.stepId);
        if (!line) return;
        line.state = 'succeeded';
        line.done.resolve();
        refreshSteps();
        return;
      }
      case 'step-failed': {
        const line = steps.get(event.stepId);
        if (!line) return;
        line.state = 'failed';
        line.done.reject(new Error(`${line.label}: ${event.error}`));
        return;
      }
      case 'step-skipped': {
        const line = steps.get(event.stepId);
        if (!line) return;
        line.state = 'skipped';
        line.skipReason = `${line.label} — ${event.reason}`;
        line.task?.skip(line.skipReason);
        line.done.resolve();
        return;
      }
      case 'run-finished':
        if (planning) {
          planning.done.reject(new Error(event.error?.split('\n')[0] ?? event.status));
          planning = undefined;
        }
        for (const line of steps.values()) line.done.resolve();
        return;
      default:
        return;
    }
  };

  return { onEvent, finished: () => chain.then(() => undefined) };
}
