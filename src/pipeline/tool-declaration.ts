// Checks of one tool declaration beyond its schema (reserved names, a usable args schema, command
// templates and their placeholders) and its conversion to a typed CommandTool.

import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { didYouMeanSuffix } from '../source/did-you-mean.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { parseDuration } from '../source/duration.ts';
import { describePath, FLOW_COMMA_HINT, isFailingAtOrBelow } from '../source/schema-check.ts';
import { diagnosticAt, positionAt } from '../source/yaml-source.ts';
import type { InstancePath, YamlSource } from '../source/yaml-source.ts';
import { RESERVED_TOOL_NAMES } from './builtin-tools.ts';
import { namesUnder, scanTemplate } from './template-check.ts';
import type { CommandTool, JsonSchema, OutputFormat } from './types.ts';

/** A tool together with where it was declared. */
export interface DeclaredTool {
  readonly tool: CommandTool;
  readonly source: YamlSource;
  /** Path of the declaration in its file, e.g. ['tools', 3] or [0]. */
  readonly path: InstancePath;
}

/**
 * Problems of the declaration at `at` in `source` that its schema cannot see, and the typed tool when
 * there are none. `failingPaths` are the schema's findings: parts that failed it are not checked again.
 */
export function checkToolDeclaration(
  source: YamlSource,
  at: InstancePath,
  raw: unknown,
  failingPaths: readonly InstancePath[],
): { readonly declared?: DeclaredTool; readonly diagnostics: Diagnostic[] } {
  if (!isRecord(raw)) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const fieldOk = (field: string): boolean => !isFailingAtOrBelow(failingPaths, [...at, field]);

  if (typeof raw.name === 'string' && RESERVED_TOOL_NAMES.has(raw.name)) {
    const why = raw.name === 'llm' ? 'is the built-in tool that asks the model' : 'is reserved';
    diagnostics.push(diagnosticAt(source, [...at, 'name'], `tool name "${raw.name}" ${why}; choose another name`));
  }
  if (isRecord(raw.args) && fieldOk('args')) {
    const problem = argsSchemaProblem(raw.args);
    if (problem !== undefined) diagnostics.push(diagnosticAt(source, [...at, 'args'], `${describePath([...at, 'args'])} is not a usable JSON Schema: ${problem}`));
  }
  if (Array.isArray(raw.command)) {
    const declared = isRecord(raw.args) && isRecord(raw.args.properties) ? Object.keys(raw.args.properties) : [];
    raw.command.forEach((part, index) => {
      if (typeof part !== 'string') return;
      const where = [...at, 'command', index];
      const scan = scanTemplate(part);
      if (!scan.ok) {
        diagnostics.push(diagnosticAt(source, where, `${describePath(where)} is not a valid Handlebars template: ${scan.error}`));
        return;
      }
      for (const name of namesUnder(scan, 'args')) {
        if (declared.includes(name)) continue;
        diagnostics.push(diagnosticAt(source, where, `command placeholder {{args.${name}}} names no declared argument${didYouMeanSuffix(name, declared)}`));
      }
    });
  }

  if (diagnostics.length > 0 || isFailingAtOrBelow(failingPaths, at)) return { diagnostics };
  return { declared: { tool: toCommandTool(source, at, raw), source, path: at }, diagnostics };
}

/** A schema-valid declaration as a typed tool; `cwd` is resolved against the declaring file's directory. */
function toCommandTool(source: YamlSource, at: InstancePath, raw: Readonly<Record<string, unknown>>): CommandTool {
  const baseDir = path.dirname(source.file);
  return {
    kind: 'command',
    name: raw.name as string,
    description: raw.description as string,
    args: raw.args as JsonSchema,
    output: (raw.output as OutputFormat | undefined) ?? 'text',
    source: positionAt(source, at),
    command: [...(raw.command as string[])],
    ...(typeof raw.cwd === 'string' ? { cwd: path.resolve(baseDir, raw.cwd) } : {}),
    ...(isRecord(raw.env) ? { env: { ...(raw.env as Record<string, string>) } } : {}),
    ...(typeof raw.timeout === 'string' || typeof raw.timeout === 'number' ? { timeoutMs: parseDuration(raw.timeout) } : {}),
  };
}

/** Why ajv cannot compile the schema (strict mode: unknown keywords, unknown formats, bad $ref), if it cannot. */
function argsSchemaProblem(schema: Readonly<Record<string, unknown>>): string | undefined {
  // A fresh instance per schema: two tools may use the same $id.
  const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats.default(ajv);
  try {
    ajv.compile(schema);
    return undefined;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^strict mode: /, '');
    return /^unknown keyword: "[^"]* [^"]*"/.test(message) ? `${message} (${FLOW_COMMA_HINT})` : message;
  }
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
