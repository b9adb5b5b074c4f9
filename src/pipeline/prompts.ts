// Prompt template files named in `prompts:`, read (relative to the pipeline) and parsed up front.

import path from 'node:path';
import type { Diagnostic } from '../source/diagnostic.ts';
import { diagnosticAt, readSourceText } from '../source/yaml-source.ts';
import type { YamlSource } from '../source/yaml-source.ts';
import { scanTemplate } from '../prompt/template-check.ts';
import { isRecord } from './tool-declaration.ts';
import type { Pipeline } from './types.ts';

type Prompts = { -readonly [K in keyof Pipeline['prompts']]: Pipeline['prompts'][K] };

const PROMPT_NAMES = ['plan', 'replan', 'repair', 'tail'] as const;

export async function readPrompts(source: YamlSource, rawPrompts: unknown): Promise<{ readonly prompts: Pipeline['prompts']; readonly diagnostics: Diagnostic[] }> {
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
    if (!scan.ok) {
      diagnostics.push(diagnosticAt(source, ['prompts', name], `prompt file ${JSON.stringify(file)} is not a valid Handlebars template: ${scan.error}`));
      continue;
    }
    prompts[name] = text;
  }
  return { prompts, diagnostics };
}
