// Find the JSON plan in a model's reply: the whole reply, a ```json fence, or an object wrapped in prose.

import type { PlanProblem } from './plan-types.ts';

type ExtractResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: PlanProblem };

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

/** Where JSON.parse gave up, as "line L, column C", when the engine says. */
function describeSyntaxError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position) return `${message.replace(/ in JSON at position \d+.*$/, '')} at ${lineAndColumn(text, Number(position[1]))}`;
  return message;
}

/** The span from the first `{` to the `}` that closes it, honouring strings; undefined when it never closes. */
function balancedObjectSpan(text: string, start: number): { end: number } | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return { end: i + 1 };
  }
  return undefined;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

export function extractPlanJson(reply: string): ExtractResult {
  const trimmed = reply.trim();
  if (trimmed === '') return { ok: false, problem: { code: 'not-json', message: 'the reply is empty; expected a JSON object {"steps": [...]}' } };
  const direct = tryParse(trimmed);
  if (direct.ok) return direct;

  const fence = /```(?:json|JSON)?\s*\n([\s\S]*?)```/.exec(trimmed);
  const candidate = fence ? fence[1]!.trim() : trimmed;
  if (fence) {
    const fenced = tryParse(candidate);
    if (fenced.ok) return fenced;
  }
  const start = candidate.indexOf('{');
  if (start === -1) {
    return { ok: false, problem: { code: 'not-json', message: 'the reply contains no JSON object; expected {"steps": [...]}' } };
  }
  const span = balancedObjectSpan(candidate, start);
  if (!span) {
    return {
      ok: false,
      problem: {
        code: 'not-json',
        message: `the reply's JSON is truncated: the object opened at ${lineAndColumn(candidate, start)} never closes (the reply ends after ${candidate.length} characters); send the whole plan`,
      },
    };
  }
  const objectText = candidate.slice(start, span.end);
  const embedded = tryParse(objectText);
  if (embedded.ok) return embedded;
  return { ok: false, problem: { code: 'not-json', message: `the reply is not valid JSON: ${describeSyntaxError(objectText, embedded.error)}` } };
}
