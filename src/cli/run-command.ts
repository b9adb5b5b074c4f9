// `planexec run <pipeline.yaml>`: load, plan, execute, print the result on stdout.

import { formatUsage } from '../execute/view/plain-view.ts';
import { createLlmClient } from '../llm/create-client.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import type { EventSink } from '../run/events.ts';
import { MissingSecretError, redactingLlm, redactingSink, secretRedactor } from '../run/redact-secrets.ts';
import { runPipeline } from '../run/run-pipeline.ts';
import { defaultPlanCacheDir, defaultRunsRoot } from '../run/run-store.ts';
import { approvalPrompt } from './approval-prompt.ts';
import { handleInterrupts } from './interrupts.ts';
import { progressView } from './progress-view.ts';
import { openBackendOption } from './backend-option.ts';
import { parseInputFlags, parsePositiveInteger, parseStrategy, printError, UsageError } from './cli-io.ts';

export interface RunFlags {
  readonly input: string[];
  readonly json?: boolean;
  readonly yes?: boolean;
  readonly replay?: string;
  readonly record?: string;
  readonly concurrency?: string;
  readonly strategy?: string;
  readonly model?: string;
  /** commander's --no-cache */
  readonly cache?: boolean;
  /** A redis:// URL (steps run on workers) or "local". */
  readonly backend?: string;
}

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const cwd = process.cwd();
  const inputs = parseInputFlags(flags.input);
  const concurrency = flags.concurrency === undefined ? undefined : parsePositiveInteger('--concurrency', flags.concurrency);
  const strategy = flags.strategy === undefined ? undefined : parseStrategy(flags.strategy);
  // loadPipeline finds planexec.config.yaml itself and reports its problems with the pipeline's.
  const pipeline = await loadPipeline(file, { cwd });
  const model = flags.model ? { ...pipeline.model, name: flags.model } : pipeline.model;
  // Every secret's value (and the API key) becomes *** in prompts, events, the result and errors.
  const redactor = secretRedactorOrUsageError(pipeline, process.env);
  const llm = redactingLlm(await createLlmClient(model, { replay: flags.replay, record: flags.record, cwd }), redactor);
  const backend = await openBackendOption(pipeline, flags.backend, cwd);
  if (typeof backend === 'number') return backend;

  const { sink, terminal } = progressView(flags.json === true);
  const sinks: EventSink[] = [sink];
  const redactedSinks = sinks.map((sink) => redactingSink(sink, redactor));

  const interrupts = handleInterrupts();
  try {
    const outcome = await runPipeline({ ...pipeline, model }, {
      llm,
      inputs,
      onEvent: redactedSinks,
      signal: interrupts.signal,
      cwd,
      ...(concurrency ? { concurrency } : {}),
      ...(strategy ? { strategy } : {}),
      store: { root: defaultRunsRoot(cwd) },
      ...(flags.cache === false ? {} : { planCacheDir: defaultPlanCacheDir(cwd) }),
      approve: approvalPrompt(flags.yes === true, terminal),
      redact: (event) => redactor.redactValue(event),
      ...(backend ? { backend } : {}),
    });
    await terminal?.finished();
    if (outcome.status === 'succeeded') {
      const result = redactor.redactText(outcome.result!);
      if (!flags.json) process.stdout.write(result.endsWith('\n') ? result : `${result}\n`);
    } else if (outcome.error) {
      printError(redactor.redactText(outcome.error));
    }
    if (terminal) {
      process.stderr.write(`${formatUsage(outcome.usage)}\n`);
    }
    return outcome.exitCode;
  } finally {
    await backend?.close();
    interrupts.release();
  }
}

function secretRedactorOrUsageError(...args: Parameters<typeof secretRedactor>): ReturnType<typeof secretRedactor> {
  try {
    return secretRedactor(...args);
  } catch (error) {
    if (error instanceof MissingSecretError) throw new UsageError(error.message);
    throw error;
  }
}
