import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function sdk(url: string): OpenAI {
  return new OpenAI({ apiKey: 'test', baseURL: url, maxRetries: 0, logLevel: 'off' });
}
const user = (content: string) => [{ role: 'user' as const, content }];

describe('scripted server', () => {
  it('answers by the first rule that matches and is not used up', async () => {
    server = await startScriptedServer([
      { match: /^plan/, content: 'first plan', times: 1 },
      { match: (call) => call.lastUserMessage === 'plan', content: 'later plan' },
      { content: 'anything else' },
    ]);
    const client = sdk(server.url);
    const answers: (string | null | undefined)[] = [];
    for (const content of ['plan', 'plan', 'other']) {
      answers.push((await client.chat.completions.create({ model: 'm', messages: user(content) })).choices[0]?.message.content);
    }
    expect(answers).toEqual(['first plan', 'later plan', 'anything else']);
  });

  it('answers and records a request no rule matches', async () => {
    server = await startScriptedServer([{ match: 'never', content: 'x' }]);
    await expect(sdk(server.url).chat.completions.create({ model: 'm', messages: user('surprise') })).rejects.toThrow(
      'scripted server: no rule matched request #1: surprise',
    );
    expect(server.calls.map((c) => [c.status, c.lastUserMessage])).toEqual([[500, 'surprise']]);
  });

  it('streams when asked to', async () => {
    server = await startScriptedServer([{ content: 'streamed text' }]);
    const stream = await sdk(server.url).chat.completions.create({
      model: 'm',
      messages: user('hi'),
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let completionTokens = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }
    expect(text).toBe('streamed text');
    expect(completionTokens).toBe(4);
  });

  it('closes promptly while a delayed answer is pending', async () => {
    // The delay outlasts the test's timeout: close() passes only if it ends the pending answer.
    server = await startScriptedServer([{ content: 'slow', delayMs: 600_000 }]);
    const pending = sdk(server.url).chat.completions.create({ model: 'm', messages: user('hi') }).catch(() => 'failed');
    const { calls } = server;
    while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.close();
    server = undefined;
    expect(await pending).toBe('failed');
    expect(calls.map((call) => call.status)).toEqual([0]);
  });
});
