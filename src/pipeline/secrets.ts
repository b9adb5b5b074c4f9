// A pipeline's secrets: the environment variables listed under `secrets:`, which tools may receive
// only through `{{secrets.NAME}}` in the templates their kind allows (a command's `env`, an http
// tool's `headers`), and the values the redactor (tools/create-redactor.ts, re-exported here)
// replaces with `***` wherever text leaves planexec, the model's API key among them.

import { namesUnder, scanTemplate } from '../prompt/template-check.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import type { Pipeline, ToolSpec } from './types.ts';

export { createRedactor, REDACTED, type Redactor } from '../tools/create-redactor.ts';

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
