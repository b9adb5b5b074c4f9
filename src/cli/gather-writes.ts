// Progress on stdout or stderr written once per event-loop turn instead of once per line: a run of
// many quick steps spends its time on its steps, not on a write call for each of their lines.

/** Gathered text is written once it reaches this size, without waiting for the end of the turn. */
const flushBytes = 64 * 1024;

export interface GatheredWrites {
  /** Adds text to what is written at the end of this event-loop turn. */
  readonly write: (text: string) => void;
  /** Writes what is gathered now. */
  readonly flush: () => void;
}

/**
 * Text for `stream`, gathered and written at the end of the turn (or on process exit). While text is
 * waiting, anything else written to the stream (a warning, a module tool's console.error, the run
 * id) writes it first, so what reaches the stream is the same bytes in the same order as before.
 */
export function gatherWrites(stream: NodeJS.WritableStream): GatheredWrites {
  let pending = '';
  let scheduled: NodeJS.Immediate | undefined;
  // The stream's own write, and what stood on the stream before it was wrapped (restored as it was).
  let own: PropertyDescriptor | undefined;
  let direct: NodeJS.WritableStream['write'] = stream.write;

  const flush = () => {
    if (scheduled === undefined) return;
    clearImmediate(scheduled);
    scheduled = undefined;
    process.off('exit', flush);
    if (own) Object.defineProperty(stream, 'write', own);
    else delete (stream as { write?: unknown }).write;
    const text = pending;
    pending = '';
    direct.call(stream, text);
  };

  const wrapped = function (this: NodeJS.WritableStream, ...args: Parameters<NodeJS.WritableStream['write']>): boolean {
    flush();
    return (stream.write as (...a: typeof args) => boolean).apply(this, args);
  };

  const write = (text: string) => {
    if (scheduled === undefined) {
      own = Object.getOwnPropertyDescriptor(stream, 'write');
      direct = stream.write;
      Object.defineProperty(stream, 'write', { value: wrapped, configurable: true, writable: true });
      scheduled = setImmediate(flush);
      process.on('exit', flush);
    }
    pending += text;
    if (pending.length >= flushBytes) flush();
  };

  return { write, flush };
}
