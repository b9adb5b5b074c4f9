import { createEventEmitter, type EventBody, type RunEvent } from '../../src/events/run-events.ts';

/** The events a run emits for these bodies, stamped (sequence and time) as the emitter stamps them. */
export function emittedEvents(bodies: readonly EventBody[]): RunEvent[] {
  const out: RunEvent[] = [];
  const emit = createEventEmitter([(event) => out.push(event)]);
  for (const body of bodies) emit(body);
  return out;
}
