// The hostile corpus's big and strange inputs (test/hostile/generated-inputs.ts), timed: the 50 MB
// plan reply through the real openai SDK and a run, as its case runs it, and each generated plan or
// pipeline through the compiler or the loader. Target: each input dealt with in < 10 s (the tests
// check only what comes of it, and that the 50 MB reply keeps memory bounded).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compilePlan, createLlmClient, loadPipeline, runPipeline } from '../src/index.ts';
import { planLimitsOf } from '../src/planner/plan-limits.ts';
import { generatedInput } from '../test/hostile/generated-inputs.ts';
import { startScriptedServer } from '../test/support/scripted-server.ts';

const TARGET_MS = 10_000;

export interface HostileInputFigure {
  readonly input: string;
  readonly how: string;
  readonly ms: number;
  readonly outcome: string;
}

const pipelineText = (baseURL: string) => `version: 1
name: hostile-bench
task: "Handle it"
model: { name: m, baseURL: ${baseURL}, maxRetries: 0 }
planning: { maxRepairs: 0 }
replan: { strategy: none }
tools:
  - name: echo_args
    description: Prints the argument it receives
    command: [echo, "{{args.text}}"]
    args: { type: object, properties: { text: { type: string } }, required: [text], additionalProperties: false }
`;

async function timed(input: string, how: string, work: () => Promise<string> | string): Promise<HostileInputFigure> {
  const start = performance.now();
  const outcome = await work();
  return { input, how, ms: performance.now() - start, outcome };
}

export async function benchHostileInputs(): Promise<HostileInputFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-hostile-'));
  const figures: HostileInputFigure[] = [];
  try {
    const server = await startScriptedServer([{ content: generatedInput('plan-50mb') as string }]);
    try {
      await writeFile(path.join(dir, 'p.yaml'), pipelineText(server.url));
      const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
      const llm = await createLlmClient(pipeline.model, { env: {} });
      figures.push(await timed('plan-50mb', 'model reply -> run', async () => (await runPipeline(pipeline, { llm, cwd: dir, onEvent: () => {} })).status));
      for (const name of ['plan-50mb', 'plan-argument-100kb', 'plan-nested-10000']) {
        const reply = generatedInput(name) as string;
        figures.push(await timed(name, 'compilePlan', () => (compilePlan(reply, pipeline.tools, planLimitsOf(pipeline)).ok ? 'accepted' : 'rejected')));
      }
    } finally {
      await server.close();
    }
    for (const name of ['yaml-alias-bomb', 'yaml-nested-10000', 'yaml-2mb', 'yaml-not-utf8']) {
      const file = path.join(dir, `${name}.yaml`);
      await writeFile(file, generatedInput(name));
      figures.push(await timed(name, 'loadPipeline', () => loadPipeline(file, { cwd: dir, config: null }).then(() => 'loaded', () => 'rejected')));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const figure of figures) {
    console.log(`hostile ${figure.input.padEnd(20)} ${figure.how.padEnd(18)} ${`${figure.ms.toFixed(1)} ms`.padStart(10)}  ${figure.outcome} (target: < ${TARGET_MS / 1000} s)`);
  }
  return figures;
}

if (import.meta.main) await benchHostileInputs();
