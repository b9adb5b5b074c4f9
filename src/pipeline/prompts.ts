// Prompt template files named in `prompts:`, read (relative to the pipeline) and parsed up front.

import path from 'node:path';
import type { Diagnostic } from '../source/diagnostic.ts';
import { positionInText } from '../source/scalar-positions.ts';
import { diagnosticAt, displayPathFor, readSourceText } from '../source/yaml-source.ts';
import type { YamlSource } from '../source/yaml-source.ts';
import { scanTemplate } from '../prompt/template-check.ts';
import { checkTemplatePlaceholders } from '../tools/check-template-placeholders.ts';
import type { RootShape } from '../tools/check-template-placeholders.ts';
import { isRecord } from './tool-declaration.ts';
import type { Pipeline } from './types.ts';

type Prompts = { -readonly [K in keyof Pipeline['prompts']]: Pipeline['prompts'][K] };

const PROMPT_NAMES = ['plan', 'replan', 'repair', 'tail'] as const;

/** The data each prompt is rendered with (src/planner/): a placeholder reading anything else fails the run. */
function promptRoots(inputNames: readonly string[]): Record<(typeof PROMPT_NAMES)[number], Record<string, RootShape>> {
  const shared = { task: {}, tools: {}, maxSteps: {} };
  return {
    plan: { ...shared, inputs: { names: inputNames } },
    replan: { ...shared, previous: {}, succeeded: {}, failed: {} },
    tail: { ...shared, kept: {}, replace: {}, failed: {} },
    repair: { problems: {} },
  };
}

export async function readPrompts(
  source: YamlSource,
  rawPrompts: unknown,
  inputNames: readonly string[] = [],
  cwd: string = process.cwd(),
): Promise<{ readonly prompts: Pipeline['prompts']; readonly diagnostics: Diagnostic[] }> {
  const prompts: Prompts = {};
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(rawPrompts)) return { prompts, diagnostics };
  for (const name of PROMPT_NAMES) {
    const file = rawPrompts[name];
    if (typeof file !== 'string' || file === '') continue;
    const read = await readSourceText(path.resolve(path.dirname(source.file), file));
    if (!read.ok) {
      diagnostics.push(diagnosticAt(source, ['prompts', name], `cannot read prompt file ${JSON.stringify(file)}: ${read.error.replace(/^cannot read file: /, '')}`));
      continue;
    }
    const text = read.text;
    const scan = scanTemplate(text);
    const promptFile = path.resolve(path.dirname(source.file), file);
    const field = { label: `${name} prompt`, reader: `the ${name} prompt`, roots: promptRoots(inputNames)[name], prose: true };
    const placeholders = checkTemplatePlaceholders(text, scan, field, (offset) => positionInText(text, displayPathFor(promptFile, cwd), offset));
    diagnostics.push(...placeholders.diagnostics);
    if (!scan.ok && placeholders.diagnostics.length > 0) continue;
    if (!scan.ok) {
      diagnostics.push(diagnosticAt(source, ['prompts', name], `prompt file ${JSON.stringify(file)} is not a valid Handlebars template: ${scan.error}`));
      continue;
    }
    prompts[name] = text;
  }
  return { prompts, diagnostics };
}
