// Progress in a terminal: a listr2 tree on stderr driven by the run's events. Each planning round and
// each plan is a group whose header counts done/total steps and, once a few steps finished, an ETA;
// one line per step with its state and elapsed time; steps that wait on others show as waiting.

import { DefaultRenderer, Listr, ListrLogger, ListrTaskState, PRESET_TIMER, ProcessOutput, type ListrTaskObject, type ListrTaskWrapper } from 'listr2';
import type { EventOf, RunEvent } from '../events/run-events.ts';

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

type StepState = 'waiting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

interface StepLine {
  readonly id: string;
  readonly label: string;
  readonly needs: readonly string[];
  state: StepState;
  task?: TaskWrapper;
  startedAt?: number;
  durationMs?: number;
  /** Set while the step waits to retry a transient failure. */
  retry?: string;
  /** How it succeeded without running: kept from the previous plan, or reused from an identical call. */
  carried?: 'kept' | 'reused';
  skipReason?: string;
  /** Added while the plan streamed, after its group began: listr never runs it, so its state is set from here. */
  late?: boolean;
  /** Why it may not start before the streamed plan is complete (a tool with side effects). */
  held?: string;
  readonly done: Deferred;
}

export interface TerminalView {
  readonly onEvent: (event: RunEvent) => void;
  /** Resolves once the last frame is drawn. */
  readonly finished: () => Promise<void>;
}

export interface TerminalViewOptions {
  /** Clock for elapsed times and the ETA; Date.now by default. */
  readonly now?: () => number;
  /** How often running steps' elapsed times and the ETA are redrawn; default 1 s. */
  readonly tickMs?: number;
}

/** How many steps must have finished before an ETA is worth showing. */
const ETA_AFTER_STEPS = 3;

/** listr2 draws only when process.stdout is a TTY; our tree goes to stderr, which is what counts. */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;
}

