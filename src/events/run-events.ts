// Everything a run does is an event. The terminal view, the plain CI log, `--json` output and (later)
// the run store all consume this one stream. Each event is a plain JSON-serialisable object.
// A leaf: the shapes events carry (plan steps, plan problems) are defined in events/, not imported.
// They are generated from schemas/events.schema.json into event-types.generated.ts, so the documented
// format and the events the code emits agree by construction; this module adds what derives from them.

import type { EventBody, PlannedStep, RunEvent } from './event-types.generated.ts';

export type { EventBody, PlannedStep, PlanProblem, PlanProblemCode, RunEvent, RunStatus, UsageTotals } from './event-types.generated.ts';

/**
 * A step as written by the model, after the plan schema accepted it (ids normalised to strings): a planned step
 * before the steps it waits for are worked out.
 */
export type PlanStep = Omit<PlannedStep, 'needs'>;

export type RunEventKind = RunEvent['kind'];
export type EventOf<K extends RunEventKind> = Extract<RunEvent, { kind: K }>;

export type EventSink = (event: RunEvent) => void;

/** Distributes `EventBody` values, stamping each with the injected clock's time. */
export function createEventEmitter(sinks: readonly EventSink[], now: () => Date = () => new Date()) {
  return (body: EventBody): void => {
    const event = { ...body, time: now().toISOString() } as RunEvent;
    for (const sink of sinks) sink(event);
  };
}

export type EmitEvent = ReturnType<typeof createEventEmitter>;
