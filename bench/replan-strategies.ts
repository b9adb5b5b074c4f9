// The issue-6 scenario: a 6-step plan whose step 4 fails once. For each strategy, print the model
// calls, the prompt tokens of the replanning call and of the whole run, and how often tools ran.
// Target: the tail-only replanning prompt costs at most half of the full one.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLlmClient, loadPipeline, runPipeline } from '../src/index.ts';
import type { ReplanStrategyName } from '../src/pipeline/types.ts';
import { startScriptedServer, type Rule } from '../test/support/scripted-server.ts';

const counter = `const fs = require('fs');
const [name, input = ''] = process.argv.slice(2);
const before = fs.existsSync('runs.log') ? fs.readFileSync('runs.log', 'utf8').split('\\n').filter(Boolean) : [];
fs.appendFileSync('runs.log', name + '\\n');
if (name === 'four' && !before.includes('four')) { console.error('four: the service is warming up'); process.exit(3); }
console.log(name + ': ' + 'a realistic tool output line\\n'.repeat(60) + input.slice(0, 40));
`;

const step = (id: number, name: string, input?: string) => ({ id, action: `Part ${name}`, tool: 'count_run', args: { name, ...(input ? { input } : {}) } });
const sixSteps = {
  steps: [step(1, 'one'), step(2, 'two', '${steps.1.output}'), step(3, 'three'), step(4, 'four', '${steps.2.output}'), step(5, 'five', '${steps.3.output}'), step(6, 'six', '${steps.4.output} ${steps.5.output}')],
};
const tail = { steps: [step(7, 'four', '${steps.2.output}'), step(8, 'six', '${steps.7.output} ${steps.5.output}')] };

async function scenario(strategy: ReplanStrategyName) {
  const rules: Rule[] = [
    { match: /replace only the failed step/, json: tail },
    { match: /A step of your plan failed/, json: sixSteps },
    { json: sixSteps },
  ];
  const server = await startScriptedServer(rules);
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-'));
  await writeFile(path.join(dir, 'counter.js'), counter);
  await writeFile(
    path.join(dir, 'p.yaml'),
    `version: 1
name: six-steps
task: "Run the six-step job"
model: { name: m, baseURL: ${server.url} }
tools:
  - name: count_run
    description: Runs a named part of the job
    command: [${JSON.stringify(process.execPath)}, counter.js, "{{args.name}}", "{{args.input}}"]
    cwd: .
    args: { type: object, properties: { name: { type: string }, input: { type: string } }, required: [name], additionalProperties: false }
execution: { concurrency: 1 }
replan: { strategy: ${strategy} }
`,
  );
  try {
    const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
    const outcome = await runPipeline(pipeline, { llm: await createLlmClient(pipeline.model, { env: {} }), cwd: dir });
    const runs = (await readFile(path.join(dir, 'runs.log'), 'utf8')).split('\n').filter(Boolean).length;
    const replanCall = server.calls[1];
    const replanPromptTokens = replanCall ? Math.ceil(replanCall.text.length / 4) : 0;
    return { status: outcome.status, calls: outcome.usage.llmCalls, promptTokens: outcome.usage.promptTokens, replanPromptTokens, toolRuns: runs, reused: outcome.usage.reusedSteps };
  } finally {
    await server.close();
  }
}

export async function benchReplanStrategies(): Promise<Record<string, Awaited<ReturnType<typeof scenario>>>> {
  const figures: Record<string, Awaited<ReturnType<typeof scenario>>> = {};
  for (const strategy of ['full', 'tail-only', 'retry-step'] as const) {
    const f = (figures[strategy] = await scenario(strategy));
    console.log(
      `replan ${strategy.padEnd(10)}: ${f.status}, ${f.calls} model calls, replanning prompt ${String(f.replanPromptTokens).padStart(5)} tokens, run ${String(f.promptTokens).padStart(5)} prompt tokens, ${f.toolRuns} tool runs, ${f.reused} reused`,
    );
  }
  const ratio = figures['tail-only']!.replanPromptTokens / figures.full!.replanPromptTokens;
  console.log(`replan tail-only / full replanning prompt tokens: ${ratio.toFixed(2)} (target ≤ 0.5)`);
  return figures;
}

if (import.meta.main) await benchReplanStrategies();
