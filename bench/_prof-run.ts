import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLlmClient } from '../src/llm/create-client.ts';
import { loadPipeline } from '../src/pipeline/load-pipeline.ts';
import { runPipeline } from '../src/run/run-pipeline.ts';
import { chunkPlanBySteps, startScriptedServer } from '../test/support/scripted-server.ts';
const size = Number(process.argv[2]); const stream = process.argv[3] === 'stream'; const rounds = Number(process.argv[4] ?? 3);
function scalePlan(size: number) {
  return { steps: Array.from({ length: size }, (_, i) => ({ id: i + 1, action: `Part ${i + 1}`, tool: 'work', args: { input: i === 0 ? 'start' : `after \${steps.${i}.output}` } })) };
}
for (let r = 0; r < rounds; r++) {
  const plan = scalePlan(size);
  const server = await startScriptedServer([{ chunks: chunkPlanBySteps(plan) }]);
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-stream-run-'));
  await writeFile(path.join(dir, 'work.mjs'), `export default async () => 'done';\n`);
  await writeFile(path.join(dir, 'p.yaml'), `version: 1
name: streaming-runs
task: "Do the parts"
model: { name: m, baseURL: ${server.url} }
tools:
  - name: work
    description: One part of the job
    module: work.mjs
    args: { type: object, properties: { input: { type: string } }, required: [input], additionalProperties: false }
planning: { stream: ${stream}, maxSteps: ${size}, maxPlanBytes: ${64 * 1024 * 1024} }
`);
  const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
  const llm = await createLlmClient(pipeline.model, { env: {} });
  const t = performance.now();
  const outcome = await runPipeline(pipeline, { llm, cwd: dir });
  console.log(stream ? 'stream' : 'whole', size, (performance.now() - t).toFixed(0), outcome.status);
  await server.close(); await rm(dir, { recursive: true, force: true });
}
