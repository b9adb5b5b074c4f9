// Compile generated plans of 1,000 / 10,000 / 20,000 steps (chains and wide fan-outs with references)
// and print ms per plan and the 20k/10k ratio. Target: 10k steps < 200 ms, ratio ≤ 2.3 (linear growth).

import { type CommandTool, compilePlan } from '../src/index.ts';

const tool: CommandTool = {
  kind: 'command',
  name: 'work',
  description: 'a step',
  command: ['true'],
  args: { type: 'object', properties: { input: { type: 'string' }, n: { type: 'integer' } }, required: ['n'], additionalProperties: false },
  output: 'text',
};

function chain(size: number): string {
  const steps = Array.from({ length: size }, (_, i) => ({ id: i + 1, action: `step ${i + 1}`, tool: 'work', args: { n: i, ...(i > 0 ? { input: `after \${steps.${i}.output}` } : {}) } }));
  return JSON.stringify({ steps });
}

function fanOut(size: number): string {
  const width = size - 2;
  const steps = [
    { id: 1, action: 'root', tool: 'work', args: { n: 0 } },
    ...Array.from({ length: width }, (_, i) => ({ id: i + 2, action: 'leaf', tool: 'work', args: { n: i, input: '${steps.1.output}' } })),
    { id: size, action: 'join', tool: 'work', args: { n: 0 }, dependsOn: Array.from({ length: width }, (_, i) => i + 2) },
  ];
  return JSON.stringify({ steps });
}

function timeCompile(text: string, size: number): number {
  const runs = size >= 10_000 ? 5 : 20;
  const limits = { limits: { maxSteps: size, maxPlanBytes: 64 * 1024 * 1024 } };
  compilePlan(text, [tool], limits); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.(); // measure compiling, not a collection left over from the last run
    const start = performance.now();
    const result = compilePlan(text, [tool], limits);
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`bench plan rejected: ${result.problems[0]?.message}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export function benchCompilePlans(): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [shape, make] of [['chain', chain], ['fan-out', fanOut]] as const) {
    for (const size of [1_000, 10_000, 20_000]) {
      const ms = timeCompile(make(size), size);
      figures[`${shape} ${size}`] = ms;
      console.log(`compile ${shape.padEnd(7)} ${String(size).padStart(6)} steps: ${ms.toFixed(1).padStart(7)} ms per plan`);
    }
    const ratio = figures[`${shape} 20000`]! / figures[`${shape} 10000`]!;
    figures[`${shape} ratio`] = ratio;
    console.log(`compile ${shape.padEnd(7)} 20k/10k ratio: ${ratio.toFixed(2)} (target ≤ 2.3; 10k target < 200 ms)`);
  }
  return figures;
}

if (import.meta.main) benchCompilePlans();
