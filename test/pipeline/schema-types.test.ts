// The typed Pipeline, tools and settings are normalized forms of what schemas/ accepts (durations in ms,
// paths absolute, `use:` resolved), so they cannot be generated from the schemas; instead they are checked
// against them in both directions. Each table below names every field of a type (`satisfies Fields<T>`
// fails to compile on a field missing from it or not in the type), and says where it comes from in the
// schema; the test then finds every schema property named by some field or listed as schema-only.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../src/index.ts';
import { DEFAULT_SETTINGS } from '../../src/config/defaults.ts';
import type {
  BackendSettings,
  BudgetSettings,
  CommandTool,
  DeclaredToolSpec,
  ExecutionSettings,
  FailurePolicy,
  HttpMethod,
  HttpTool,
  InputSpec,
  ModelSettings,
  ModuleTool,
  OutputFormat,
  Pipeline,
  PipelineTest,
  PlanningSettings,
  PolicySettings,
  ReplanSettings,
  ReplanStrategyName,
  RetryPolicy,
  TestExpectation,
  TestResultCheck,
} from '../../src/pipeline/types.ts';
import { projectSchemaUrl } from '../../src/source/project-schemas.ts';

// Each object must name exactly the members of its TypeScript union (`satisfies` rejects a missing
// or an extra one), so comparing its keys with the schema's enum catches drift in either direction.
const STRATEGIES = { full: true, 'tail-only': true, 'retry-step': true, none: true } satisfies Record<ReplanStrategyName, true>;
const FALLBACKS = { 'tail-only': true, full: true, none: true } satisfies Record<ReplanSettings['fallback'], true>;
const OUTPUTS = { text: true, lines: true, json: true } satisfies Record<OutputFormat, true>;
const INPUT_TYPES = { string: true, number: true, boolean: true } satisfies Record<InputSpec['type'], true>;
const FAILURE_POLICIES = { wait: true, cancel: true } satisfies Record<FailurePolicy, true>;
const BACKEND_KINDS = { local: true, bullmq: true } satisfies Record<BackendSettings['kind'], true>;
const HTTP_METHODS = { GET: true, HEAD: true, POST: true, PUT: true, PATCH: true, DELETE: true } satisfies Record<HttpMethod, true>;
const TEST_STATUSES = { succeeded: true, failed: true, 'plan-failed': true, 'invalid-input': true, 'not-approved': true } satisfies Record<TestExpectation['status'], true>;
const TOOL_KINDS = { command: 'commandTool', http: 'httpTool', module: 'moduleTool' } satisfies Record<DeclaredToolSpec['kind'], string>;

/** Where a typed field comes from. */
type Field =
  /** The schema property of the same name, read as written (a default may be filled in). */
  | { readonly kind: 'same' }
  /** A schema property read into another name or form. */
  | { readonly kind: 'normalized'; readonly from: string; readonly how: string }
  /** Not a property of the file: the loader works it out. */
  | { readonly kind: 'derived'; readonly how: string };

type Fields<T> = Record<keyof T, Field>;

const same: Field = { kind: 'same' };
const from = (property: string, how: string): Field => ({ kind: 'normalized', from: property, how });
const derived = (how: string): Field => ({ kind: 'derived', how });

// --- the renames and normalizations, one table per schema definition ---

const PIPELINE = {
  file: derived('absolute path of the pipeline file'),
  displayPath: derived('the path as shown to the user'),
  version: same,
  name: same,
  description: same,
  task: from('task', 'with a fixed plan and no task, a sentence naming the pipeline'),
  inputs: from('inputs', 'each input an InputSpec (INPUT)'),
  secrets: same,
  writable: from('writable', 'each folder normalized (relative, /-separated, no trailing /); default [out]'),
  model: from('model', 'merged over planexec.config.yaml and the defaults (MODEL)'),
  tools: from('tools', '`use:` imports resolved into their tools, the built-in llm tool added'),
  prompts: from('prompts', "each template file's contents, not its path (PROMPTS)"),
  planning: from('planning', 'merged over planexec.config.yaml and the defaults'),
  replan: from('replan', 'merged over planexec.config.yaml and the defaults'),
  budget: from('budget', 'merged over planexec.config.yaml and the defaults'),
  execution: from('execution', 'merged over planexec.config.yaml and the defaults (EXECUTION)'),
  policy: from('policy', 'merged over planexec.config.yaml and the defaults'),
  result: same,
  resultFormat: same,
  plan: same,
  approve: same,
  tests: from('tests', 'each test a PipelineTest (TEST)'),
  warnings: derived('non-fatal findings of loading'),
} satisfies Fields<Pipeline>;