export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export function createTerminalView(stream: NodeJS.WriteStream, options: TerminalViewOptions = {}): TerminalView {
  const now = options.now ?? Date.now;
  // Both channels go to `stream`; what others write to it while the tree is drawn is shown after.
  const processOutput = new ProcessOutput(stream, stream, { dump: ['stderr'], leaveEmptyLine: false });
  const logger = new ListrLogger({ useIcons: true, processOutput });
  const listrOptions = {
    concurrent: true,
    exitOnError: false,
    registerSignalListeners: false,
    renderer: StderrRenderer,
    rendererOptions: { logger, collapseSubtasks: false, collapseErrors: false, timer: PRESET_TIMER },
  } as const;
  // Step lines carry their own times: listr's timer would count the time a step waited.
  const stepListrOptions = { ...listrOptions, rendererOptions: { ...listrOptions.rendererOptions, timer: undefined } } as const;

  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<unknown>) => {
    chain = chain.then(work).catch(() => undefined);
  };

  let planning: { done: Deferred; task?: TaskWrapper; title: string } | undefined;
  let steps = new Map<string, StepLine>();
  let group: { task?: TaskWrapper; planNumber: number; total: number; startedAt: number; streaming?: boolean; finalTitle?: string } | undefined;
  // A plan read as the model writes it: its group opens with the first step and grows line by line.
  let streamed: { planNumber: number; group: NonNullable<typeof group>; sub?: Listr<unknown, any, any>; queued: StepLine[]; keeper: Deferred; accepted: boolean } | undefined;
  let ticker: NodeJS.Timeout | undefined;

  let lastReplan: EventOf<'replan-started'> | undefined;
  const setPlanningTitle = (title: string) => {
    if (!planning) return;
    planning.title = title;
    if (planning.task) planning.task.title = title;
  };

  const groupTitle = (): string => {
    if (!group) return '';
    const lines = [...steps.values()];
    const done = lines.filter((s) => s.state === 'succeeded').length;
    const running = lines.filter((s) => s.state === 'running').length;
    const finished = lines.filter((s) => s.state !== 'waiting' && s.state !== 'running').length;
    let title = group.streaming ? `Plan ${group.planNumber}: ${done}/${lines.length} steps so far done` : `Plan ${group.planNumber}: ${done}/${group.total} steps done`;
    if (running > 0) title += ` · ${running} running`;
    const left = lines.filter((s) => s.state === 'waiting' || s.state === 'running').length;
    if (group.streaming) title += ' · the model is still writing the plan';
    else if (done >= ETA_AFTER_STEPS && left > 0) {
      // Throughput so far, which already reflects how many steps run side by side.
      const elapsed = now() - group.startedAt;
      title += ` · ETA ${formatDuration((elapsed / finished) * left)}`;
    }
    return title;
  };

  const stepTitle = (line: StepLine): string => {
    switch (line.state) {
      case 'waiting': {
        if (line.held) return `${line.label} (waits for the whole plan: ${line.held})`;
        const pending = line.needs.filter((id) => steps.get(id)?.state !== 'succeeded');
        return pending.length ? `${line.label} (waiting for ${pending.join(', ')})` : `${line.label} (queued)`;
      }
      case 'running': {
        const elapsed = formatDuration(now() - (line.startedAt ?? now()));
        return line.retry ? `${line.label} (${elapsed}, ${line.retry})` : `${line.label} (${elapsed})`;
      }
      case 'succeeded':
        return line.carried ? `${line.label} (${line.carried})` : `${line.label} [${formatDuration(line.durationMs ?? 0)}]`;
      case 'cancelled':
        return `${line.label} [${formatDuration(line.durationMs ?? 0)}] cancelled: ${line.skipReason ?? ''}`;
      default:
        return line.label;
    }
  };

  const refresh = () => {
    for (const line of steps.values()) if (line.task && (line.state === 'waiting' || line.state === 'running')) line.task.title = stepTitle(line);
    if (group?.task) group.task.title = groupTitle();
  };

  const stopTicker = () => {
    if (ticker) clearInterval(ticker);
    ticker = undefined;
  };

  /** A plan's group in the tree: its header line, refreshed every tick, over the lines `subtasks` makes. */
  const openGroup = (current: NonNullable<typeof group>, subtasks: (task: TaskWrapper) => ReturnType<TaskWrapper['newListr']>) => {
    group = current;
    stopTicker();
    ticker = setInterval(refresh, options.tickMs ?? 1000);
    ticker.unref();
    enqueue(() =>
      new Listr(
        [
          {
            title: groupTitle(),
            task: (_ctx: unknown, task: TaskWrapper) => {
              current.task = task;
              task.title = current.finalTitle ?? groupTitle();
              return subtasks(task);
            },
          },
        ],
        listrOptions,
      ).run(),
    );
  };

  const startPlanning = (event: EventOf<'plan-requested'>) => {
    const title =
      event.purpose !== 'replan'
        ? `Plan ${event.planNumber}: asking the model for a plan`
        : lastReplan?.scope === 'tail'
          ? `Plan ${event.planNumber}: step ${lastReplan.failedStepId} failed; asking the model to replace steps ${lastReplan.replaced.join(', ')} (tail-only)`
          : `Plan ${event.planNumber}: step ${lastReplan?.failedStepId ?? '?'} failed; asking the model for a new plan (${lastReplan?.strategy ?? 'full'})`;
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

  const lineTask = (line: StepLine) => ({
    title: stepTitle(line),
    task: (_c: unknown, stepTask: TaskWrapper) => {
      line.task = stepTask;
      stepTask.title = stepTitle(line);
      // listr starts every line at once; a step that has not started shows as waiting.
      if (line.state === 'waiting') stepTask.task.state$ = ListrTaskState.WAITING;
      if (line.state === 'running') stepTask.task.state$ = ListrTaskState.STARTED;
      if (line.state === 'cancelled') stepTask.task.state$ = ListrTaskState.CANCELLED;
      if (line.state === 'skipped') stepTask.skip(line.skipReason);
      return line.done.promise;
    },
  });

  /** A line for a step that streamed in: part of the group's first listr if it has not started yet, else added to it. */
  const addStreamedLine = (line: StepLine) => {
    steps.set(line.id, line);
    if (!streamed?.sub) return void streamed?.queued.push(line);
    streamed.sub.add(lineTask(line));
    const item = streamed.sub.tasks.at(-1)!;
    void item.check({});
    line.late = true;
    line.task = wrapperOf(item);
    showLate(line);
  };

  const showLate = (line: StepLine) => {
    if (!line.late || !line.task) return;
    line.task.title = stepTitle(line);
    const state = { waiting: ListrTaskState.WAITING, running: ListrTaskState.STARTED, succeeded: ListrTaskState.COMPLETED, failed: ListrTaskState.FAILED, cancelled: ListrTaskState.CANCELLED, skipped: ListrTaskState.SKIPPED }[line.state];
    if (line.state === 'skipped') line.task.skip(line.skipReason);
    else line.task.task.state$ = state;
  };

  const startStream = (event: EventOf<'step-planned'>) => {
    if (planning) {
      setPlanningTitle(`Plan ${event.planNumber}: reading the plan as the model writes it`);
      planning.done.resolve();
    }
    planning = undefined;
    steps = new Map();
    const current = { planNumber: event.planNumber, total: 0, startedAt: now(), streaming: true } as NonNullable<typeof group>;
    const opened = { planNumber: event.planNumber, group: current, queued: [], keeper: deferred(), accepted: false } as NonNullable<typeof streamed>;
    streamed = opened;
    openGroup(current, (task) => {
      // A hidden first task keeps the group open while lines are still being added.
      const sub = task.newListr([{ task: () => opened.keeper.promise }, ...opened.queued.map(lineTask)], stepListrOptions);
      opened.queued = [];
      opened.sub = sub;
      return sub;
    });
  };

  /** The streamed plan is complete: the rest of its steps join the group, which now counts the whole plan. */
  const acceptStream = (event: EventOf<'plan-accepted'>) => {
    for (const step of event.steps) {
      if (!steps.has(step.id)) addStreamedLine({ id: step.id, label: `${step.id}. ${step.action || step.tool} [${step.tool}]`, needs: step.needs, state: 'waiting', done: deferred() });
    }
    for (const line of steps.values()) delete line.held;
    if (group) {
      group.streaming = false;
      group.total = event.steps.length;
    }
    if (streamed) streamed.accepted = true;
    refresh();
    closeStreamWhenDone();
  };

  const closeStream = () => {
    streamed?.keeper.resolve();
    streamed = undefined;
  };

  const closeStreamWhenDone = () => {
    if (streamed?.accepted && [...steps.values()].every((line) => line.state !== 'waiting' && line.state !== 'running')) closeStream();
  };

  const startPlan = (event: EventOf<'plan-accepted'>) => {
    if (planning) {
      const tokens = (event.promptTokens ?? 0) + (event.completionTokens ?? 0);
      const kept = event.kept?.length ?? 0;
      const planned = event.steps.length - kept;
      const what = `${planned} ${kept ? 'new ' : ''}step${planned === 1 ? '' : 's'} planned${kept ? `, ${kept} kept` : ''}`;
      setPlanningTitle(`Plan ${event.planNumber}: ${what}${tokens ? ` (${tokens} tokens)` : ''}`);
      planning.done.resolve();
    }
    planning = undefined;
    const kept = new Set(event.kept ?? []);
    steps = new Map(
      event.steps.map((step) => {
        const label = `${step.id}. ${step.action || step.tool} [${step.tool}]`;
        const line: StepLine = kept.has(step.id)
          ? { id: step.id, label, needs: step.needs, state: 'succeeded', carried: 'kept', done: deferred() }
          : { id: step.id, label, needs: step.needs, state: 'waiting', done: deferred() };
        if (kept.has(step.id)) line.done.resolve();
        return [step.id, line];
      }),
    );
    const lines = [...steps.values()];
    const current = { planNumber: event.planNumber, total: lines.length, startedAt: now() } as NonNullable<typeof group>;
    openGroup(current, (task) => task.newListr(lines.map(lineTask), stepListrOptions));
  };

  const lineFor = (event: { readonly stepId: string }): StepLine | undefined => steps.get(event.stepId);

  const onEvent = (event: RunEvent) => {
    switch (event.kind) {
      case 'replan-started':
        lastReplan = event;
        return;
      case 'plan-requested':
        if (event.attempt === 1) startPlanning(event);
        else setPlanningTitle(`Plan ${event.planNumber}: asking the model to repair its plan (attempt ${event.attempt})`);
        return;
      case 'plan-rejected':
        if (event.streamed && streamed?.planNumber === event.planNumber) {
          // The streamed plan proved invalid once complete: close its group and show the repair as a new planning line.
          const rejectedGroup = streamed.group;
          rejectedGroup.finalTitle = `Plan ${event.planNumber}: the complete plan was rejected with ${event.problems.length} problem${event.problems.length === 1 ? '' : 's'}; ${event.ran?.length ? `steps ${event.ran.join(', ')} had started` : 'no step had started'}`;
          if (rejectedGroup.task) rejectedGroup.task.title = rejectedGroup.finalTitle;
          stopTicker();
          for (const line of steps.values()) line.done.resolve();
          closeStream();
          group = undefined;
          startPlanning({ kind: 'plan-requested', planNumber: event.planNumber, attempt: 1, purpose: 'plan', time: event.time });
        }
        setPlanningTitle(`Plan ${event.planNumber}: rejected with ${event.problems.length} problem${event.problems.length === 1 ? '' : 's'}`);
        return;
      case 'step-planned':
        if (streamed?.planNumber !== event.planNumber) startStream(event);
        addStreamedLine({ id: event.step.id, label: `${event.step.id}. ${event.step.action || event.step.tool} [${event.step.tool}]`, needs: event.step.needs, state: 'waiting', ...(event.held ? { held: event.held } : {}), done: deferred() });
        refresh();
        return;
      case 'plan-accepted':
        if (event.streamed && streamed?.planNumber === event.planNumber) acceptStream(event);
        else startPlan(event);
        return;
      case 'step-started': {
        const line = lineFor(event);
        if (!line) return;
        line.state = 'running';
        line.startedAt = now();
        if (line.task) line.task.task.state$ = ListrTaskState.STARTED;
        showLate(line);
        refresh();
        return;
      }
      case 'step-retrying': {
        const line = lineFor(event);
        if (!line) return;
        const error = event.error.length > 60 ? `${event.error.slice(0, 60)}…` : event.error;
        line.retry = `attempt ${event.attempt + 1}/${event.maxAttempts} in ${formatDuration(event.delayMs)} after: ${error}`;
        refresh();
        return;
      }
      case 'step-succeeded': {
        const line = lineFor(event);
        if (!line) return;
        line.state = 'succeeded';
        line.durationMs = event.durationMs;
        if (event.reused) line.carried = 'reused';
        if (line.task) line.task.title = stepTitle(line);
        showLate(line);
        line.done.resolve();
        refresh();
        closeStreamWhenDone();
        return;
      }
      case 'step-failed': {
        const line = lineFor(event);
        if (!line) return;
        line.state = 'failed';
        line.durationMs = event.durationMs;
        line.done.reject(new Error(`${line.label} [${formatDuration(event.durationMs)}]: ${event.error}`));
        if (line.late && line.task) {
          showLate(line);
          line.task.title = `${line.label} [${formatDuration(event.durationMs)}]: ${event.error}`;
        }
        refresh();
        closeStreamWhenDone();
        return;
      }
      case 'step-cancelled': {
        const line = lineFor(event);
        if (!line) return;
        line.state = 'cancelled';
        line.durationMs = event.durationMs;
        line.skipReason = event.reason;
        if (line.task) {
          line.task.title = stepTitle(line);
          line.task.task.state$ = ListrTaskState.CANCELLED;
        }
        line.done.resolve();
        refresh();
        closeStreamWhenDone();
        return;
      }
      case 'step-skipped': {
        const line = lineFor(event);
        if (!line) return;
        line.state = 'skipped';
        line.skipReason = `${line.label} — ${event.reason}`;
        line.task?.skip(line.skipReason);
        line.done.resolve();
        refresh();
        closeStreamWhenDone();
        return;
      }
      case 'run-finished':
        stopTicker();
        if (planning) {
          planning.done.reject(new Error(event.error?.split('\n')[0] ?? event.status));
          planning = undefined;
        }
        refresh();
        if (event.status === 'interrupted' && group?.task) group.task.task.state$ = ListrTaskState.CANCELLED;
        for (const line of steps.values()) line.done.resolve();
        closeStream();
        return;
      default:
        return;
    }
  };

  return { onEvent, finished: () => chain.then(() => undefined) };
}

/** The few parts of a listr task wrapper this view uses, for a task listr does not run itself. */
function wrapperOf(item: ListrTaskObject<any, any, any>): TaskWrapper {
  const wrapper = {
    task: item,
    set title(title: string) {
      item.title$ = title;
    },
    skip(message?: string) {
      item.state$ = ListrTaskState.SKIPPED;
      if (message) item.message$ = { skip: message };
    },
  };
  return wrapper as unknown as TaskWrapper;
}
