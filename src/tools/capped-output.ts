// Output kept up to a byte limit; everything past it is counted and dropped, so memory stays flat
// however much a tool prints. A cut that falls inside a secret masks the part of it that is kept.

import type { Redactor } from './create-redactor.ts';

export class CappedOutput {
  readonly limit: number;
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes seen past the limit. */
  dropped = 0;
  private readonly redactor: Redactor | undefined;
  /** Bytes past the limit kept to see whether a secret goes on across the cut. */
  private readonly lookahead: Buffer[] = [];
  private lookaheadBytes = 0;
  private readonly lookaheadLimit: number;

  /** `redactor`: the secrets a cut must not split (the part of one that would be kept becomes `***`). */
  constructor(limit: number, redactor?: Redactor) {
    this.limit = limit;
    this.redactor = redactor?.active ? redactor : undefined;
    // A character takes at most 3 UTF-8 bytes per UTF-16 unit.
    this.lookaheadLimit = this.redactor ? this.redactor.reach * 3 : 0;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** True once nothing more is needed: the limit is reached and the text past it that a cut needs has been seen. */
  get full(): boolean {
    return this.kept >= this.limit && this.dropped > 0 && this.lookaheadBytes >= this.lookaheadLimit;
  }

  /** True while there is room for more. */
  push(chunk: Buffer): boolean {
    const room = this.limit - this.kept;
    if (chunk.length <= room) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
    } else {
      // Copy the kept part: a subarray would pin the whole chunk in memory.
      if (room > 0) this.chunks.push(Buffer.from(chunk.subarray(0, room)));
      this.kept += Math.max(room, 0);
      this.dropped += chunk.length - Math.max(room, 0);
      const wanted = this.lookaheadLimit - this.lookaheadBytes;
      if (wanted > 0) {
        const past = chunk.subarray(Math.max(room, 0), Math.max(room, 0) + wanted);
        this.lookahead.push(Buffer.from(past));
        this.lookaheadBytes += past.length;
      }
    }
    return this.kept < this.limit;
  }

  text(): string {
    const kept = Buffer.concat(this.chunks, this.kept);
    if (!this.truncated || this.redactor === undefined) return kept.toString('utf8');
    return clipBytes(Buffer.concat([kept, ...this.lookahead]), this.limit, this.redactor);
  }

  /** The note a step's result carries when output was dropped. */
  note(): string | undefined {
    return this.truncated ? truncationNote(this.limit) : undefined;
  }
}

export function truncationNote(limit: number): string {
  return `output truncated at ${limit} bytes (execution.maxOutputBytes)`;
}

/**
 * The first `maxBytes` bytes of `text` (a string, or UTF-8 bytes) as text, as `Buffer#toString` cuts
 * them; with a redactor, a secret the cut falls inside is masked from where it starts.
 */
export function clipBytes(text: string | Uint8Array, maxBytes: number, redactor?: Redactor): string {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const kept = bytes.subarray(0, maxBytes).toString('utf8');
  if (bytes.length <= maxBytes || !redactor?.active) return kept;
  // The cut in characters: before the character whose bytes the byte limit splits.
  let boundary = maxBytes;
  while (boundary > 0 && (bytes[boundary]! & 0xc0) === 0x80) boundary--;
  const whole = typeof text === 'string' ? text : bytes.toString('utf8');
  const end = bytes.subarray(0, boundary).toString('utf8').length;
  const clipped = redactor.clipEnd(whole, end);
  return clipped === whole.slice(0, end) ? kept : clipped;
}
