// Checks of one tool declaration beyond its schema (reserved names, a usable args schema, retries,
// and the kind's own checks from the registry of tool kinds) and its conversion to a typed tool. The
// kind is told by the field that names what to run: `url` (http), `module` (module), else `command`.

import type { Diagnostic } from '../source/diagnostic.ts';
import { parseDuration } from '../source/duration.ts';
import { describePath, isFailingAtOrBelow } from '../source/schema-check.ts';
import { diagnosticAt, positionAt } from '../source/yaml-source.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';
import { isRecord } from '../source/is-record.ts';
import { ARGUMENT_ACCEPTS } from '../tools/argument-vocabulary.ts';
import { checkArgsKeywords } from './args-schema-keywords.ts';
import { isArgsSchemaUsable } from './args-schema-verdict.ts';
import type { KindDeclaration, ToolCheckContext } from '../tools/tool-kind.ts';
import { declarationOrder, toolKinds } from '../tools/tool-kinds.ts';
import { RESERVED_TOOL_NAMES } from './builtin-tools.ts';
import type { DeclaredToolSpec, JsonSchema, OutputFormat, RetryPolicy } from './types.ts';

export { isRecord } from '../source/is-record.ts';

/** A tool together with where it was declared. */
export interface DeclaredTool {
  readonly tool: DeclaredToolSpec;
  readonly source: YamlSource;
  /** Path of the declaration in its file, e.g. ['tools', 3] or [0]. */
  readonly path: InstancePath;
}

const DEFAULT_BACKOFF_MS = 1000;
const DEFAULT_MAX_BACKOFF_MS = 30_000;

export interface ToolCheckOptions {
  /**
   * Whether to compile the `args` schema (default true). Off for a tool a pipeline's `only:` leaves
   * out of an imported file: compiling is the one costly check, and that tool never reaches a plan.
   */
  readonly compileArgs?: boolean;
}

/**
 * Problems of the declaration at `at` in `source` that its schema cannot see, and the typed tool when
 * there are none. `failingPaths` are the schema's findings: parts that failed it are not checked again.
 */
export async function checkToolDeclaration(
  source: YamlSource,
  at: InstancePath,
  raw: unknown,
  failingPaths: readonly InstancePath[],
  options: ToolCheckOptions = {},
): Promise<{ readonly declared?: DeclaredTool; readonly diagnostics: Diagnostic[] }> {
  if (!isRecord(raw)) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const fieldOk = (field: string): boolean => !isFailingAtOrBelow(failingPaths, [...at, field]);

  if (typeof raw.name === 'string' && RESERVED_TOOL_NAMES.has(raw.name)) {
    const why = raw.name === 'llm' ? 'is the built-in tool that asks the model' : 'is reserved';
    diagnostics.push(diagnosticAt(source, [...at, 'name'], `tool name "${raw.name}" ${why}; choose another name`));
  }
  if (isRecord(raw.args) && fieldOk('args') && options.compileArgs !== false) {
    // A keyword nothing would check is reported where it is; only a schema without one is compiled.
    const keywordProblems = checkArgsKeywords(source, [...at, 'args'], raw.args);
    const problem = keywordProblems.length > 0 ? undefined : await argsSchemaProblem(raw.args);
    diagnostics.push(...keywordProblems);
    if (problem !== undefined) diagnostics.push(diagnosticAt(source, [...at, 'args'], `${describePath([...at, 'args'])} is not a usable JSON Schema: ${problem}`));
  }
  const argNames = isRecord(raw.args) && isRecord(raw.args.properties) ? Object.keys(raw.args.properties) : [];
  const context: ToolCheckContext = { source, at, raw, argNames, fieldOk };
  const declaration = declarationOf(raw);
  diagnostics.push(...declaration.check(context));
  if (isRecord(raw.retries) && fieldOk('retries')) diagnostics.push(...checkRetries(context));
  if (isRecord(raw.args) && fieldOk('args')) diagnostics.push(...checkArgumentTrust(context));

  if (diagnostics.some((d) => d.severity === 'error') || isFailingAtOrBelow(failingPaths, at)) return { diagnostics };
  const tool = { ...commonFields(context), ...declaration.fields(context) } as DeclaredToolSpec;
  return { declared: { tool, source, path: at }, diagnostics };
}

function declarationOf(raw: Readonly<Record<string, unknown>>): KindDeclaration<DeclaredToolSpec> {
  const kind = declarationOrder.find((name) => toolKinds[name].declaration.field in raw) ?? declarationOrder[declarationOrder.length - 1]!;
  return toolKinds[kind].declaration as KindDeclaration<DeclaredToolSpec>;
}