const TEST = {
  name: same,
  inputs: same,
  replay: from('replay', 'absolute, resolved against the pipeline file; model.replay when absent'),
  expect: from('expect', 'a TestExpectation (TEST_EXPECT)'),
  line: derived('where the test is in the file, for reports'),
} satisfies Fields<PipelineTest>;

const TEST_EXPECT = {
  status: from('status', 'default succeeded'),
  result: from('result', 'a TestResultCheck (RESULT_CHECK)'),
  maxLlmCalls: same,
} satisfies Fields<TestExpectation>;

const RESULT_CHECK = {
  equals: same,
  contains: from('contains', 'a string becomes a list of one'),
  matches: same,
  jsonSchema: same,
} satisfies Fields<TestResultCheck>;

const PROMPTS = {
  plan: from('plan', 'the file read'),
  replan: from('replan', 'the file read'),
  repair: from('repair', 'the file read'),
  tail: from('tail', 'the file read'),
} satisfies Fields<Pipeline['prompts']>;

const INPUT = {
  type: same,
  description: same,
  default: same,
  required: derived('true when no default is given'),
} satisfies Fields<InputSpec>;

type ToolKey = keyof CommandTool & keyof HttpTool & keyof ModuleTool;

/** What every declared kind has. */
const DECLARED_TOOL = {
  kind: derived('told by the field that names what runs: url (http), module (module), else command'),
  name: same,
  description: same,
  args: same,
  output: same,
  critical: same,
  confirm: same,
  sideEffects: same,
  trust: from('trust', 'set only when untrusted (trusted is the default)'),
  accepts: same,
  source: derived('where the declaration is, for messages'),
  importedAt: derived('the pipeline\'s use: that imported it, for messages'),
  timeoutMs: from('timeout', 'a duration in milliseconds'),
  retries: from('retries', 'a RetryPolicy (RETRIES)'),
  idempotent: same,
} satisfies Fields<Pick<CommandTool, ToolKey>>;

const COMMAND_TOOL = {
  ...DECLARED_TOOL,
  ...({
    command: same,
    cwd: from('cwd', 'absolute, resolved against the declaring file'),
    env: same,
    retryOn: same,
  } satisfies Fields<Omit<CommandTool, ToolKey>>),
} satisfies Fields<CommandTool>;

const HTTP_TOOL = {
  ...DECLARED_TOOL,
  ...({
    method: same,
    url: same,
    query: same,
    headers: same,
    body: same,
    allowHosts: same,
    allowLinkLocal: same,
  } satisfies Fields<Omit<HttpTool, ToolKey>>),
} satisfies Fields<HttpTool>;

const MODULE_TOOL = {
  ...DECLARED_TOOL,
  ...({
    module: from('module', 'absolute, resolved against the declaring file'),
    export: same,
  } satisfies Fields<Omit<ModuleTool, ToolKey>>),
} satisfies Fields<ModuleTool>;

const RETRIES = {
  attempts: same,
  backoffMs: from('backoff', 'a duration in milliseconds'),
  maxBackoffMs: from('maxBackoff', 'a duration in milliseconds'),
} satisfies Fields<RetryPolicy>;

const MODEL = {
  name: same,
  provider: same,
  baseURL: same,
  apiKeyEnv: same,
  deployment: same,
  apiVersion: same,
  temperature: same,
  replay: from('replay', 'absolute, resolved against the file that sets it'),
  maxRetries: same,
  timeoutMs: from('timeout', 'a duration in milliseconds'),
} satisfies Fields<ModelSettings>;

