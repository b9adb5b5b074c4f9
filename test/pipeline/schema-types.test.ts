import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.ts';
import type { DeclaredToolSpec, FailurePolicy, HttpMethod, InputSpec, OutputFormat, ReplanStrategyName } from '../../src/pipeline/types.ts';
import { projectSchemaUrl } from '../../src/source/project-schemas.ts';

// Each object must name exactly the members of its TypeScript union (`satisfies` rejects a missing
// or an extra one), so comparing its keys with the schema's enum catches drift in either direction.
const STRATEGIES = { full: true, 'tail-only': true, 'retry-step': true, none: true } satisfies Record<ReplanStrategyName, true>;
const OUTPUTS = { text: true, lines: true, json: true } satisfies Record<OutputFormat, true>;
const INPUT_TYPES = { string: true, number: true, boolean: true } satisfies Record<InputSpec['type'], true>;
const FAILURE_POLICIES = { wait: true, cancel: true } satisfies Record<FailurePolicy, true>;
const HTTP_METHODS = { GET: true, HEAD: true, POST: true, PUT: true, PATCH: true, DELETE: true } satisfies Record<HttpMethod, true>;
const TOOL_KINDS = { command: 'commandTool', http: 'httpTool', module: 'moduleTool' } satisfies Record<DeclaredToolSpec['kind'], string>;

const schema = async (name: 'pipeline' | 'tool') => JSON.parse(await readFile(projectSchemaUrl(name), 'utf8'));

describe('schemas and the typed Pipeline agree', () => {
  it('on replan strategies, output formats and input types', async () => {
    const pipeline = await schema('pipeline');
    const tool = await schema('tool');
    expect(pipeline.definitions.replan.properties.strategy.enum).toEqual(Object.keys(STRATEGIES));
    expect(tool.definitions.outputFormat.enum).toEqual(Object.keys(OUTPUTS));
    expect(pipeline.definitions.input.properties.type.enum).toEqual(Object.keys(INPUT_TYPES));
  });

  it('on the built-in defaults, which the schema\'s limits allow', async () => {
    const { definitions } = await schema('pipeline');
    expect(DEFAULT_SETTINGS.planning.maxSteps).toBeGreaterThanOrEqual(definitions.planning.properties.maxSteps.minimum);
    expect(DEFAULT_SETTINGS.execution.concurrency).toBeGreaterThanOrEqual(definitions.execution.properties.concurrency.minimum);
    expect(DEFAULT_SETTINGS.model.apiKeyEnv).toMatch(new RegExp(definitions.model.properties.apiKeyEnv.pattern));
    expect(Object.keys(STRATEGIES)).toContain(DEFAULT_SETTINGS.replan.strategy);
  });

  it('on onFailure, HTTP methods and the declared tool kinds', async () => {
    const pipeline = await schema('pipeline');
    const tool = await schema('tool');
    expect(pipeline.definitions.execution.properties.onFailure.enum).toEqual(Object.keys(FAILURE_POLICIES));
    expect(tool.definitions.httpTool.properties.method.enum).toEqual(Object.keys(HTTP_METHODS));
    for (const definition of Object.values(TOOL_KINDS)) expect(tool.definitions[definition].additionalProperties).toBe(false);
    expect(JSON.stringify(tool.definitions.tool)).toContain('#/definitions/httpTool');
    expect(JSON.stringify(tool.definitions.tool)).toContain('#/definitions/moduleTool');
  });
});
