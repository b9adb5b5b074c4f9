// What a run counts as a model call: every request it sent, answered or not — a run that ends on an
// endpoint error says "1 model call", not 0. A replay with no answer and a spent budget sent nothing.

import { afterEach, describe, expect, it } from 'vitest';
import { type CompletionRequest, createOpenAiClient, type LlmClient } from '../../src/index.ts';
import { LlmError } from '../../src/llm/types.ts';
import { UsageMeter } from '../../src/events/usage-meter.ts';
import type { EventBody } from '../../src/events/run-events.ts';
import { meterLlm } from '../../src/run/metered-llm.ts';
import { startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(rules: readonly Rule[]): Promise<LlmClient> {
  server = await startScriptedServer(rules);
  return createOpenAiClient({ name: 'm', baseURL: server.url, apiKeyEnv: 'NO_KEY', maxRetries: 0, timeoutMs: 5000 }, {});
}

const request: CompletionRequest = { purpose: 'plan', model: 'm', messages: [{ role: 'user', content: 'plan it' }] };

function metered(inner: LlmClient, budget = {}) {
  const usage = new UsageMeter();
  const events: EventBody[] = [];
  return { llm: meterLlm(inner, usage, (event) => events.push(event), budget), usage, events };
}

describe('counting model calls', () => {
  it('a request the endpoint answered with an error counts as a call, with no tokens', async () => {
    const { llm, usage, events } = metered(await clientFor([{ status: 500, body: { error: { message: 'upstream exploded' } } }]));
    await expect(llm.complete(request)).rejects.toThrow(LlmError);
    expect(server!.calls).toHaveLength(1);
    expect(usage.totals).toMatchObject({ llmCalls: 1, promptTokens: 0, completionTokens: 0 });
    expect(events).toMatchObject([{ kind: 'llm-called', purpose: 'plan', promptTokens: 0, completionTokens: 0 }]);
  });

  it('a streamed request whose connection dropped counts as a call', async () => {
    const { llm, usage } = metered(await clientFor([{ chunks: ['{"steps":', '[{"id":1}', ']}'], cutAfter: 1 }]));
    const stream = llm.stream!(request);
    await expect((async () => {
      for (;;) if ((await stream.next()).done) return;
    })()).rejects.toThrow();
    expect(usage.totals.llmCalls).toBe(1);
  });

  it('a spent budget and a replay with no answer sent nothing and count nothing', async () => {
    const replayMiss: LlmClient = { complete: async () => { throw new LlmError('replay', 'no recorded answer'); } };
    const miss = metered(replayMiss);
    await expect(miss.llm.complete(request)).rejects.toThrow('no recorded answer');
    expect(miss.usage.totals.llmCalls).toBe(0);
    const spent = metered(replayMiss, { maxLlmCalls: 0 });
    await expect(spent.llm.complete(request)).rejects.toThrow('budget exceeded');
    expect(spent.usage.totals.llmCalls).toBe(0);
  });
});