function checkRetries(context: ToolCheckContext): Diagnostic[] {
  const retries = context.raw.retries as Readonly<Record<string, unknown>>;
  const backoff = retries.backoff === undefined ? DEFAULT_BACKOFF_MS : parseDuration(retries.backoff as string | number);
  const maxBackoff = retries.maxBackoff === undefined ? DEFAULT_MAX_BACKOFF_MS : parseDuration(retries.maxBackoff as string | number);
  if (backoff <= maxBackoff) return [];
  const where = [...context.at, 'retries', retries.maxBackoff === undefined ? 'backoff' : 'maxBackoff'];
  return [diagnosticAt(context.source, where, `retries.backoff (${backoff} ms) is longer than retries.maxBackoff (${maxBackoff} ms${retries.maxBackoff === undefined ? ', the default' : ''})`)];
}

/** `x-accepts` on an argument: trusted or any, and only on a top-level argument (the data-flow check reads no deeper). */
function checkArgumentTrust(context: ToolCheckContext): Diagnostic[] {
  const args = context.raw.args as Readonly<Record<string, unknown>>;
  const diagnostics: Diagnostic[] = [];
  const properties = isRecord(args.properties) ? args.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isRecord(property) || !Object.hasOwn(property, ARGUMENT_ACCEPTS)) continue;
    const value = property[ARGUMENT_ACCEPTS];
    if (value !== 'trusted' && value !== 'any') {
      const where = [...context.at, 'args', 'properties', name, ARGUMENT_ACCEPTS];
      diagnostics.push(diagnosticAt(context.source, where, `${describePath(where)} must be one of: trusted, any (got ${JSON.stringify(value)})`));
    }
  }
  if (Object.hasOwn(args, ARGUMENT_ACCEPTS)) {
    diagnostics.push(diagnosticAt(context.source, [...context.at, 'args', ARGUMENT_ACCEPTS], `x-accepts belongs on one argument (args.properties.<name>.x-accepts); for the whole tool write accepts: trusted next to args`));
  }
  return diagnostics;
}

/** The fields every declared kind has, from a schema-valid declaration. */
function commonFields(context: ToolCheckContext) {
  const { raw, source, at } = context;
  const retries = isRecord(raw.retries) ? raw.retries : undefined;
  return {
    name: raw.name as string,
    description: raw.description as string,
    args: raw.args as JsonSchema,
    output: (raw.output as OutputFormat | undefined) ?? 'text',
    source: positionAt(source, at),
    ...(typeof raw.timeout === 'string' || typeof raw.timeout === 'number' ? { timeoutMs: parseDuration(raw.timeout) } : {}),
    ...(retries ? { retries: retryPolicy(retries) } : {}),
    ...(raw.critical === false ? { critical: false } : {}),
    ...(raw.confirm === true ? { confirm: true } : {}),
    ...(typeof raw.sideEffects === 'boolean' ? { sideEffects: raw.sideEffects } : {}),
    ...(raw.trust === 'untrusted' ? { trust: 'untrusted' as const } : {}),
    ...(raw.accepts === 'trusted' || raw.accepts === 'any' ? { accepts: raw.accepts } : {}),
    ...(raw.idempotent === false ? { idempotent: false } : {}),
  };
}

function retryPolicy(raw: Readonly<Record<string, unknown>>): RetryPolicy {
  return {
    attempts: raw.attempts as number,
    backoffMs: raw.backoff === undefined ? DEFAULT_BACKOFF_MS : parseDuration(raw.backoff as string | number),
    maxBackoffMs: raw.maxBackoff === undefined ? DEFAULT_MAX_BACKOFF_MS : parseDuration(raw.maxBackoff as string | number),
  };
}

/** Verdicts by schema text: a tool file imported by several pipelines is decided once. */
const argsSchemaVerdicts = new Map<string, string | undefined>();
const MAX_VERDICTS = 1000;

/** Why the args schema is not usable, if it is not: decided from the schema when it can be, else by compiling it. */
async function argsSchemaProblem(schema: Readonly<Record<string, unknown>>): Promise<string | undefined> {
  const text = JSON.stringify(schema);
  if (argsSchemaVerdicts.has(text)) return argsSchemaVerdicts.get(text);
  const problem = isArgsSchemaUsable(schema) ? undefined : (await import('./compile-args-schema.ts')).compiledArgsSchemaProblem(schema);
  if (argsSchemaVerdicts.size >= MAX_VERDICTS) argsSchemaVerdicts.clear();
  argsSchemaVerdicts.set(text, problem);
  return problem;
}
