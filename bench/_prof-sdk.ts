import OpenAI from 'openai';
import { createLlmClient } from '../src/llm/create-client.ts';
import { chunkPlanBySteps, startScriptedServer } from '../test/support/scripted-server.ts';
const size = Number(process.argv[2]);
function scalePlan(size: number) {
  return { steps: Array.from({ length: size }, (_, i) => ({ id: i + 1, action: `Part ${i + 1}`, tool: 'work', args: { input: i === 0 ? 'start' : `after \${steps.${i}.output}` } })) };
}
const plan = scalePlan(size);
const server = await startScriptedServer(Array.from({ length: 60 }, () => ({ chunks: chunkPlanBySteps(plan) })));
const sdk = new OpenAI({ baseURL: server.url, apiKey: 'x' });
const llm = await createLlmClient({ name: 'm', baseURL: server.url } as never, { env: {} });
const req = { messages: [{ role: 'user', content: 'x' }], purpose: 'plan' } as never;
const cpu = async (f: () => Promise<unknown>) => { const c = process.cpuUsage(); await f(); const s = process.cpuUsage(c); return Math.round((s.user + s.system) / 1000); };
const t: Record<string, number[]> = { fetchText: [], sdkIter: [], ours: [] };
for (let r = 0; r < 6; r++) {
  t.fetchText!.push(await cpu(async () => { const res = await fetch(server.url + '/chat/completions', { method: 'POST', body: JSON.stringify({ stream: true, messages: [] }) }); await res.text(); }));
  t.sdkIter!.push(await cpu(async () => { const s = await sdk.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }); let x = ''; for await (const c of s) x += c.choices[0]?.delta?.content ?? ''; }));
  t.ours!.push(await cpu(async () => { const it = llm.stream!(req); for (;;) { const x = await it.next(); if (x.done) break; } }));
}
console.log(size, JSON.stringify(t));
await server.close();
