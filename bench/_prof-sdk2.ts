import { createLlmClient } from '../src/llm/create-client.ts';
import { ServerEventDecoder, type ServerEvent } from '../src/llm/decode-server-events.ts';
import { checkChunk } from '../src/llm/endpoint-reply.ts';
import { chunkPlanBySteps, startScriptedServer } from '../test/support/scripted-server.ts';
const size = Number(process.argv[2]);
function scalePlan(size: number) {
  return { steps: Array.from({ length: size }, (_, i) => ({ id: i + 1, action: `Part ${i + 1}`, tool: 'work', args: { input: i === 0 ? 'start' : `after \${steps.${i}.output}` } })) };
}
const plan = scalePlan(size);
const server = await startScriptedServer(Array.from({ length: 60 }, () => ({ chunks: chunkPlanBySteps(plan) })));
const llm = await createLlmClient({ name: 'm', baseURL: server.url } as never, { env: {} });
const req = { messages: [{ role: 'user', content: 'x' }], purpose: 'plan' } as never;
const cpu = async (f: () => Promise<unknown>) => { const c = process.cpuUsage(); await f(); const s = process.cpuUsage(c); return Math.round((s.user + s.system) / 1000); };
const t: Record<string, number[]> = { whole: [], fetchText: [], fetchDecode: [], ours: [] };
for (let r = 0; r < 8; r++) {
  t.whole!.push(await cpu(() => llm.complete(req)));
  t.fetchText!.push(await cpu(async () => { const res = await fetch(server.url + '/chat/completions', { method: 'POST', body: JSON.stringify({ stream: true, messages: [] }) }); await res.text(); }));
  t.fetchDecode!.push(await cpu(async () => { const res = await fetch(server.url + '/chat/completions', { method: 'POST', body: JSON.stringify({ stream: true, messages: [] }) });
    const d = new ServerEventDecoder(); const td = new TextDecoder(); let text = ''; let n = 0;
    for await (const chunk of res.body!) { n++; const ev: ServerEvent[] = []; d.push(td.decode(chunk, { stream: true }), ev); for (const e of ev) { if (e.data === '[DONE]') break; const c = checkChunk(JSON.parse(e.data)); if ('delta' in c && c.delta) text += c.delta; } }
    if (r === 7) console.log('reads', n); }));
  t.ours!.push(await cpu(async () => { const it = llm.stream!(req); for (;;) { const x = await it.next(); if (x.done) break; } }));
}
for (const [k, v] of Object.entries(t)) console.log(k, v.slice(2).sort((a, b) => a - b));
await server.close();
