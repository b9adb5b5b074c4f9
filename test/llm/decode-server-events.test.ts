// The server-sent event decoder a streamed reply is read with: events as the openai SDK's decoder
// finds them, however the body's reads cut the text (mid-line, between \r and \n, mid-event).

import { describe, expect, it } from 'vitest';
import { ServerEventDecoder, type ServerEvent } from '../../src/llm/decode-server-events.ts';

function decode(parts: readonly string[]): ServerEvent[] {
  const decoder = new ServerEventDecoder();
  const events: ServerEvent[] = [];
  for (const part of parts) decoder.push(part, events);
  decoder.end(events);
  return events;
}

/** Every way of cutting `text` in two, and one piece per character. */
function cuts(text: string): string[][] {
  return [...Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]), [...text]];
}

describe('ServerEventDecoder', () => {
  it('hands back every event a read completes, at once', () => {
    const decoder = new ServerEventDecoder();
    const events: ServerEvent[] = [];
    decoder.push('data: {"a":1}\n\ndata: {"a":2}\n\ndata: {"a"', events);
    expect(events).toEqual([
      { event: null, data: '{"a":1}' },
      { event: null, data: '{"a":2}' },
    ]);
    decoder.push(':3}\n\n', events);
    expect(events.at(-1)).toEqual({ event: null, data: '{"a":3}' });
  });

  it('reads lines ending in \\n, \\r\\n or \\r, wherever the reads cut them', () => {
    const text = 'data: one\r\n\r\nevent: error\rdata: two\r\rdata:three\n\n';
    const expected = [
      { event: null, data: 'one' },
      { event: 'error', data: 'two' },
      { event: null, data: 'three' },
    ];
    for (const parts of cuts(text)) expect(decode(parts), JSON.stringify(parts)).toEqual(expected);
  });

  it('joins data lines with \\n, skips comments and unknown fields, and takes one space after the colon', () => {
    const text = ': keep-alive\n\nid: 7\nretry: 10\ndata:  two spaces\ndata\ndata: last\n\n';
    expect(decode([text])).toEqual([{ event: null, data: ' two spaces\n\nlast' }]);
  });

  it('ends an event the body left without its blank line, and sends none for blank lines alone', () => {
    expect(decode(['\n\n\ndata: [DONE]'])).toEqual([{ event: null, data: '[DONE]' }]);
    expect(decode(['event: ping\n\n'])).toEqual([{ event: 'ping', data: '' }]);
    expect(decode(['\r\n\r\n'])).toEqual([]);
  });
});
