import { createLlmClient } from '../src/llm/create-client.ts';
import { chunkPlanBySteps, startScriptedServer } from '../test/support/scripted-server.ts';
const size = Number(process.argv[2]);
function scalePlan(size: number) {
  return { steps: Array.from({ length: size }, (_, i) => ({ id: i + 1, action: `Part ${i + 1}`, tool: 'work', args: { input: i === 0 ? 'start' : `after \${steps.${i}.output}` } })) };
}
const plan = scalePlan(size);
const server = await startScriptedServer(Array.from({ length: 40 }, () => ({ chunks: chunkPlanBySteps(plan) })));
const llm = await createLlmClient({ name: 'm', baseURL: server.url } as never, { env: {} });
const req = { messages: [{ role: 'user', content: 'x' }], purpose: 'plan' } as never;
const t = { whole: [] as number[], stream: [] as number[] };
for (let r = 0; r < 6; r++) {
  let c = process.cpuUsage();
  await llm.complete(req);
  let s = process.cpuUsage(c); t.whole.push((s.user + s.system) / 1000);
  c = process.cpuUsage();
  const it = llm.stream!(req); let n = 0;
  for (;;) { const x = await it.next(); if (x.done) break; n++; }
  s = process.cpuUsage(c); t.stream.push((s.user + s.system) / 1000);
}
console.log(size, 'whole cpu', t.whole.map(Math.round), 'stream cpu', t.stream.map(Math.round));
await server.close();
