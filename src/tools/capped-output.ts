// Output kept up to a byte limit; everything past it is counted and dropped, so memory stays flat
// however much a tool prints.

export class CappedOutput {
  readonly limit: number;
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Bytes seen past the limit. */
  dropped = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  get truncated(): boolean {
    return this.dropped > 0;
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
    }
    return this.kept < this.limit;
  }

  text(): string {
    return Buffer.concat(this.chunks, this.kept).toString('utf8');
  }

  /** The note a step's result carries when output was dropped. */
  note(): string | undefined {
    return this.truncated ? truncationNote(this.limit) : undefined;
  }
}

export function truncationNote(limit: number): string {
  return `output truncated at ${limit} bytes (execution.maxOutputBytes)`;
}
