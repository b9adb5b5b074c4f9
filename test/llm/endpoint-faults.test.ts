// Endpoint faults after the response headers, with the real openai SDK over real HTTP: a 200 that is
// not JSON, JSON that is not a chat completion, a body or stream cut mid-way, garbled or error events,
// a server gone silent. Each is a clear LlmError (never a TypeError), retried within model.maxRetries
// where asking again may help, and no call waits forever.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type CompletionRequest, type CompletionResult, createOpenAiClient, type LlmClient, LlmError } from '../../src/index.ts';
import { startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';

let server: ScriptedServer | undefined;
let raw: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  raw?.closeAllConnections();
  await new Promise((resolve) => (raw ? raw.close(resolve) : resolve(undefined)));
  raw = undefined;
});

async function clientFor(rules: readonly Rule[], maxRetries = 2, timeoutMs = 5000): Promise<LlmClient> {
  server = await startScriptedServer(rules);
  return createOpenAiClient({ name: 'm', baseURL: server.url, apiKeyEnv: 'NO_KEY', maxRetries, timeoutMs }, {});
}

const request: CompletionRequest = { purpose: 'plan', model: 'm', messages: [{ role: 'user', content: 'plan it' }] };
const plan = '{"steps":[{"id":1,"tool":"echo","args":{}},{"id":2,"tool":"echo","args":{}}]}';

async function drain(client: LlmClient): Promise<{ pieces: string[]; result: CompletionResult }> {
  const stream = client.stream!(request);
  const pieces: string[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { pieces, result: next.value };
    pieces.push(next.value);
  }
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  expect((error as LlmError).kind).toBe('endpoint');
  return error as LlmError;
}

const complete = (client: LlmClient) => client.complete(request);
const streamed = (client: LlmClient) => drain(client);

