// `planexec run <pipeline.yaml>`: load, plan, execute, print the result on stdout.

import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { runPipeline } from '../run/run-pipeline.ts';
import { defaultPlanCacheDir, defaultRunsRoot } from '../store/run-store.ts';
import { approvalPrompt } from './approval-prompt.ts';
import { handleInterrupts } from './interrupts.ts';
import { progressView } from './progress-view.ts';
import { openBackendOption } from './backend-option.ts';
import { parseInputFlags, parsePositiveInteger, modelWithFlags } from './cli-io.ts';
import { parseStrategy } from './parse-strategy.ts';
import { warnShortSecrets } from './warn-short-secrets.ts';
import type { RunEvent } from '../events/run-events.ts';
import { planexecInvocation } from './planexec-invocation.ts';
import { printOutcome, runIdLines } from './print-outcome.ts';
import { fixedPlanOf, modelClientFor } from './fixed-plan.ts';

export interface RunFlags {
  readonly input: string[];
  readonly json?: boolean;
  readonly yes?: boolean;
  readonly replay?: string;
  readonly record?: string;
  readonly concurrency?: string;
  readonly strategy?: string;
  readonly model?: string;
  /** --base-url */
  readonly baseUrl?: string;
  /** commander's --no-cache */
  readonly cache?: boolean;
  /** A redis:// URL (steps run on workers) or "local". */
  readonly backend?: string;
  /** A plan file (planexec plan --out) to run instead of asking for a plan. */
  readonly plan?: string;
  /** A batch over data (batch-command.ts). */
  readonly data?: string;
  readonly out?: string;
}

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  if (flags.data !== undefined || flags.out !== undefined) return (await import('./batch-command.ts')).batchCommand(file, flags);
  const cwd = process.cwd();
  const inputs = parseInputFlags(flags.input);
  const concurrency = flags.concurrency === undefined ? undefined : parsePositiveInteger('--concurrency', flags.concurrency);
  const strategy = flags.strategy === undefined ? undefined : parseStrategy(flags.strategy);
  // loadPipeline finds planexec.config.yaml itself and reports its problems with the pipeline's.
  const pipeline = await loadPipeline(file, { cwd });
  const model = modelWithFlags(pipeline.model, flags);
  warnShortSecrets(pipeline);
  // runPipeline checks the secrets and turns every secret's value (and the API key) into *** in
  // prompts, events, the run store, the result and errors.
  const fixedPlan = await fixedPlanOf(pipeline, flags.plan, inputs, cwd);
  if (typeof fixedPlan === 'number') return fixedPlan;
  const llm = await modelClientFor(model, { replay: flags.replay, record: flags.record, cwd }, fixedPlan !== undefined);
  const backend = await openBackendOption(pipeline, flags.backend, cwd);
  if (typeof backend === 'number') return backend;

  const { sink, terminal } = await progressView(flags.json === true);
  const root = defaultRunsRoot(cwd);
  const stored = { root, invocation: planexecInvocation(cwd) };
  // The id is known once the run has started: a second Ctrl-C still says how to resume it.
  let startedId: string | undefined;
  const noteId = (event: RunEvent) => {
    if (event.kind === 'run-started') startedId = event.runId;
  };

  const interrupts = handleInterrupts(() => (startedId === undefined ? '' : runIdLines({ runId: startedId, exitCode: 130 }, stored.invocation)));
  try {
    const outcome = await runPipeline({ ...pipeline, model }, {
      llm,
      inputs,
      onEvent: [noteId, sink],
      signal: interrupts.signal,
      cwd,
      ...(concurrency ? { concurrency } : {}),
      ...(strategy ? { strategy } : {}),
      store: { root },
      ...(flags.cache === false ? {} : { planCacheDir: defaultPlanCacheDir(cwd) }),
      approve: approvalPrompt(flags.yes === true, terminal),
      onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
      ...(backend ? { backend } : {}),
      ...(fixedPlan ? { plan: fixedPlan } : {}),
    });
    return await printOutcome(outcome, { json: flags.json === true, terminal }, stored);
  } finally {
    await backend?.close();
    interrupts.release();
  }
}

