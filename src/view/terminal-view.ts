// Progress in a terminal: the progress model (fold-progress.ts, worded by describe-progress.ts) drawn
// as a listr2 tree on stderr. This file knows listr2 and nothing about events: which task stands for
// which line of the screen, and how each state is shown. Loaded only when stderr is a terminal.

import { DefaultRenderer, Listr, ListrLogger, ListrTaskState, ProcessOutput, type ListrTaskObject, type ListrTaskWrapper } from 'listr2';
import type { RunEvent } from '../events/run-events.ts';
import { describeProgress, type ScreenPlan, type ScreenPlanning, type ScreenRow } from './describe-progress.ts';
import { emptyProgress, foldProgress, tickProgress, type RowState } from './fold-progress.ts';

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

/** A step's line: a listr task whose promise settles when the step does. */
interface DrawnRow {
  readonly done: Deferred;
  task?: TaskWrapper;
  /** Added to a streamed plan's group after listr started it: listr never runs it, so its state is set from here. */
  late: boolean;
  state: RowState;
  title?: string;
}

interface DrawnPlanning {
  readonly kind: 'planning';
  readonly done: Deferred;
  task?: TaskWrapper;
  state: ScreenPlanning['state'];
  title?: string;
}

interface DrawnPlan {
  readonly kind: 'plan';
  readonly rows: Map<string, DrawnRow>;
  /** Keeps a streamed plan's group open while rows may still join. */
  readonly keeper: Deferred;
  task?: TaskWrapper;
  sub?: Listr<unknown, any, any>;
  title?: string;
  cancelled: boolean;
  released: boolean;
  growing: boolean;
}

export interface TerminalView {
  readonly onEvent: (event: RunEvent) => void;
  /** Resolves once the last frame is drawn. */
  readonly finished: () => Promise<void>;
}

interface TerminalViewOptions {
  /** Clock for elapsed times and the ETA; Date.now by default. */
  readonly now?: () => number;
  /** How often running steps' elapsed times and the ETA are redrawn; default 1 s. */
  readonly tickMs?: number;
}

/** listr2 draws only when process.stdout is a TTY; our tree goes to stderr, which is what counts. */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;

  // listr2 draws the whole tree again on every change of any task, at once: a plan of many quick
  // steps changes thousands of times a turn, and each frame costs as much as its rows. One frame per
  // event-loop turn, drawn after the turn's changes, shows the same.
  private frame: NodeJS.Immediate | undefined;
  /** Told when drawing a frame throws (listr2 failing, outside any task): the view stops, the run goes on. */
  private readonly onFailure: ((error: unknown) => void) | undefined;

  constructor(...args: ConstructorParameters<typeof DefaultRenderer>) {
    super(...args);
    this.onFailure = (args[1] as { readonly onFailure?: (error: unknown) => void }).onFailure;
  }

  override update(): void {
    this.frame ??= setImmediate(() => {
      this.frame = undefined;
      try {
        super.update();
      } catch (error) {
        this.onFailure?.(error);
      }
    });
  }

  override end(): void {
    if (this.frame !== undefined) clearImmediate(this.frame);
    this.frame = undefined;
    super.end();
  }
}

const listrStates: Readonly<Record<RowState, ListrTaskState>> = {
  waiting: ListrTaskState.WAITING,
  running: ListrTaskState.STARTED,
  succeeded: ListrTaskState.COMPLETED,
  failed: ListrTaskState.FAILED,
  cancelled: ListrTaskState.CANCELLED,
  skipped: ListrTaskState.SKIPPED,
};

