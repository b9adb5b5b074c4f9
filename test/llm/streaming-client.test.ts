// LlmClient.stream with the real openai SDK against the scripted server: deltas as they arrive, usage
// from the last chunk, and clean fallbacks for servers that cannot stream.

import { afterEach, describe, expect, it } from 'vitest';
import { type CompletionRequest, type CompletionResult, createOpenAiClient, type LlmClient, type ModelSettings, type Pipeline } from '../../src/index.ts';
import { redactingLlm, secretRedactor } from '../../src/run/redact-secrets.ts';
import { startScriptedServer, type Rule, type ScriptedServer, type ScriptedServerOptions } from '../support/scripted-server.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(rules: readonly Rule[], options?: ScriptedServerOptions): Promise<LlmClient> {
  server = await startScriptedServer(rules, options);
  const settings: ModelSettings = { name: 'm', baseURL: server.url, apiKeyEnv: 'NO_KEY', maxRetries: 0, timeoutMs: 5000 };
  return createOpenAiClient(settings, {});
}

const request: CompletionRequest = { purpose: 'plan', model: 'm', messages: [{ role: 'user', content: 'plan it' }], jsonSchema: { name: 'plan', schema: { type: 'object' } } };

async function drain(client: LlmClient, req: CompletionRequest = request): Promise<{ pieces: string[]; result: CompletionResult }> {
  const stream = client.stream!(req);
  const pieces: string[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { pieces, result: next.value };
    pieces.push(next.value);
  }
}

describe('streaming completions', () => {
  it('yields each piece as the server sends it and returns the whole text with the usage of the last chunk', async () => {
    // Each piece is sent once the one before it was passed on: a read never holds two.
    const passedOn: (() => void)[] = [];
    const gates = [1, 2].map((i) => new Promise<void>((resolve) => (passedOn[i - 1] = resolve)));
    const client = await clientFor([{ chunks: ['{"steps":', '[{"id":1}', ']}'], beforePiece: (i) => gates[i - 1] }]);
    const stream = client.stream!(request);
    const pieces: string[] = [];
    let result: CompletionResult;
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        result = next.value;
        break;
      }
      pieces.push(next.value);
      passedOn[pieces.length - 1]?.();
    }
    expect(pieces).toEqual(['{"steps":', '[{"id":1}', ']}']);
    expect(result.text).toBe('{"steps":[{"id":1}]}');
    expect(result.usage).toEqual({ promptTokens: 2, completionTokens: 5 });
    expect(server!.calls[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, response_format: { type: 'json_schema' } });
  });

  it('falls back to JSON mode as complete() does when structured output is refused', async () => {
    const client = await clientFor([{ chunks: ['{"a":', '1}'] }], { rejectJsonSchema: true });
    const { pieces, result } = await drain(client);
    expect(pieces.join('')).toBe('{"a":1}');
    expect(result.text).toBe('{"a":1}');
    expect(server!.calls.map((call) => call.responseFormat)).toEqual(['json_schema', 'json_object']);
  });

  it('reads a JSON answer to a streaming request as the whole reply', async () => {
    const client = await clientFor([{ chunks: ['{"a":', '1}'] }], { ignoreStream: true });
    const { pieces, result } = await drain(client);
    expect(pieces).toEqual(['{"a":1}']);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  });

  it('asks for whole replies from then on when the server refuses stream: true', async () => {
    const refusal: Rule = {
      match: (call) => call.body?.['stream'] === true,
      status: 400,
      body: { error: { message: 'stream is not supported by this server', type: 'invalid_request_error', param: 'stream', code: null } },
    };
    const client = await clientFor([refusal, { content: '{"a":1}' }]);
    expect((await drain(client)).pieces).toEqual(['{"a":1}']);
    expect((await drain(client)).result.text).toBe('{"a":1}');
    expect(server!.calls.map((call) => call.body?.['stream'] ?? false)).toEqual([true, false, false]);
  });

  it('passes on what one read of the body holds as one piece, however many events it brought', async () => {
    const steps = Array.from({ length: 2000 }, (_, i) => `{"id":${i + 1}}`);
    const chunks = ['{"steps":[', ...steps.map((step, i) => (i === 0 ? step : `,${step}`)), ']}'];
    const client = await clientFor([{ chunks }]);
    const { pieces, result } = await drain(client);
    expect(result.text).toBe(chunks.join(''));
    // The server wrote all 2,002 events at once: they arrive in a few reads of the socket, not one by one.
    expect(pieces.length).toBeLessThan(chunks.length / 10);
  });

  it('reads the events as the SDK would: CRLF or CR line ends, comments, data over several lines, thread events passed over, nothing after [DONE]', async () => {
    const chunk = (content: string) => JSON.stringify({ choices: [{ index: 0, delta: { content } }] });
    const body = [
      ': keep-alive\r\n\r\n',
      `data: ${chunk('{"a":')}\r\n\r\n`,
      `event: thread.message\rdata: {"id":"x"}\r\r`,
      `data: {"choices":[{"index":0,\ndata: "delta":{"content":"1}"}}]}\n\n`,
      `data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}\n\n`,
      'data: [DONE]\n\n',
      `data: ${chunk('ignored')}\n\n`,
    ].join('');
    const client = await clientFor([{ raw: body, contentType: 'text/event-stream' }]);
    const { pieces, result } = await drain(client);
    expect(pieces).toEqual(['{"a":1}']);
    expect(result).toEqual({ text: '{"a":1}', usage: { promptTokens: 3, completionTokens: 4 } });
  });

  it('ends a stream that stalls for model.timeout with a clear error', async () => {
    // The second piece would come long after the test's own timeout: only the stall timeout can end the stream.
    server = await startScriptedServer([{ chunks: ['{"a":', '1}'], chunkDelayMs: 600_000 }]);
    const client = createOpenAiClient({ name: 'm', baseURL: server.url, apiKeyEnv: 'NO_KEY', maxRetries: 0, timeoutMs: 150 }, {});
    await expect(drain(client)).rejects.toThrow(`model endpoint ${server.url} sent nothing for 150ms in the middle of its streamed reply`);
  });

  it('through redaction: the reply streams on as the model wrote it (planexec parses it), the request is masked', async () => {
    const secret = 'hunter2-very-secret';
    const client = await clientFor([{ chunks: ['{"text": "a hunter2-ve', 'ry-sec', 'ret b", "more": "', 'x".repeat(3)}'] }]);
    const pipeline = { secrets: ['TOKEN'], model: { apiKeyEnv: 'NO_KEY' }, tools: [] } as unknown as Pipeline;
    const redacting = redactingLlm(client, secretRedactor(pipeline, { TOKEN: secret }));
    const { pieces, result } = await drain(redacting, { purpose: 'plan', model: 'm', messages: [{ role: 'user', content: `the key is ${secret}` }] });
    expect(pieces.join('')).toBe('{"text": "a hunter2-very-secret b", "more": "x".repeat(3)}');
    expect(result.text).toBe('{"text": "a hunter2-very-secret b", "more": "x".repeat(3)}');
    expect(server!.calls[0]!.lastUserMessage).toBe('the key is ***');
  });
});