/** Faults a server can send with HTTP 200, whichever way the reply was asked for. */
const faults: Record<string, { rule: Rule; message: RegExp; transient: boolean }> = {
  'an HTML page': { rule: { raw: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' }, message: /not JSON|no events/, transient: true },
  'JSON cut short': { rule: { raw: '{"choices": [{"message": {"content": "hal' }, message: /is not JSON/, transient: true },
  'an empty body': { rule: { raw: '' }, message: /is not JSON|no events/, transient: true },
  'a JSON null': { rule: { raw: 'null' }, message: /JSON that is not a chat completion: a JSON null/, transient: false },
  'JSON of another API': { rule: { raw: '{"result":"ok"}' }, message: /JSON that is not a chat completion: no "choices" list/, transient: false },
  'choices that are not a list': { rule: { raw: '{"choices":"abc"}' }, message: /no "choices" list/, transient: false },
  'a choice without a message': { rule: { raw: '{"choices":[{"text":"abc"}]}' }, message: /first choice has no "message"/, transient: false },
  'content that is not text': { rule: { raw: '{"choices":[{"message":{"content":{"a":1}}}]}' }, message: /"message.content" is not text/, transient: false },
  'a body cut mid-way': { rule: { chunks: ['{"steps":', '[]}'], cutAfter: 1 }, message: /dropped the connection (before its reply was complete|in the middle of its streamed reply): terminated/, transient: true },
  'a connection closed right after the headers': { rule: { chunks: ['{"steps":[]}'], cutAfter: 0 }, message: /dropped the connection/, transient: true },
};

describe.each([
  ['a whole reply', complete],
  ['a streamed reply', streamed],
] as const)('%s', (_how, call) => {
  it.each(Object.entries(faults))('%s is a clear endpoint error', async (_name, fault) => {
    const client = await clientFor([fault.rule], 0);
    const error = await failure(call(client));
    expect(error.message).toMatch(new RegExp(`^model endpoint ${server!.url.replace(/[.]/g, '\\.')} `));
    expect(error.message).toMatch(fault.message);
    expect(error.message).not.toMatch(/TypeError|Cannot read|undefined/);
  });

  it.each(Object.entries(faults))('%s: asked again within model.maxRetries when that may help', async (_name, fault) => {
    const client = await clientFor([{ ...fault.rule, times: 1 }, { content: plan }], 2);
    if (fault.transient) {
      const result = await (call === complete ? complete(client) : streamed(client).then(({ result: whole }) => whole));
      expect(result.text).toBe(plan);
      expect(server!.calls).toHaveLength(2);
    } else {
      await failure(call(client));
      expect(server!.calls).toHaveLength(1);
    }
  });

  it('stops after model.maxRetries + 1 attempts, and says how many were made', async () => {
    const client = await clientFor([{ chunks: ['{"steps":', '[]}'], cutAfter: 1 }], 2);
    const error = await failure(call(client));
    expect(error.message).toMatch(/dropped the connection .* after 3 attempts: terminated/);
    expect(server!.calls).toHaveLength(3);
  });

  it('shares one budget of attempts with the SDK\'s own retries of HTTP errors', async () => {
    const client = await clientFor([{ status: 503, times: 1 }, { raw: '<html>oops</html>', contentType: 'text/html' }], 2);
    const error = await failure(call(client));
    expect(error.message).toContain('after 3 attempts');
    expect(server!.calls.map((c) => c.status)).toEqual([503, 200, 200]);
  });
});

describe('a streamed reply that breaks off', () => {
  const pieces = ['{"steps":[{"id":1', ',"tool":"echo"', ',"args":{}}', ']}'];

  it('before any text arrived is asked again, as if nothing happened', async () => {
    const client = await clientFor([{ chunks: pieces, cutAfter: 0, times: 1 }, { chunks: pieces }], 1);
    const { pieces: got, result } = await drain(client);
    expect(got.join('')).toBe(pieces.join(''));
    expect(result.text).toBe(pieces.join(''));
  });

  it('after some text is asked again, and only what follows the text already passed on is passed on', async () => {
    const client = await clientFor([{ chunks: pieces, cutAfter: 2, times: 1 }, { chunks: pieces }], 1);
    const { pieces: got, result } = await drain(client);
    // Pieces are what each read brought; nothing is passed on twice.
    expect(got.join('')).toBe(pieces.join(''));
    expect(result.text).toBe(pieces.join(''));
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  });

  it('ends with a clear error when the reply asked again differs from what was already passed on', async () => {
    const client = await clientFor([{ chunks: pieces, cutAfter: 2, times: 1 }, { chunks: ['{"steps":[{"id":"other"}]}'] }], 1);
    const error = await failure(drain(client));
    expect(error.message).toMatch(/dropped the connection in the middle of its streamed reply: terminated .*; asked again, it began a reply that differs from the \d+ characters already read/);
  });

  it.each([
    ['an event that is not JSON', 'data: {not json\n\n', /sent a streamed event that is not JSON/, true],
    ['an error event', 'data: {"error":{"message":"the server had an error"}}\n\n', /reported an error in the middle of its streamed reply: the server had an error/, true],
    ['a named error event (CRLF lines)', 'event: error\r\ndata: {"message":"overloaded"}\r\n\r\n', /reported an error in the middle of its streamed reply: overloaded/, true],
    ['an event of another shape', 'data: {"choices":"x"}\n\ndata: [DONE]\n\n', /sent a streamed event that is not a chat completion chunk: "choices" is not a list/, false],
    ['a chunk whose content is not text', 'data: {"choices":[{"delta":{"content":7}}]}\n\n', /not a chat completion chunk: "delta.content" is not text/, false],
  ] as const)('%s: a clear error, asked again when that may help', async (_name, body, message, transient) => {
    const rule: Rule = { raw: body, contentType: 'text/event-stream', headers: { 'retry-after-ms': '1' } };
    let client = await clientFor([rule], 0);
    expect((await failure(drain(client))).message).toMatch(message);
    await server!.close();
    client = await clientFor([{ ...rule, times: 1 }, { content: plan }], 1);
    if (transient) expect((await drain(client)).result.text).toBe(plan);
    else await failure(drain(client));
    expect(server!.calls).toHaveLength(transient ? 2 : 1);
  });
});

/** A server that sends the headers and part of a body, then nothing more (nor closes). */
async function stallingServer(contentType: string, start: string): Promise<string> {
  raw = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': contentType });
      res.write(start);
    });
  });
  await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(raw.address() as AddressInfo).port}/v1`;
}

describe('model.timeout bounds the server\'s silence, and only that', () => {
  it('a whole reply whose body stalls after the headers ends with a clear error, not a wait forever', async () => {
    const url = await stallingServer('application/json', '{"choices":');
    const client = createOpenAiClient({ name: 'm', baseURL: url, apiKeyEnv: 'NO_KEY', maxRetries: 0, timeoutMs: 1000 }, {});
    const error = await failure(client.complete(request));
    expect(error.message).toBe(`model endpoint ${url} sent nothing for 1s while sending its reply`);
  });

  it('a stream that stalls is asked again within model.maxRetries, then ends with a clear error', async () => {
    const url = await stallingServer('text/event-stream', 'data: {"choices":[]}\n\n');
    const client = createOpenAiClient({ name: 'm', baseURL: url, apiKeyEnv: 'NO_KEY', maxRetries: 1, timeoutMs: 1000 }, {});
    const error = await failure(drain(client));
    expect(error.message).toMatch(/sent nothing for 1s in the middle of its streamed reply after 2 attempts$/);
  });

  // The SDK's own timeout (up to the response headers) is model.timeout too: 1 s leaves a busy machine room to answer.
  it('does not count the time the client spends on what it received (a busy consumer is not a silent server)', async () => {
    const pieces = ['{"steps":[', '{"id":1}', ',{"id":2}', ']}'];
    // The server writes a piece every 20 ms; the consumer spends 2.2 s on each, over twice the timeout.
    const client = await clientFor([{ chunks: pieces, chunkDelayMs: 20 }], 0, 1000);
    const stream = client.stream!(request);
    const got: string[] = [];
    for (;;) {
      const next = await stream.next();
      if (next.done) break;
      got.push(next.value);
      if (got.length < 3) await new Promise((resolve) => setTimeout(resolve, 2200));
    }
    expect(got.join('')).toBe(pieces.join(''));
  });

  it('does not count a blocked event loop while it waits (the client busy elsewhere) when the server was sending all along', async () => {
    const pieces = ['{"steps":[', '{"id":1}', ',{"id":2}', ']}'];
    const client = await clientFor([{ chunks: pieces, chunkDelayMs: 20 }], 0, 1000);
    const stream = client.stream!(request);
    const got: string[] = [];
    for (;;) {
      // Once the reply has begun, while the stream waits for its next piece, something else holds the event loop for 2.2 s.
      if (got.length > 0 && got.length < 3) {
        setTimeout(() => {
          const until = Date.now() + 2200;
          while (Date.now() < until) {
            /* busy */
          }
        }, 5);
      }
      const next = await stream.next();
      if (next.done) break;
      got.push(next.value);
    }
    expect(got.join('')).toBe(pieces.join(''));
  });
});