const PLANNING = {
  maxSteps: same,
  maxRepairs: same,
  maxArgumentBytes: same,
  maxArgumentDepth: same,
  cache: same,
  maxPlanBytes: same,
  stream: same,
} satisfies Fields<PlanningSettings>;

const REPLAN = { strategy: same, maxReplans: same, retries: same, fixArgs: same, fallback: same } satisfies Fields<ReplanSettings>;

const BUDGET = { maxLlmCalls: same, maxTokens: same } satisfies Fields<BudgetSettings>;

const POLICY = { untrustedFlow: same } satisfies Fields<PolicySettings>;
const UNTRUSTED_FLOWS = { reject: true, ask: true } satisfies Record<PolicySettings['untrustedFlow'], true>;

const EXECUTION = {
  concurrency: same,
  stepTimeoutMs: from('stepTimeout', 'a duration in milliseconds'),
  maxOutputBytes: same,
  onFailure: same,
  backend: same,
} satisfies Fields<ExecutionSettings>;

const BULLMQ_BACKEND = { kind: same, redis: same, queue: same } satisfies Fields<Extract<BackendSettings, { kind: 'bullmq' }>>;
const LOCAL_BACKEND = { kind: same } satisfies Fields<Extract<BackendSettings, { kind: 'local' }>>;

const CONFIG = {
  file: derived('absolute path of the config file'),
  displayPath: derived('the path as shown to the user'),
  warnings: derived('non-fatal findings of reading it'),
  model: from('model', 'a layer: only what the file sets, normalized as in MODEL'),
  planning: from('planning', 'a layer: only what the file sets'),
  replan: from('replan', 'a layer: only what the file sets'),
  budget: from('budget', 'a layer: only what the file sets'),
  execution: from('execution', 'a layer: only what the file sets, normalized as in EXECUTION'),
  policy: from('policy', 'a layer: only what the file sets'),
} satisfies Fields<ProjectConfig>;

/** Properties a file may have that no typed field holds. */
const EDITOR_ONLY = { $schema: 'for editors; ignored by planexec' };

// --- the checks ---

type JsonObject = { readonly properties?: Readonly<Record<string, unknown>>; readonly [keyword: string]: unknown };

const schema = async (name: 'pipeline' | 'tool' | 'config') => JSON.parse(await readFile(projectSchemaUrl(name), 'utf8'));
const pipelineSchema = await schema('pipeline');
const toolSchema = await schema('tool');
const configSchema = await schema('config');
const { definitions } = pipelineSchema;

/** The schema properties a table's fields name. */
function namedProperties(fields: Readonly<Record<string, Field>>): string[] {
  return Object.entries(fields).flatMap(([field, source]) => (source.kind === 'same' ? [field] : source.kind === 'normalized' ? [source.from] : []));
}

const pairs: readonly { readonly name: string; readonly definition: JsonObject; readonly fields: Readonly<Record<string, Field>>; readonly schemaOnly?: Readonly<Record<string, string>> }[] = [
  { name: 'pipeline', definition: pipelineSchema, fields: PIPELINE, schemaOnly: EDITOR_ONLY },
  { name: 'pipeline prompts', definition: pipelineSchema.properties.prompts, fields: PROMPTS },
  { name: 'input', definition: definitions.input, fields: INPUT },
  { name: 'test', definition: definitions.test, fields: TEST },
  { name: 'test expect', definition: definitions.testExpect, fields: TEST_EXPECT },
  { name: 'test result check', definition: definitions.resultCheck, fields: RESULT_CHECK },
  { name: 'command tool', definition: toolSchema.definitions.commandTool, fields: COMMAND_TOOL },
  { name: 'http tool', definition: toolSchema.definitions.httpTool, fields: HTTP_TOOL },
  { name: 'module tool', definition: toolSchema.definitions.moduleTool, fields: MODULE_TOOL },
  { name: 'tool retries', definition: toolSchema.definitions.retries, fields: RETRIES },
  { name: 'model', definition: definitions.model, fields: MODEL },
  { name: 'planning', definition: definitions.planning, fields: PLANNING },
  { name: 'replan', definition: definitions.replan, fields: REPLAN },
  { name: 'budget', definition: definitions.budget, fields: BUDGET },
  { name: 'policy', definition: definitions.policy, fields: POLICY },
  { name: 'execution', definition: definitions.execution, fields: EXECUTION },
  { name: 'bullmq backend', definition: definitions.backend.then, fields: BULLMQ_BACKEND },
  { name: 'local backend', definition: definitions.backend.else, fields: LOCAL_BACKEND },
  { name: 'config file', definition: configSchema, fields: CONFIG, schemaOnly: EDITOR_ONLY },
];

