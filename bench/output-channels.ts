// Output channels and endpoint faults (issue 18 items 9, 10, 13; issue 17's stream items).
// What it costs: plain progress lines (written as the CLI writes them) with control characters escaped
// vs. the same lines unescaped, and a streamed reply read through planexec's client (body tap, checked
// chunks, silence timer) vs. the openai SDK's own iteration over the same server — ratios of
// interleaved rounds (A, B, A, B, …), min and median. What it buys: how each endpoint fault ends, and
// whether a busy consumer of a streamed plan (or a blocked event loop) is taken for a silent server.
// Targets: views ≤ 1.10×, stream ≤ 1.25×; every fault a clear LlmError; the busy client's plan read whole.

import { closeSync, openSync, writeSync } from 'node:fs';
import OpenAI from 'openai';
import { createEventEmitter, type EventBody, type RunEvent } from '../src/events/run-events.ts';
import { type CompletionRequest, createOpenAiClient, type LlmClient, LlmError } from '../src/index.ts';
import { createPlainView, describeEvent } from '../src/view/plain-view.ts';
import { chunkPlanBySteps, startScriptedServer, type Rule } from '../test/support/scripted-server.ts';

interface Ratio {
  readonly min: number;
  readonly median: number;
}

/** Rounds of A then B; the ratio B/A of each round's times, min and median. */
async function interleaved(rounds: number, a: () => unknown, b: () => unknown): Promise<Ratio> {
  const ratios: number[] = [];
  // One round of each first, not counted: both sides start warm.
  await a();
  await b();
  for (let round = 0; round < rounds; round++) {
    (globalThis as { gc?: () => void }).gc?.();
    let started = performance.now();
    await a();
    const aMs = performance.now() - started;
    started = performance.now();
    await b();
    ratios.push((performance.now() - started) / aMs);
  }
  ratios.sort((x, y) => x - y);
  return { min: ratios[0]!, median: ratios[Math.floor(ratios.length / 2)]! };
}

function syntheticEvents(count: number, hostileEvery: number): RunEvent[] {
  const events: RunEvent[] = [];
  const emit = createEventEmitter([(event) => events.push(event)]);
  const usage = { llmCalls: 1, promptTokens: 1, completionTokens: 1, replans: 0, stepRuns: count, reusedSteps: 0 };
  const steps = Array.from({ length: 50 }, (_, i) => ({ id: String(i + 1), action: `Fetch page ${i + 1} of the changelog`, tool: 'fetch', args: {}, dependsOn: [], needs: [] }));
  emit({ kind: 'plan-accepted', planNumber: 1, steps, criticalPathLength: 1 } as EventBody);
  for (let i = 0; events.length < count; i++) {
    const action = i % hostileEvery === 0 ? `Fetch \u001b]52;c;eA==\u0007 page ${i}` : `Fetch page ${i} of the changelog`;
    emit({ kind: 'step-started', planNumber: 1, stepId: String((i % 50) + 1), tool: 'fetch', action });
    emit(i % 7 === 0
      ? { kind: 'step-failed', planNumber: 1, stepId: String((i % 50) + 1), durationMs: 12, error: `GET https://example.test/${i} answered 503: upstream overloaded` }
      : { kind: 'step-succeeded', planNumber: 1, stepId: String((i % 50) + 1), durationMs: 12, outputPreview: 'ok' });
  }
  emit({ kind: 'run-finished', status: 'succeeded', result: 'done', usage });
  return events;
}

/** The plain view as it was before escaping: the same words, lines written as they are. */
function unescapedPlainView(write: (line: string) => void): (event: RunEvent) => void {
  return (event) => {
    const text = describeEvent(event);
    if (text === undefined) return;
    const time = event.time.slice(11, 23);
    for (const line of text.split('\n')) write(`${time} ${line}`);
  };
}

/** Each line written as the CLI writes it (one write per line), to /dev/null. */
async function viewsRatio(events: readonly RunEvent[]): Promise<Ratio> {
  const fd = openSync('/dev/null', 'w');
  try {
    const write = (line: string) => void writeSync(fd, `${line}\n`);
    const run = (view: (event: RunEvent) => void) => () => {
      for (const event of events) view(event);
    };
    return await interleaved(15, run(unescapedPlainView(write)), run(createPlainView(write)));
  } finally {
    closeSync(fd);
  }
}

const request: CompletionRequest = { purpose: 'plan', model: 'm', messages: [{ role: 'user', content: 'plan' }] };

async function drain(client: LlmClient, busyMs = 0): Promise<string> {
  const stream = client.stream!(request);
  let text = '';
  for (;;) {
    const next = await stream.next();
    if (next.done) return text;
    text += next.value;
    if (busyMs > 0) await new Promise((resolve) => setTimeout(resolve, busyMs));
  }
}

async function streamRatio(pieces: number): Promise<Ratio> {
  const plan = { steps: Array.from({ length: pieces }, (_, i) => ({ id: i + 1, tool: 'echo', args: { text: `piece ${i}` } })) };
  const server = await startScriptedServer([{ chunks: chunkPlanBySteps(plan) }]);
  try {
    const sdk = new OpenAI({ apiKey: 'x', baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    const client = createOpenAiClient({ name: 'm', baseURL: server.url, apiKeyEnv: 'NO_KEY', maxRetries: 0, timeoutMs: 30_000 }, {});
    const viaSdk = async () => {
      const stream = await sdk.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'plan' }], stream: true, stream_options: { include_usage: true } });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      return text;
    };
    return await interleaved(9, viaSdk, () => drain(client));
  } finally {
    await server.close();
  }
}

