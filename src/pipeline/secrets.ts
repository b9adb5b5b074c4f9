// A pipeline's secrets: the environment variables listed under `secrets:`, which tools may receive
// only through `{{secrets.NAME}}` in the templates their kind allows (a command's `env`, an http
// tool's `headers`), and the values the redactor (tools/create-redactor.ts, re-exported here)
// replaces with `***` wherever text leaves planexec, the model's API key among them. A value too short
// to be masked (MIN_SECRET_LENGTH) is warned about, at `validate` and when a run starts.

import { namesUnder, scanTemplate } from '../prompt/template-check.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { diagnosticAt, type YamlSource } from '../source/yaml-source.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import type { Pipeline, ToolSpec } from './types.ts';

import { MIN_SECRET_LENGTH } from '../tools/create-redactor.ts';

export { createRedactor, MIN_SECRET_LENGTH, REDACTED, type Redactor } from '../tools/create-redactor.ts';

/** The secret names a tool's templates use: `{{secrets.NAME}}` in command env values and http headers. */
function secretNamesUsedBy(tool: ToolSpec): string[] {
  const templates = toolKindOf(tool).secretTemplates(tool);
  return [...new Set(templates.flatMap((template) => namesUnder(scanTemplate(template), 'secrets')))];
}

/** Environment variables an http tool's headers read with `{{env.NAME}}` (the older spelling of a secret). */
function headerEnvNamesOf(tool: ToolSpec): string[] {
  return [...new Set(toolKindOf(tool).envTemplates(tool).flatMap((template) => namesUnder(scanTemplate(template), 'env')))];
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

/** A secret, the API key or a header's variable that is set, but too short to be masked. */
export interface ShortSecret {
  readonly name: string;
  readonly role: 'secret' | 'api key' | 'header variable';
  /** Characters of the value, leading and trailing whitespace left out. */
  readonly length: number;
  /** The tool whose header reads it (role 'header variable'). */
  readonly tool?: ToolSpec;
}

/** Every set value of a secret, the API key and the variables headers read that is shorter than MIN_SECRET_LENGTH. */
export function shortSecrets(pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv): ShortSecret[] {
  const found = new Map<string, ShortSecret>();
  const check = (name: string, role: ShortSecret['role'], tool?: ToolSpec) => {
    const length = env[name]?.trim().length ?? 0;
    if (found.has(name) || env[name] === undefined || env[name] === '' || length >= MIN_SECRET_LENGTH) return;
    found.set(name, { name, role, length, ...(tool ? { tool } : {}) });
  };
  for (const name of pipeline.secrets ?? []) check(name, 'secret');
  check(pipeline.model.apiKeyEnv, 'api key');
  for (const tool of pipeline.tools) for (const name of headerEnvNamesOf(tool)) check(name, 'header variable', tool);
  return [...found.values()];
}

/** The warning for a value too short to be masked: what it means and what to do. */
export function shortSecretWarning(short: ShortSecret): string {
  const size = `${short.length} character${short.length === 1 ? '' : 's'} long`;
  const rule = `values shorter than ${MIN_SECRET_LENGTH} characters are not masked, as they occur in ordinary text`;
  if (short.role === 'api key') {
    return `the API key in ${short.name} is ${size}, too short to be masked (${rule}): fine for a local server's placeholder (x, ollama), but a real key that short would show in prompts, events and logs`;
  }
  const what = short.role === 'secret' ? `secret ${short.name}` : `${short.name} (read by a header of tool "${short.tool?.name ?? '?'}")`;
  return `${what} is ${size}, too short to be masked (${rule}), so its value may show in prompts, events and logs; use a longer secret`;
}

/** `validate`'s warnings for values too short to be masked, at the secret's entry, the header or `model.apiKeyEnv`. */
export function shortSecretDiagnostics(source: YamlSource, pipeline: Pick<Pipeline, 'secrets' | 'model' | 'tools'>, env: NodeJS.ProcessEnv): Diagnostic[] {
  return shortSecrets(pipeline, env).map((short): Diagnostic => {
    const message = shortSecretWarning(short);
    if (short.role === 'header variable' && short.tool?.source) return { ...short.tool.source, severity: 'warning', message };
    const at = short.role === 'secret' ? ['secrets', (pipeline.secrets ?? []).indexOf(short.name)] : ['model', 'apiKeyEnv'];
    return diagnosticAt(source, at, message, { severity: 'warning' });
  });
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