describe('schemas and the typed Pipeline agree', () => {
  it.each(pairs)('$name: every typed field comes from a schema property, every schema property reaches a typed field', ({ definition, fields, schemaOnly = {} }) => {
    const properties = Object.keys(definition.properties ?? {});
    const named = namedProperties(fields);
    expect(named.filter((property) => !properties.includes(property)), 'typed fields whose schema property does not exist').toEqual([]);
    expect(properties.filter((property) => !named.includes(property) && !(property in schemaOnly)), 'schema properties no typed field holds').toEqual([]);
    expect(Object.keys(schemaOnly).filter((property) => !properties.includes(property)), 'schema-only properties the schema lacks').toEqual([]);
  });

  it('config sections are the pipeline definitions themselves, so their tables hold for both', () => {
    for (const section of ['model', 'planning', 'replan', 'budget', 'execution', 'policy']) {
      expect(configSchema.properties[section].$ref).toBe(`pipeline.schema.json#/definitions/${section}`);
      expect(pipelineSchema.properties[section].$ref).toBe(`#/definitions/${section}`);
    }
  });

  it('on replan strategies, fallbacks, output formats, input types and the statuses a test may expect', () => {
    expect(definitions.replan.properties.strategy.enum).toEqual(Object.keys(STRATEGIES));
    expect(definitions.replan.properties.fallback.enum).toEqual(Object.keys(FALLBACKS));
    expect(toolSchema.definitions.outputFormat.enum).toEqual(Object.keys(OUTPUTS));
    expect(definitions.input.properties.type.enum).toEqual(Object.keys(INPUT_TYPES));
    expect(definitions.policy.properties.untrustedFlow.enum).toEqual(Object.keys(UNTRUSTED_FLOWS));
    expect(definitions.testExpect.properties.status.enum).toEqual(Object.keys(TEST_STATUSES));
  });

  it('on the built-in defaults, which the schema\'s limits allow', () => {
    expect(DEFAULT_SETTINGS.planning.maxSteps).toBeGreaterThanOrEqual(definitions.planning.properties.maxSteps.minimum);
    expect(DEFAULT_SETTINGS.execution.concurrency).toBeGreaterThanOrEqual(definitions.execution.properties.concurrency.minimum);
    expect(DEFAULT_SETTINGS.model.apiKeyEnv).toMatch(new RegExp(definitions.model.properties.apiKeyEnv.pattern));
    expect(Object.keys(STRATEGIES)).toContain(DEFAULT_SETTINGS.replan.strategy);
  });

  it('on onFailure, backends, HTTP methods and the declared tool kinds', () => {
    expect(definitions.execution.properties.onFailure.enum).toEqual(Object.keys(FAILURE_POLICIES));
    expect(definitions.backend.else.properties.kind.enum).toEqual(Object.keys(BACKEND_KINDS));
    expect(toolSchema.definitions.httpTool.properties.method.enum).toEqual(Object.keys(HTTP_METHODS));
    for (const definition of Object.values(TOOL_KINDS)) expect(toolSchema.definitions[definition].additionalProperties).toBe(false);
    expect(JSON.stringify(toolSchema.definitions.tool)).toContain('#/definitions/httpTool');
    expect(JSON.stringify(toolSchema.definitions.tool)).toContain('#/definitions/moduleTool');
  });
});
