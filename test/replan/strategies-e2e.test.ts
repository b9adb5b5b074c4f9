import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient, loadPipeline, type RunEvent, type RunOutcome, runPipeline } from '../../src/index.ts';
import { startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

// The strategies run through the library (runPipeline), with real tool processes and the real SDK
// over HTTP: what they decide is logic, not the CLI's. The CLI's --strategy flag has its own test.

// A 6-step plan where step 4 fails on its first run. Every tool run is appended to runs.log, so the
// tests count how often each step's tool really ran under each strategy. A shell script: these tests
// start some 70 tool processes, and sh starts in a fraction of node's time.
const counter = `name="$1"; input="$2"
ran_before=no
if [ -e runs.log ] && grep -qx "$name" runs.log; then ran_before=yes; fi
printf '%s\\n' "$name" >> runs.log
if [ "$name" = four ] && [ $ran_before = no ]; then echo 'four: the service is warming up' >&2; exit 3; fi
if [ "$name" = three ]; then printf 'three:'; head -c 3000 /dev/zero | tr '\\0' x; echo; exit 0; fi
printf '%s(%s)\\n' "$name" "$(printf '%s' "$input" | cut -c1-40)"
`;

function pipeline(replan: string, extra = ''): string {
  return `version: 1
name: six-steps
task: "Run the six-step job"
model: { name: m }
tools:
  - name: count_run
    description: Runs a named part of the job
    command: [sh, counter.sh, "{{args.name}}", "{{args.input}}"]
    cwd: .
    args:
      type: object
      properties: { name: { type: string }, input: { type: string } }
      required: [name]
      additionalProperties: false
execution: { concurrency: 1 }
replan: ${replan}
${extra}`;
}

const step = (id: number | string, name: string, input?: string) => ({ id, action: `Part ${name}`, tool: 'count_run', args: { name, ...(input ? { input } : {}) } });
const sixSteps = {
  steps: [
    step(1, 'one'),
    step(2, 'two', '${steps.1.output}'),
    step(3, 'three'),
    step(4, 'four', '${steps.2.output}'),
    step(5, 'five', '${steps.3.output}'),
    step(6, 'six', '${steps.4.output} + ${steps.5.output}'),
  ],
};

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** How often each part's tool ran, from runs.log. */
async function runsIn(dir: string): Promise<Record<string, number>> {
  const log = await readFile(path.join(dir, 'runs.log'), 'utf8').catch(() => '');
  const runs: Record<string, number> = {};
  for (const name of log.split('\n').filter(Boolean)) runs[name] = (runs[name] ?? 0) + 1;
  return runs;
}

/** A run of `yaml` in a fresh folder (with counter.sh) against the scripted model. */
async function runIn(yaml: string, rules: Rule[]): Promise<{ outcome: RunOutcome; events: RunEvent[]; dir: string }> {
  server = await startScriptedServer(rules);
  const dir = await tempProject({ 'p.yaml': yaml, 'counter.sh': counter });
  const pipeline = await loadPipeline(path.join(dir, 'p.yaml'), { cwd: dir, config: null });
  const llm = await createLlmClient(pipeline.model, { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
  const events: RunEvent[] = [];
  const outcome = await runPipeline(pipeline, { llm, cwd: dir, env: { PATH: process.env.PATH }, onEvent: (event) => events.push(event) });
  return { outcome, events, dir };
}

/** An event read field by field, as from the CLI's --json lines. */
type AnyEvent = any;

async function runScenario(replan: string, rules: Rule[], extra = '') {
  const { outcome, events, dir } = await runIn(pipeline(replan, extra), rules);
  return { outcome, events: events as AnyEvent[], runs: await runsIn(dir), finished: events.at(-1) as AnyEvent, calls: server!.calls };
}

const firstPlan: Rule = { match: /Run the six-step job/, times: 1, json: sixSteps };

describe('replanning strategies, end to end (step 4 fails once)', () => {
  it('tail-only keeps the four steps that succeeded and replaces only step 4 and its dependent 6', async () => {
    const tail = { steps: [step(7, 'four', '${steps.2.output}'), step(8, 'six', '${steps.7.output} + ${steps.5.output}')] };
    const { outcome, runs, finished, calls, events } = await runScenario('{ strategy: tail-only }', [{ match: /replace only the failed step/, json: tail }, firstPlan]);
    expect(outcome.exitCode).toBe(0);
    expect(runs).toEqual({ one: 1, three: 1, two: 1, five: 1, four: 2, six: 1 });
    expect(calls).toHaveLength(2);
    expect(finished.result).toBe('six(four(two(one())) + five(three:xxxxxxxxxx)');
    expect(events.find((e) => e.kind === 'replan-started')).toMatchObject({ strategy: 'tail-only', scope: 'tail', kept: ['1', '2', '3', '5'], replaced: ['4', '6'] });
    expect(finished.usage).toMatchObject({ llmCalls: 2, replans: 1, stepRuns: 7, reusedSteps: 0 });
    // The prompt summarises kept steps: step 3's 3,000-character output is cut to its first 300.
    const prompt = calls[1]!.lastUserMessage;
    expect(prompt).toContain('- step 3 (count_run): Part three -- succeeded; output begins: three:xxx');
    expect(prompt).toContain('more characters]');
    expect(prompt).not.toContain('x'.repeat(400));
    expect(prompt).toContain('Error: ');
    expect(prompt).toContain('four: the service is warming up');
  });

  it('tail-only rejects replacement steps that redo kept work, and the repair fixes it', async () => {
    const redo = { steps: [step(7, 'one'), step(8, 'four', '${steps.7.output}'), step(9, 'six', '${steps.8.output}')] };
    const fixed = { steps: [step(8, 'four', '${steps.2.output}'), step(9, 'six', '${steps.8.output}')] };
    const { outcome, runs, calls } = await runScenario('{ strategy: tail-only }', [
      { match: /The runner rejected your plan/, json: fixed },
      { match: /replace only the failed step/, json: redo },
      firstPlan,
    ]);
    expect(outcome.exitCode).toBe(0);
    expect(calls).toHaveLength(3);
    expect(calls[2]!.lastUserMessage).toContain('step 7 (count_run): repeats kept step 1, which already succeeded with the same arguments; use ${steps.1.output} instead');
    expect(runs.one).toBe(1);
  });

  it('full writes a new plan; steps it repeats unchanged reuse their outputs instead of running again', async () => {
    const { outcome, runs, calls, finished, events } = await runScenario('{ strategy: full }', [{ match: /A step of your plan failed/, json: sixSteps }, firstPlan]);
    expect(outcome.exitCode).toBe(0);
    expect(runs).toEqual({ one: 1, three: 1, two: 1, five: 1, four: 2, six: 1 });
    expect(calls).toHaveLength(2);
    expect(finished.usage).toMatchObject({ llmCalls: 2, replans: 1, stepRuns: 7, reusedSteps: 4 });
    expect(events.filter((e) => e.kind === 'step-succeeded' && e.reused).map((e) => e.stepId)).toEqual(['1', '3', '2', '5']);
    expect(calls[1]!.lastUserMessage).toContain('Failed: step 4 (count_run)');
  });

  it('retry-step reruns only the failed step, with no model call', async () => {
    const { outcome, runs, calls, finished, events } = await runScenario('{ strategy: retry-step, retries: 2 }', [firstPlan]);
    expect(outcome.exitCode).toBe(0);
    expect(runs).toEqual({ one: 1, three: 1, two: 1, five: 1, four: 2, six: 1 });
    expect(calls).toHaveLength(1);
    expect(finished.usage).toMatchObject({ llmCalls: 1, replans: 0, stepRuns: 7 });
    expect(events.find((e) => e.kind === 'replan-started')).toMatchObject({ scope: 'retry', replaced: ['4'], kept: ['1', '3', '2', '5'] });
  });

  it('retry-step with fixArgs asks one small prompt for the step\'s arguments and reruns it with them', async () => {
    const { outcome, runs, calls, finished } = await runScenario('{ strategy: retry-step, fixArgs: true }', [
      { match: /Correct its arguments/, json: { name: 'four', input: 'corrected' } },
      firstPlan,
    ]);
    expect(outcome.exitCode).toBe(0);
    expect(runs.four).toBe(2);
    expect(calls).toHaveLength(2);
    const prompt = calls[1]!.lastUserMessage;
    expect(prompt).toContain('Arguments that failed: {"name":"four","input":"${steps.2.output}"}');
    expect(prompt).toContain('Error: ');
    expect(prompt).not.toContain('Part one'); // the small prompt carries only this step
    expect(finished.result).toBe('six(four(corrected) + five(three:xxxxxxxxxxx)');
  });

  it('--strategy none overrides the pipeline and fails at the first failed step (exit 1)', async () => {
    server = await startScriptedServer([firstPlan]);
    const dir = await tempProject({ 'p.yaml': pipeline('{ strategy: full }'), 'counter.sh': counter });
    const result = await runCli(['run', 'p.yaml', '--strategy', 'none'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(result.code).toBe(1);
    expect(await runsIn(dir)).toEqual({ one: 1, three: 1, two: 1, five: 1, four: 1 });
    expect(server.calls).toHaveLength(1);
    expect(result.stderr).toContain('replanning is off (replan.strategy: none)');
  });

  it('budget.maxLlmCalls ends the run with exit 3 naming the budget before the replan call', async () => {
    const { outcome, calls, finished } = await runScenario('{ strategy: full }', [firstPlan], 'budget: { maxLlmCalls: 1 }\n');
    expect(outcome.exitCode).toBe(3);
    expect(calls).toHaveLength(1);
    expect(finished.status).toBe('plan-failed');
    expect(finished.error).toMatch(/^budget exceeded: budget\.maxLlmCalls is 1 and the run has made 1 model call, so step 4 \(count_run\) cannot be replanned: /);
  });

  it('a budget spent inside an llm step ends the run with exit 3, without retrying or replanning', async () => {
    const plan = { steps: [step(1, 'one'), { id: 2, tool: 'llm', args: { prompt: 'summarise ${steps.1.output}' } }] };
    const { outcome, calls, finished } = await runScenario('{ strategy: retry-step }', [{ json: plan }], 'budget: { maxLlmCalls: 1 }\n');
    expect(outcome.exitCode).toBe(3);
    expect(calls).toHaveLength(1);
    expect(finished.status).toBe('plan-failed');
    expect(finished.error).toContain('budget exceeded: budget.maxLlmCalls is 1');
  });

  it('budget.maxTokens is checked against the tokens the API reported', async () => {
    const { outcome, finished } = await runScenario('{ strategy: full }', [firstPlan], 'budget: { maxTokens: 50 }\n');
    expect(outcome.exitCode).toBe(3);
    expect(finished.error).toMatch(/^budget exceeded: budget\.maxTokens is 50 and the run has used \d+ tokens, so step 4/);
  });
});

describe('critical: false', () => {
  it('a failed step of a non-critical tool that nothing needs does not stop the run or trigger a replan', async () => {
    const { outcome, events } = await runIn(
      `version: 1
name: optional
task: "Notify and finish"
tools:
  - name: notify
    description: Best-effort notification
    command: [sh, -c, "exit 1"]
    args: { type: object, properties: {}, additionalProperties: false }
    critical: false
`,
      [{ json: { steps: [{ id: 1, tool: 'notify', args: {} }, { id: 2, tool: 'llm', args: { prompt: 'done?' } }] } }],
    );
    expect(outcome.exitCode).toBe(0);
    expect(events.map((e) => e.kind)).toContain('failure-tolerated');
    expect(events.at(-1)).toMatchObject({ status: 'succeeded', usage: { replans: 0 } });
  });
});