const isLive = (state: RowState) => state === 'waiting' || state === 'running';

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
    // Every line carries its own time, from the events: listr's timer would count from when it drew the line.
    rendererOptions: { logger, collapseSubtasks: false, collapseErrors: false, onFailure: (error: unknown) => stop(error) },
  } as const;

  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  /**
   * listr2 itself failed (a step failing is a row's state, not this): the run goes on, the tree no
   * longer follows it, and that is said once rather than left a blank screen. The stream is given
   * back first, with what was written to it meanwhile.
   */
  const stop = (error: unknown) => {
    if (stopped) return;
    stopped = true;
    try {
      processOutput.release();
    } catch {
      // Not taken, or already given back.
    }
    stream.write(`warning: the progress view stopped: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  const enqueue = (work: () => Promise<unknown>) => {
    chain = chain.then(() => (stopped ? undefined : work())).catch(stop);
  };

  let model = emptyProgress;
  const drawn: (DrawnPlanning | DrawnPlan)[] = [];
  let ticker: NodeJS.Timeout | undefined;
  const stopTicker = () => {
    if (ticker) clearInterval(ticker);
    ticker = undefined;
  };

  // What the screen shows now: listr asks for titles when it starts a task, later than the event.
  // The model is immutable, so one description serves until the next event or tick.
  let described = { model, screen: describeProgress(model) };
  const screen = () => (described.model === model ? described : (described = { model, screen: describeProgress(model) })).screen;
  const shownGroup = <G extends ScreenPlanning | ScreenPlan>(index: number) => screen().groups[index] as G;
  const shownRow = (index: number, id: string) => shownGroup<ScreenPlan>(index).rows.find((row) => row.id === id)!;

  const setTitle = (target: { task?: TaskWrapper; title?: string }, title: string) => {
    target.title = title;
    if (target.task) target.task.title = title;
  };

  /** A top-level line of the tree, drawn by its own listr once the ones before it have ended. */
  const enqueueGroup = (index: number, target: { task?: TaskWrapper; title?: string }, run: (task: TaskWrapper) => Promise<void> | Listr<unknown, any, any>) =>
    enqueue(() =>
      new Listr(
        [
          {
            title: shownGroup(index).title,
            task: (_ctx: unknown, task: TaskWrapper) => {
              target.task = task;
              setTitle(target, shownGroup(index).title);
              return run(task);
            },
          },
        ],
        listrOptions,
      ).run(),
    );

  const openPlanning = (index: number): DrawnPlanning => {
    const line: DrawnPlanning = { kind: 'planning', done: deferred(), state: 'running' };
    enqueueGroup(index, line, () => line.done.promise);
    return line;
  };

  const drawPlanning = (shown: ScreenPlanning, line: DrawnPlanning) => {
    if (shown.title !== line.title) setTitle(line, shown.title);
    if (shown.state === line.state) return;
    line.state = shown.state;
    if (shown.state === 'done') line.done.resolve();
    if (shown.state === 'failed') line.done.reject(new Error(shown.error));
  };

  /** A step's task; listr starts every line of a group at once, so one that has not started shows as waiting. */
  const rowTask = (index: number, id: string, line: DrawnRow) => ({
    title: shownRow(index, id).title,
    task: (_c: unknown, stepTask: TaskWrapper) => {
      const row = shownRow(index, id);
      line.task = stepTask;
      setTitle(line, row.title);
      if (row.state === 'waiting') stepTask.task.state$ = ListrTaskState.WAITING;
      if (row.state === 'running') stepTask.task.state$ = ListrTaskState.STARTED;
      if (row.state === 'cancelled') stepTask.task.state$ = ListrTaskState.CANCELLED;
      if (row.state === 'skipped') stepTask.skip(row.message);
      return line.done.promise;
    },
  });

  /** A late line is not run by listr: its title and state are set here. */
  const showLate = (line: DrawnRow, row: ScreenRow) => {
    if (!line.late || !line.task) return;
    setTitle(line, row.title);
    if (row.state === 'skipped') line.task.skip(row.message);
    else line.task.task.state$ = listrStates[row.state];
    // listr shows a failed task's error under it; a task it never ran has none unless given here.
    if (row.state === 'failed') line.task.task.message$ = { error: row.message ?? '' };
  };

  const openPlan = (plan: ScreenPlan, index: number): DrawnPlan => {
    const group: DrawnPlan = { kind: 'plan', rows: new Map(), keeper: deferred(), cancelled: false, released: false, growing: plan.growing };
    stopTicker();
    ticker = setInterval(() => {
      model = tickProgress(model, now());
      draw();
    }, options.tickMs ?? 1000);
    ticker.unref();
    const lines = () => [...group.rows].map(([id, line]) => rowTask(index, id, line));
    enqueueGroup(index, group, (task) => {
      // A streamed plan's group starts with a hidden task that keeps it open while lines are still added.
      const sub = task.newListr(plan.streamed ? [{ task: () => group.keeper.promise }, ...lines()] : lines(), listrOptions);
      if (plan.streamed) group.sub = sub;
      return sub;
    });
    return group;
  };

  const addRow = (group: DrawnPlan, index: number, row: ScreenRow) => {
    const line: DrawnRow = { done: deferred(), late: false, state: row.state };
    group.rows.set(row.id, line);
    if (row.state === 'succeeded') line.done.resolve();
    if (!group.sub) return;
    group.sub.add(rowTask(index, row.id, line));
    const item = group.sub.tasks.at(-1)!;
    void item.check({});
    line.late = true;
    line.task = wrapperOf(item);
    showLate(line, row);
  };

  const changeRow = (line: DrawnRow, row: ScreenRow) => {
    line.state = row.state;
    switch (row.state) {
      case 'waiting':
        return;
      case 'running':
        if (line.task) line.task.task.state$ = ListrTaskState.STARTED;
        return showLate(line, row);
      case 'succeeded':
        if (line.task) setTitle(line, row.title);
        showLate(line, row);
        return line.done.resolve();
      case 'failed':
        // listr shows the error under the line: the line first gets its final title, with the step's time.
        setTitle(line, row.title);
        line.done.reject(new Error(row.message));
        return showLate(line, row);
      case 'cancelled':
        if (line.task) {
          setTitle(line, row.title);
          line.task.task.state$ = ListrTaskState.CANCELLED;
        }
        return line.done.resolve();
      case 'skipped':
        line.task?.skip(row.message);
        return line.done.resolve();
    }
  };

  const drawPlan = (shown: ScreenPlan, index: number) => {
    const group = (drawn[index] ??= openPlan(shown, index)) as DrawnPlan;
    for (const row of shown.rows) {
      const line = group.rows.get(row.id);
      if (!line) addRow(group, index, row);
      else if (line.state !== row.state) changeRow(line, row);
    }
    // Elapsed times, what waiting steps wait for, a failure tolerated after it happened, and the header's counts and ETA.
    for (const row of shown.rows) {
      const line = group.rows.get(row.id)!;
      if (line.task && (isLive(row.state) || row.state === 'failed') && line.title !== row.title) setTitle(line, row.title);
    }
    if (group.task && group.title !== shown.title) setTitle(group, shown.title);
    if (shown.cancelled && !group.cancelled) {
      group.cancelled = true;
      if (group.task) group.task.task.state$ = ListrTaskState.CANCELLED;
    }
    if (shown.released && !group.released) {
      group.released = true;
      for (const line of group.rows.values()) line.done.resolve();
    }
    if (!shown.growing && group.growing) {
      group.growing = false;
      group.keeper.resolve();
    }
  };

  const draw = () => {
    const { groups, ticking } = screen();
    groups.forEach((group, index) => {
      if (group.kind === 'planning') drawPlanning(group, (drawn[index] ??= openPlanning(index)) as DrawnPlanning);
      else drawPlan(group, index);
    });
    if (!ticking) stopTicker();
  };

  const onEvent = (event: RunEvent) => {
    model = foldProgress(model, event, now());
    draw();
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
