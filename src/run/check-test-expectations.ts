// What a pipeline test expects against how its run ended: one plain sentence per broken expectation.

import type { TestExpectation, TestResultCheck } from '../pipeline/types.ts';
import { resultSchemaAjv } from '../pipeline/result-schema.ts';
import type { RunOutcome } from './outcome.ts';

const QUOTED_CHARS = 80;

export function checkTestExpectations(expect: TestExpectation, outcome: Pick<RunOutcome, 'status' | 'result' | 'error' | 'usage'>): string[] {
  const problems: string[] = [];
  if (outcome.status !== expect.status) {
    problems.push(`the run ${outcome.status === 'succeeded' ? 'succeeded' : `ended ${outcome.status}`}, expected ${expect.status}${outcome.error ? `: ${firstLine(outcome.error)}` : ''}`);
  }
  const check = expect.result;
  const result = outcome.result;
  if (check !== undefined && result === undefined && outcome.status === expect.status) problems.push('the run has no result to check');
  if (check !== undefined && result !== undefined) problems.push(...resultProblems(check, result));
  if (expect.maxLlmCalls !== undefined && outcome.usage.llmCalls > expect.maxLlmCalls) {
    problems.push(`the run made ${outcome.usage.llmCalls} model calls, expected at most ${expect.maxLlmCalls}`);
  }
  return problems;
}

function resultProblems(check: TestResultCheck, result: string): string[] {
  const problems: string[] = [];
  if (check.equals !== undefined && withoutFinalNewline(result) !== withoutFinalNewline(check.equals)) {
    problems.push(`the result is not the expected text: ${describeDifference(check.equals, result)}`);
  }
  for (const text of check.contains ?? []) {
    if (!result.includes(text)) problems.push(`the result does not contain ${quote(text)}`);
  }
  if (check.matches !== undefined && !new RegExp(check.matches).test(result)) {
    problems.push(`the result does not match /${check.matches}/`);
  }
  if (check.jsonSchema !== undefined) problems.push(...jsonSchemaProblems(check.jsonSchema, result));
  return problems;
}

function jsonSchemaProblems(schema: Readonly<Record<string, unknown>>, result: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(result);
  } catch (error) {
    return [`the result is not JSON (${error instanceof Error ? error.message : String(error)}), so jsonSchema cannot accept it`];
  }
  const validate = resultSchemaAjv().compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `the result breaks jsonSchema: ${e.instancePath === '' ? 'the value' : e.instancePath} ${e.message ?? 'is not valid'}`);
}

function describeDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const line = expected.slice(0, i).split('\n').length;
  return `they differ from line ${line} on: expected ${quote(expected.slice(i))}, got ${quote(actual.slice(i))}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text);
}

function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}
