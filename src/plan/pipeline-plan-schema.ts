// The plan schema of one pipeline, made from the tools it declares: each step is one of the tools,
// its `tool` fixed to that tool's name and its `args` that tool's args schema (in strict form), ids
// and dependsOn typed. Sent as the structured output wanted, so a server that constrains decoding
// cannot write an unknown tool or argument; `strict` says whether it fits strict mode's subset.

import type { ToolSpec } from '../pipeline/types.ts';
import { strictArgsSchema, type Inexpressible } from './strict-args-schema.ts';

type Schema = Readonly<Record<string, unknown>>;

export interface PipelinePlanSchema {
  readonly schema: Schema;
  /** True when the schema fits strict mode: sent with strict: true. */
  readonly strict: boolean;
  /** Why it does not (one line each, naming the tool and the keyword); empty when strict. */
  readonly reasons: readonly string[];
}

/** Strict mode's documented limits on a schema's size (OpenAI structured outputs, "Supported schemas"). */
export const STRICT_LIMITS = { maxDepth: 10, maxProperties: 5000, maxEnumValues: 1000, maxTotalStringLength: 120_000 } as const;

const STEP_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
/** A string that is exactly one output reference, as the compiler reads it (src/plan/references.ts). */
const WHOLE_REFERENCE_PATTERN = '^\\$\\{steps\\.[A-Za-z0-9_-]{1,64}\\.output(\\.[A-Za-z0-9_-]+|\\[[0-9]+\\])*\\}$';

const built = new WeakMap<readonly ToolSpec[], PipelinePlanSchema>();

/**
 * The plan schema for `tools` (the pipeline's tools after `only:`, the built-in ones included).
 * Size limits (planning.maxSteps, argument bytes) stay out of it: a server that enforced maxItems
 * would end the plan where the limit falls, and a cut plan that compiles runs the wrong thing; the
 * compiler says what is too large instead.
 */
export function pipelinePlanSchema(tools: readonly ToolSpec[]): PipelinePlanSchema {
  const cached = built.get(tools);
  if (cached) return cached;
  const reasons: string[] = [];
  const steps = tools.map((tool) => {
    const { schema, inexpressible } = strictArgsSchema(tool.args as Schema);
    const first = inexpressible[0];
    if (first) reasons.push(`tool "${tool.name}" ${describeInexpressible(first)}${inexpressible.length > 1 ? ` (and ${inexpressible.length - 1} more)` : ''}`);
    return stepSchema(tool.name, schema);
  });
  const schema: Schema = {
    type: 'object',
    properties: {
      steps: {
        type: 'array',
        description: 'The steps of the plan, each one call of a declared tool. A step waits for the steps it references with ${steps.<id>.output} and for those in dependsOn.',
        items: { anyOf: steps },
      },
    },
    required: ['steps'],
    additionalProperties: false,
    $defs: {
      action: { type: 'string', description: 'What the step does, in a few words.' },
      dependsOn: { anyOf: [{ type: 'array', items: { $ref: '#/$defs/stepId' } }, { type: 'null' }], description: 'Extra ordering: steps that must succeed first (references already imply it); null for none.' },
      stepId: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: STEP_ID_PATTERN }], description: 'A step id, unique in the plan: an integer or a short name.' },
      reference: { type: 'string', pattern: WHOLE_REFERENCE_PATTERN, description: 'The whole output of another step, ${steps.<id>.output}, or a field of a json output, ${steps.<id>.output.<field>}.' },
    },
  };
  reasons.push(...limitProblems(schema));
  const result = { schema, strict: reasons.length === 0, reasons };
  built.set(tools, result);
  return result;
}

function stepSchema(name: string, args: Schema): Schema {
  return {
    type: 'object',
    properties: {
      id: { $ref: '#/$defs/stepId' },
      action: { $ref: '#/$defs/action' },
      tool: { type: 'string', enum: [name] },
      args,
      dependsOn: { $ref: '#/$defs/dependsOn' },
    },
    required: ['id', 'action', 'tool', 'args', 'dependsOn'],
    additionalProperties: false,
  };
}

function describeInexpressible({ keyword, at }: Inexpressible): string {
  const where = at === '' ? 'its args' : `args${at.replace(/\/properties\//g, '.').replace(/\/items/g, '[]').replace(/\/(anyOf|oneOf|allOf)\/(\d+)/g, '.$1[$2]')}`;
  return `uses ${keyword} (at ${where})`;
}

/** Strict mode's size limits, counted over the schema as sent ($refs followed once). */
function limitProblems(schema: Schema): string[] {
  const defs = schema.$defs as Record<string, Schema>;
  let properties = 0;
  let enumValues = 0;
  let strings = 0;
  let deepest = 0;
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item) => visit(item, depth));
    const record = node as Schema;
    if (typeof record.$ref === 'string') return visit(defs[record.$ref.replace('#/$defs/', '')], depth);
    const nested = record.type === 'object' || record.type === 'array' ? depth + 1 : depth;
    deepest = Math.max(deepest, nested);
    if (record.properties && typeof record.properties === 'object') {
      for (const [name, property] of Object.entries(record.properties)) {
        properties += 1;
        strings += name.length;
        visit(property, nested);
      }
    }
    if (Array.isArray(record.enum)) {
      enumValues += record.enum.length;
      for (const value of record.enum) strings += String(value).length;
    }
    for (const key of ['items', 'anyOf']) visit(record[key], nested);
  };
  visit(schema, 0);
  strings += Object.keys(defs).join('').length;
  const problems: string[] = [];
  if (deepest > STRICT_LIMITS.maxDepth) problems.push(`the plan schema nests ${deepest} levels deep (strict mode allows ${STRICT_LIMITS.maxDepth})`);
  if (properties > STRICT_LIMITS.maxProperties) problems.push(`the plan schema has ${properties} properties (strict mode allows ${STRICT_LIMITS.maxProperties})`);
  if (enumValues > STRICT_LIMITS.maxEnumValues) problems.push(`the plan schema has ${enumValues} enum values (strict mode allows ${STRICT_LIMITS.maxEnumValues})`);
  if (strings > STRICT_LIMITS.maxTotalStringLength) problems.push(`the plan schema's names and enum values are ${strings} characters (strict mode allows ${STRICT_LIMITS.maxTotalStringLength})`);
  return problems;
}

/** The one warning a run gives when its plan schema cannot be strict: which tools, which keywords. */
export function planSchemaWarning(tools: readonly ToolSpec[]): string | undefined {
  const { strict, reasons } = pipelinePlanSchema(tools);
  if (strict) return undefined;
  return `the plan schema is sent with strict: false, so a server with strict structured outputs will not hold the model to it: ${reasons.join('; ')}`;
}
