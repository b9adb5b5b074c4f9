// `planexec plan <pipeline.yaml>`: ask for a plan, compile it, print it; run nothing.

import { createPlainView } from '../view/plain-view.ts';
import { createLlmClient } from '../llm/create-client.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { maskedGraph, renderGraph, type GraphFormat } from '../report/render-graph.ts';
import { createRedactor, secretValuesOf } from '../pipeline/secrets.ts';
import { planPipeline } from '../run/plan-pipeline.ts';
import { redactingLlm, redactingSink } from '../run/redact-secrets.ts';
import { CommandLineError, jsonOrFormat, parseInputFlags, printError, warnShortSecrets, modelWithFlags } from './cli-io.ts';

interface PlanFlags {
  readonly input: string[];
  readonly format: string;
  readonly json?: boolean;
  readonly replay?: string;
  readonly record?: string;
  readonly model?: string;
  /** --base-url */
  readonly baseUrl?: string;
}

const formats: readonly GraphFormat[] = ['json', 'mermaid', 'dot'];

export async function planCommand(file: string, flags: PlanFlags): Promise<number> {
  const format = jsonOrFormat(flags, 'json');
  if (!formats.includes(format as GraphFormat)) throw new CommandLineError(`--format must be one of ${formats.join(', ')}, got "${flags.format}"`);
  const cwd = process.cwd();
  const inputs = parseInputFlags(flags.input);
  // loadPipeline finds planexec.config.yaml itself and reports its problems with the pipeline's.
  const pipeline = await loadPipeline(file, { cwd });
  const model = modelWithFlags(pipeline.model, flags);
  warnShortSecrets(pipeline);
  // Secrets need not be set to plan, but any that are (and the API key) never reach the model or stderr.
  const redactor = createRedactor(secretValuesOf(pipeline, process.env));
  const llm = redactingLlm(await createLlmClient(model, { replay: flags.replay, record: flags.record, cwd }), redactor);
  const onEvent = redactingSink(createPlainView((line) => process.stderr.write(`${line}\n`)), redactor);
  const outcome = await planPipeline({ ...pipeline, model }, { llm, inputs, onEvent, onWarning: (message) => process.stderr.write(`warning: ${message}\n`) });
  if (outcome.status !== 'planned') {
    printError(redactor.redactText(outcome.error));
    return outcome.exitCode;
  }
  // The plan as the model wrote it: secrets in it are masked for printing.
  process.stdout.write(renderGraph(maskedGraph(outcome.graph, (text) => redactor.redactText(text)), format as GraphFormat));
  return outcome.exitCode;
}