/** How each fault ends, for a whole and a streamed reply: a clear LlmError, or something else. */
async function faultOutcomes(): Promise<{ clear: number; total: number; others: string[] }> {
  const faults: Record<string, Rule> = {
    'HTML page': { raw: '<html>502</html>', contentType: 'text/html' },
    'JSON cut short': { raw: '{"choices": [' },
    'JSON null': { raw: 'null' },
    'JSON of another API': { raw: '{"result":"ok"}' },
    'choices not a list': { raw: '{"choices":"x"}' },
    'body cut mid-way': { chunks: ['{"steps":', '[]}'], cutAfter: 1 },
    'cut after the headers': { chunks: ['{"steps":[]}'], cutAfter: 0 },
    'garbled event': { raw: 'data: {not json\n\n', contentType: 'text/event-stream' },
    'event of another shape': { raw: 'data: {"choices":"x"}\n\ndata: [DONE]\n\n', contentType: 'text/event-stream' },
    'error event': { raw: 'data: {"error":{"message":"boom"}}\n\n', contentType: 'text/event-stream' },
  };
  let clear = 0;
  let total = 0;
  const others: string[] = [];
  for (const [name, rule] of Object.entries(faults)) {
    for (const mode of ['whole', 'streamed'] as const) {
      const server = await startScriptedServer([rule]);
      const client = createOpenAiClient({ name: 'm', baseURL: server.url, apiKeyEnv: 'NO_KEY', maxRetries: 0, timeoutMs: 5000 }, {});
      total++;
      try {
        await (mode === 'whole' ? client.complete(request) : drain(client));
        others.push(`${name} (${mode}): accepted`);
      } catch (error) {
        if (error instanceof LlmError) clear++;
        else others.push(`${name} (${mode}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      } finally {
        await server.close();
      }
    }
  }
  return { clear, total, others };
}

/**
 * A streamed plan the server writes quickly (a piece every 10 ms) while the client is busy for longer
 * than model.timeout (400 ms): on what it received (900 ms per piece), or elsewhere with the event loop
 * blocked while the stream waits (900 ms). The server was never silent: the plan must be read whole.
 */
async function busyClient(how: 'consumer' | 'event loop'): Promise<string> {
  const plan = { steps: Array.from({ length: 3 }, (_, i) => ({ id: i + 1, tool: 'echo', args: { text: `step ${i}` } })) };
  const pieces = chunkPlanBySteps(plan);
  const server = await startScriptedServer([{ chunks: pieces, chunkDelayMs: 10 }]);
  try {
    const client = createOpenAiClient({ name: 'm', baseURL: server.url, apiKeyEnv: 'NO_KEY', maxRetries: 0, timeoutMs: 400 }, {});
    const stream = client.stream!(request);
    let text = '';
    for (let read = 0; ; read++) {
      const blocked = how === 'event loop' && read > 0 && read < pieces.length;
      if (blocked) setTimeout(() => void busyFor(900), 5);
      const next = await stream.next();
      if (next.done) break;
      text += next.value;
      if (how === 'consumer' && read < pieces.length - 1) await new Promise((resolve) => setTimeout(resolve, 900));
    }
    return text === JSON.stringify(plan) ? 'read whole' : 'read, but not whole';
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await server.close();
  }
}

function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* the client's own work */
  }
}

export async function benchOutputChannels(): Promise<{ views: Ratio; hostileViews: Ratio; stream: Ratio }> {
  const x = (ratio: Ratio) => `min ${ratio.min.toFixed(2)}×, median ${ratio.median.toFixed(2)}×`;
  const views = await viewsRatio(syntheticEvents(20_000, 1_000_000));
  console.log(`views: plain lines of 20,000 events, escaped / unescaped: ${x(views)} (target ≤ 1.10×)`);
  const hostileViews = await viewsRatio(syntheticEvents(20_000, 10));
  console.log(`views: the same with every 10th action hostile, escaped / unescaped: ${x(hostileViews)}`);
  const stream = await streamRatio(2_000);
  console.log(`stream: 2,000 pieces over HTTP, planexec client / openai SDK iteration: ${x(stream)} (target ≤ 1.25×)`);
  const faults = await faultOutcomes();
  console.log(`faults: ${faults.clear} of ${faults.total} endpoint faults end as a clear LlmError (target: all)`);
  for (const other of faults.others) console.log(`faults:   ${other}`);
  console.log(`busy client: a streamed plan, the consumer 0.9 s on each piece, model.timeout 0.4 s: ${await busyClient('consumer')} (target: read whole)`);
  console.log(`busy client: a streamed plan, the event loop blocked 0.9 s while it waits, model.timeout 0.4 s: ${await busyClient('event loop')} (target: read whole)`);
  return { views, hostileViews, stream };
}

if (import.meta.main) await benchOutputChannels();
