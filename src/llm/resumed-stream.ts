// A streamed reply asked for again after it broke off. What was already passed on cannot be taken
// back: the new reply must begin with it (as a deterministic model's does), and only what follows is
// passed on; a reply that differs ends the call with a clear error instead of a spliced text.

import { AttemptBudget, pause } from './attempt-budget.ts';
import { ReplyFault } from './endpoint-reply.ts';
import type { CompletionStream } from './types.ts';

/** One attempt at the reply; it tells `onHeaders` the response headers (for a retry-after). */
type Attempt = (onHeaders: (headers: Headers) => void) => CompletionStream;

/**
 * The reply of the first attempt that completes; a transient ReplyFault starts another attempt while
 * the budget lasts. Any other failure, or the last one, is passed through `toError`.
 */
export async function* resumedStream(attempt: Attempt, budget: AttemptBudget, signal: AbortSignal | undefined, toError: (error: unknown) => unknown): CompletionStream {
  let delivered = '';
  let broke: ReplyFault | undefined;
  for (;;) {
    let headers: Headers | undefined;
    const reply = attempt((received) => (headers = received));
    let received = 0;
    let done = false;
    try {
      for (;;) {
        const next = await reply.next();
        if (next.done) {
          done = true;
          if (received < delivered.length) throw diverged(broke!, delivered.length);
          return { text: delivered, usage: next.value.usage };
        }
        const piece = next.value;
        const at = received;
        received += piece.length;
        if (at >= delivered.length) {
          delivered += piece;
          yield piece;
          continue;
        }
        // Asked again: the new reply repeats what was passed on before it may go on.
        const overlap = delivered.slice(at, at + piece.length);
        if (!piece.startsWith(overlap)) throw diverged(broke!, delivered.length);
        const rest = piece.slice(overlap.length);
        if (rest !== '') {
          delivered += rest;
          yield rest;
        }
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      const delay = error instanceof ReplyFault && error.transient ? budget.nextDelayMs(headers) : undefined;
      if (delay === undefined) throw toError(error);
      broke ??= error as ReplyFault;
      await pause(delay, signal);
    } finally {
      // Left before the attempt ended (a fault, or the consumer stopped reading): its request is aborted.
      if (!done) await reply.return(undefined as never).catch(() => undefined);
    }
  }
}

function diverged(broke: ReplyFault, length: number): ReplyFault {
  return new ReplyFault(`${broke.message}; asked again, it began a reply that differs from the ${length} characters already read, so the reply cannot be continued`, undefined, false);
}
