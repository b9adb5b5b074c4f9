// `planexec tools <pipeline.yaml> [--json]`: the tools a pipeline exposes, exactly as its plan prompt
// lists them to the model (or, with --json, the contract objects that prompt is rendered from);
// `--plan-schema`: the structured output its planning requests ask for, as sent.

import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { toolContract, toolListBlock } from '../pipeline/tool-contract.ts';
import { pipelinePlanSchema, planSchemaWarning } from '../plan/pipeline-plan-schema.ts';
import { defaultPlanPrompt } from '../prompt/default-prompts.ts';
import { renderTemplate } from '../prompt/template-engine.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { exitCode } from './cli-io.ts';

interface ToolsFlags {
  readonly json?: boolean;
  readonly planSchema?: boolean;
}

export async function toolsCommand(file: string, flags: ToolsFlags): Promise<number> {
  const cwd = process.cwd();
  const pipeline = await loadPipeline(file, { cwd });
  if (flags.planSchema) {
    const { schema, strict } = pipelinePlanSchema(pipeline.tools);
    const warning = planSchemaWarning(pipeline.tools);
    if (warning !== undefined) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`${JSON.stringify({ type: 'json_schema', json_schema: { name: 'plan', schema, strict } }, null, 2)}\n`);
    return exitCode.ok;
  }
  const contracts = pipeline.tools.map(toolContract);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(contracts, null, 2)}\n`);
    return exitCode.ok;
  }
  // The same template text the model's plan prompt uses, so this is what the model reads.
  const template = pipeline.prompts.plan ?? defaultPlanPrompt;
  const block = toolListBlock(template);
  if (block === undefined) {
    process.stderr.write(`note: the plan prompt of ${pipeline.displayPath} does not list tools with {{#each tools}}; showing them as JSON\n`);
    process.stdout.write(`${JSON.stringify(contracts, null, 2)}\n`);
    return exitCode.ok;
  }
  const text = renderTemplate(block, 'tool list', { tools: contracts });
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const declared = pipeline.tools.filter((tool) => toolKindOf(tool).declaration !== undefined).length;
  process.stderr.write(`${pipeline.displayPath}: ${declared} declared tool${declared === 1 ? '' : 's'} and the built-in llm\n`);
  return exitCode.ok;
}
