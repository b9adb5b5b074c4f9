// `planexec plan <pipeline.yaml>`: ask for a plan, compile it, print it; run nothing.

import { createPlainView } from '../view/plain-view.ts';
import { createLlmClient } from '../llm/create-client.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { maskedGraph, renderGraph, type GraphFormat } from '../report/render-graph.ts';
import { createRedactor, secretValuesOf } from '../pipeline/secrets.ts';
import { planPipeline } from '../run/plan-pipeline.ts';
import { redactingLlm, redactingSink } from '../run/redact-secrets.ts';
import { CommandLineError, exitCode, jsonOrFormat, parseInputFlags, printError, modelWithFlags } from './cli-io.ts';
import { warnShortSecrets } from './warn-short-secrets.ts';
import { fixedPlanOf } from './fixed-plan.ts';
import { formatPlanFile } from '../run/read-plan-file.ts';
import type { StepGraph } from '../plan/plan-types.ts';
import { displayPathFor } from '../source/yaml-source.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface PlanFlags {
  readonly input: string[];
  readonly format: string;
  readonly json?: boolean;
  readonly replay?: string;
  readonly record?: string;
  readonly model?: string;
  /** --base-url */
  readonly baseUrl?: string;
  /** Also write the plan here, in the plan file format (`run --plan` runs it). */
  readonly out?: string;
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
  // A fixed plan (`plan:` in the pipeline) is shown as compiled, with no model call.
  const fixed = await fixedPlanOf(pipeline, undefined, inputs, cwd);
  if (typeof fixed === 'number') return fixed;
  const onEvent = redactingSink(createPlainView((line) => process.stderr.write(`${line}\n`)), redactor);
  const llm = async () => redactingLlm(await createLlmClient(model, { replay: flags.replay, record: flags.record, cwd }), redactor);
  const outcome = fixed ? undefined : await planPipeline({ ...pipeline, model }, { llm: await llm(), inputs, onEvent, onWarning: (message) => process.stderr.write(`warning: ${message}\n`) });
  if (outcome && outcome.status !== 'planned') {
    printError(redactor.redactText(outcome.error));
    return outcome.exitCode;
  }
  const graph = fixed ?? (outcome as { graph: StepGraph }).graph;
  // The plan as the model wrote it: secrets in it are masked for printing, and in the file.
  if (flags.out !== undefined) {
    const out = path.resolve(cwd, flags.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, formatPlanFile(pipeline.name, graph, (value) => redactor.redactValue(value)));
    process.stderr.write(`wrote the plan to ${displayPathFor(out, cwd)}: run it with planexec run ${pipeline.displayPath} --plan ${displayPathFor(out, cwd)}\n`);
  }
  process.stdout.write(renderGraph(maskedGraph(graph, (text) => redactor.redactText(text)), format as GraphFormat));
  return exitCode.ok;
}
