// The size of a planning request with the pipeline's own plan schema against the generic plan schema
// sent before it (schemas/plan.schema.json), for pipelines of 5, 20 and 100 tools. Measured on the
// request body the openai SDK actually sends to the scripted server; tokens approximated as
// characters / 4 (how the scripted server counts them; real tokenizers differ by tens of percent).

import { createRequire } from 'node:module';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLlmClient, loadPipeline, planPipeline } from '../src/index.ts';
import { startScriptedServer } from '../test/support/scripted-server.ts';

const genericSchema = createRequire(import.meta.url)('../schemas/plan.schema.json') as Record<string, unknown>;

/** A tool like those of the tool library: three described arguments, one required, closed. */
function toolYaml(index: number): string {
  return `  - name: tool_${index}
    description: Looks up record ${index} of the inventory and returns it as text
    command: [echo, "{{args.query}}"]
    args:
      type: object
      properties:
        query: { type: string, minLength: 1, description: "What to look up, e.g. a part number" }
        limit: { type: integer, minimum: 1, maximum: 100, description: "Most results. Default 10." }
        exact: { type: boolean, description: "true: only exact matches" }
      required: [query]
      additionalProperties: false`;
}

const plan = { steps: [{ id: 1, action: 'Answer', tool: 'llm', args: { prompt: 'x' }, dependsOn: null }] };
const tokens = (chars: number) => Math.ceil(chars / 4);

export async function benchPlanSchemaSize(): Promise<void> {
  const server = await startScriptedServer([{ json: plan }]);
  const dir = await mkdtemp(path.join(tmpdir(), 'planexec-bench-schema-'));
  try {
    console.log('tools | request bytes, generic schema | request bytes, pipeline schema (strict) | ratio | ≈ tokens, generic → pipeline | of which the schema');
    for (const count of [5, 20, 100]) {
      const file = path.join(dir, `p${count}.yaml`);
      const tools = Array.from({ length: count }, (_, i) => toolYaml(i + 1)).join('\n');
      await writeFile(file, `version: 1\nname: p${count}\ntask: "Answer the question"\nmodel: { name: m, baseURL: ${server.url} }\ntools:\n${tools}\n`);
      const pipeline = await loadPipeline(file, { cwd: dir, config: null });
      const before = server.calls.length;
      const outcome = await planPipeline(pipeline, { llm: await createLlmClient(pipeline.model, { env: {} }) });
      if (outcome.status !== 'planned') throw new Error(`planning failed: ${outcome.error}`);
      const body = server.calls[before]!.body!;
      const format = body['response_format'] as { json_schema: { schema: unknown; strict: boolean } };
      const sent = JSON.stringify(body).length;
      const generic = JSON.stringify({ ...body, response_format: { ...format, json_schema: { ...format.json_schema, schema: genericSchema, strict: false } } }).length;
      const schemaBytes = JSON.stringify(format.json_schema.schema).length;
      console.log(
        `${String(count).padStart(5)} | ${generic.toLocaleString('en-US').padStart(29)} | ${sent.toLocaleString('en-US').padStart(39)}${format.json_schema.strict ? '' : ' (not strict!)'} | ${(sent / generic).toFixed(2)}× | ${tokens(generic).toLocaleString('en-US')} → ${tokens(sent).toLocaleString('en-US')} | ${tokens(schemaBytes).toLocaleString('en-US')} (generic: ${tokens(JSON.stringify(genericSchema).length)})`,
      );
    }
  } finally {
    await server.close();
  }
}

if (import.meta.main) await benchPlanSchemaSize();
