// Server-sent events decoded from a response body's text as the openai SDK's decoder reads them; fed a
// network read at a time, it hands back every event the read completed at once (no async step per event).

export interface ServerEvent {
  /** The `event:` field; null when the event named none. */
  readonly event: string | null;
  readonly data: string;
}

const LF = 0x0a;
const CR = 0x0d;
const DATA = 'data:';

/** Lines end at \n, \r\n or \r; `data:` lines are joined by \n; comments and unknown fields are skipped; a blank line ends an event. */
export class ServerEventDecoder {
  // The last line of the text fed so far, until its end arrives.
  #partial = '';
  // A \r ended the last text: a \n starting the next one belongs to it.
  #skipLineFeed = false;
  #event: string | null = null;
  #data: string[] = [];

  /** The events completed by `text` (the next part of the body), appended to `into`. */
  push(text: string, into: ServerEvent[]): void {
    let at = 0;
    if (this.#skipLineFeed && text.charCodeAt(0) === LF) at = 1;
    this.#skipLineFeed = false;
    // The next \r at or after `at` (-1: none left): looked for again only once passed, so a text is scanned once.
    let cr = text.indexOf('\r', at);
    for (;;) {
      if (cr !== -1 && cr < at) cr = text.indexOf('\r', at);
      const lf = text.indexOf('\n', at);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
      if (end === -1) {
        this.#partial = this.#partial === '' ? text.slice(at) : this.#partial + text.slice(at);
        return;
      }
      const piece = text.slice(at, end);
      const line = this.#partial === '' ? piece : this.#partial + piece;
      this.#partial = '';
      this.#line(line, into);
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === text.length) {
          this.#skipLineFeed = true;
          return;
        }
        at = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      } else {
        at = end + 1;
      }
    }
  }

  /** The body has ended: its last line, and an event the body left without its blank line. */
  end(into: ServerEvent[]): void {
    if (this.#partial !== '') {
      const line = this.#partial;
      this.#partial = '';
      this.#line(line, into);
    }
    this.#line('', into);
  }

  #line(line: string, into: ServerEvent[]): void {
    if (line === '') {
      if (!this.#event && this.#data.length === 0) return;
      into.push({ event: this.#event, data: this.#data.length === 1 ? this.#data[0]! : this.#data.join('\n') });
      this.#event = null;
      this.#data = [];
      return;
    }
    // The line every chat completion chunk comes as, read without splitting it.
    if (line.startsWith(DATA)) {
      this.#data.push(line.charCodeAt(DATA.length) === 0x20 ? line.slice(DATA.length + 1) : line.slice(DATA.length));
      return;
    }
    if (line.charCodeAt(0) === 0x3a) return; // a comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
  }
}
