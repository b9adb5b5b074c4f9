// A pipeline's secrets: the environment variables listed under `secrets:`, which tools may receive
// only through `{{secrets.NAME}}` in a command's `env` or an http tool's `headers`, and the redactor
// that replaces every secret value (and the model's API key) with `***` wherever text leaves planexec.

import type { Diagnostic } from '../source/diagnostic.ts';
import { namesUnder, scanTemplate } from './template-check.ts';
import type { Pipeline, ToolSpec } from './types.ts';

export const REDACTED = '***';

/** The secret names a tool's templates use: `{{secrets.NAME}}` in command env values and http headers. */
export function secretNamesUsedBy(tool: ToolSpec): string[] {
  const templates = tool.kind === 'command' ? Object.values(tool.env ?? {}) : tool.kind === 'http' ? Object.values(tool.headers ?? {}) : [];
  return [...new Set(templates.flatMap((template) => namesUnder(scanTemplate(template), 'secrets')))];
}

/** Environment variables an http tool's headers read with `{{env.NAME}}` (the older spelling of a secret). */
export function headerEnvNamesOf(tool: ToolSpec): string[] {
  if (tool.kind !== 'http') return [];
  return [...new Set(Object.values(tool.headers ?? {}).flatMap((template) => namesUnder(scanTemplate(template), 'env')))];
}

/** Names listed under `secrets:` that the environment does not set. */
export function missingSecrets(pipeline: Pick<Pipeline, 'secrets'>, env: NodeJS.ProcessEnv): string[] {
  return (pipeline.secrets ?? []).filter((name) => env[name] === undefined || env[name] === '');
}

/**
 * Every value that must never be shown: the variables listed under `secrets:`, the model's API key,
 * and the variables http headers read with `{{env.NAME}}`.
 */
export function secretValuesOf(pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv): string[] {
  const names = new Set([...(pipeline.secrets ?? []), pipeline.model.apiKeyEnv, ...pipeline.tools.flatMap(headerEnvNamesOf)]);
  return [...names].map((name) => env[name]).filter((value): value is string => typeof value === 'string' && value !== '');
}

export interface Redactor {
  /** True when there is anything to redact. */
  readonly active: boolean;
  /** The text with every secret value replaced by `***`. */
  redactText(text: string): string;
  /** A copy of a JSON-like value with every string (and key) redacted; other values as they are. */
  redactValue<T>(value: T): T;
}

/**
 * A redactor for these values. Each is also matched as it reads inside a JSON string and
 * percent-encoded, so a secret quoted into JSON or a URL is caught too. Longer values are replaced
 * first, so a secret that contains another is replaced whole.
 */
export function createRedactor(values: readonly string[]): Redactor {
  const forms = new Set<string>();
  for (const value of values) {
    if (value === '') continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(encodeURIComponent(value));
  }
  if (forms.size === 0) return { active: false, redactText: (text) => text, redactValue: (value) => value };
  const pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  const redactText = (text: string): string => (text === '' ? text : text.replace(pattern, REDACTED));
  const redactValue = <T>(value: T): T => redactDeep(value, redactText) as T;
  return { active: true, redactText, redactValue };
}

function redactDeep(value: unknown, redactText: (text: string) => string, top = true): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactText, false));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // The top level is the record's own shape (an event's field names and its kind): never data, so a
    // short secret that happens to occur in "kind" cannot break the record.
    const shape = top && (key === 'kind' || key === 'time');
    const name = top ? key : redactText(key);
    // defineProperty: a "__proto__" key stays a plain key of the copy.
    Object.defineProperty(copy, name, { value: shape ? item : redactDeep(item, redactText, false), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A problem for each `{{secrets.NAME}}` a tool uses whose NAME the pipeline does not list under `secrets:`. */
export function undeclaredSecrets(tools: readonly ToolSpec[], declared: readonly string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const tool of tools) {
    for (const name of secretNamesUsedBy(tool)) {
      if (declared.includes(name)) continue;
      const where = tool.source ?? { file: '.', line: 1, col: 1 };
      diagnostics.push({ ...where, severity: 'error', message: `tool "${tool.name}" uses {{secrets.${name}}}, but the pipeline does not list ${name} under secrets: (add secrets: [${[...declared, name].join(', ')}])` });
    }
  }
  return diagnostics;
}
