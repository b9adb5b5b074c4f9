// A pipeline's `tests:` as typed tests: unique names, inputs the pipeline declares, a regex that
// compiles, a jsonSchema ajv accepts, a recording to replay; each problem at its file:line:col.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { didYouMeanSuffix } from '../source/did-you-mean.ts';
import type { Diagnostic } from '../source/diagnostic.ts';
import { describeValue, isFailingAtOrBelow } from '../source/schema-check.ts';
import { diagnosticAt, positionAt, type InstancePath, type YamlSource } from '../source/yaml-source.ts';
import { rerecordCommand } from './rerecord-command.ts';
import { isRecord } from './tool-declaration.ts';
import type { InputSpec, PipelineTest, TestExpectation, TestResultCheck } from './types.ts';

/**
 * The checked tests; `defaultReplay` (the pipeline's model.replay, absolute) is used by tests that name
 * no recording; null: not known (the file breaks the schema), so a test without `replay` is not faulted.
 * A pipeline with a fixed `plan:` needs no model to plan, so its tests may have no recording at all.
 */
export async function resolvePipelineTests(
  source: YamlSource,
  rawTests: unknown,
  failingPaths: readonly InstancePath[],
  inputs: Readonly<Record<string, InputSpec>>,
  defaultReplay: string | undefined | null,
  fixedPlan = false,
): Promise<{ readonly tests?: readonly PipelineTest[]; readonly diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  if (!Array.isArray(rawTests)) return { diagnostics };
  // ajv only for a pipeline whose tests check a result against a JSON Schema.
  const schemaProblem = rawTests.some(hasJsonSchema) ? (await import('./result-schema.ts')).jsonSchemaProblem : () => undefined;
  const tests: PipelineTest[] = [];
  const seen = new Map<string, number>();
  rawTests.forEach((raw, index) => {
    const at: InstancePath = ['tests', index];
    if (!isRecord(raw) || isFailingAtOrBelow(failingPaths, at)) return;
    const name = raw.name as string;
    const problems: Diagnostic[] = [];
    if (seen.has(name)) problems.push(diagnosticAt(source, [...at, 'name'], `test name "${name}" is used by tests[${seen.get(name)}] too; each test needs a name of its own`));
    else seen.set(name, index);
    problems.push(...checkTestInputs(source, at, isRecord(raw.inputs) ? raw.inputs : {}, inputs));
    const replay = typeof raw.replay === 'string' ? path.resolve(path.dirname(source.file), raw.replay) : (defaultReplay ?? undefined);
    if (replay === undefined && defaultReplay !== null && !fixedPlan) problems.push(diagnosticAt(source, [...at, 'name'], `test "${name}" has no recording to replay: add replay: <recording file> (made with planexec run --record <file>), or set model.replay`));
    const expect = raw.expect as Record<string, unknown>;
    const result = isRecord(expect.result) ? checkResult(source, [...at, 'expect', 'result'], expect.result, problems, schemaProblem) : undefined;
    diagnostics.push(...problems);
    if (problems.length > 0 || (replay === undefined && !fixedPlan)) return;
    const expectation: TestExpectation = {
      status: (expect.status as TestExpectation['status'] | undefined) ?? 'succeeded',
      ...(result ? { result } : {}),
      ...(typeof expect.maxLlmCalls === 'number' ? { maxLlmCalls: expect.maxLlmCalls } : {}),
    };
    const position = positionAt(source, at);
    tests.push({ name, inputs: { ...(raw.inputs as PipelineTest['inputs'] | undefined) }, ...(replay !== undefined ? { replay } : {}), expect: expectation, line: position.line });
  });
  return { tests, diagnostics };
}

function checkTestInputs(source: YamlSource, at: InstancePath, given: Readonly<Record<string, unknown>>, inputs: Readonly<Record<string, InputSpec>>): Diagnostic[] {
  const declared = Object.keys(inputs);
  const problems: Diagnostic[] = [];
  for (const [name, value] of Object.entries(given)) {
    const spec = inputs[name];
    if (spec === undefined) {
      const list = declared.length > 0 ? `; declared: ${declared.join(', ')}` : '; the pipeline declares no inputs';
      problems.push(diagnosticAt(source, [...at, 'inputs', name], `test input "${name}" is not an input of the pipeline${didYouMeanSuffix(name, declared)}${list}`, { target: 'key' }));
    } else if (typeof value !== spec.type && !(typeof value === 'string' && spec.type !== 'string')) {
      problems.push(diagnosticAt(source, [...at, 'inputs', name], `test input "${name}" has type ${spec.type}, got ${describeValue(value)}`));
    }
  }
  for (const [name, spec] of Object.entries(inputs)) {
    if (spec.required && !Object.hasOwn(given, name)) problems.push(diagnosticAt(source, [...at, 'name'], `test input "${name}" is required (the input has no default): add it under inputs:`));
  }
  return problems;
}

function hasJsonSchema(raw: unknown): boolean {
  return isRecord(raw) && isRecord(raw.expect) && isRecord(raw.expect.result) && isRecord(raw.expect.result.jsonSchema);
}

function checkResult(
  source: YamlSource,
  at: InstancePath,
  raw: Readonly<Record<string, unknown>>,
  problems: Diagnostic[],
  jsonSchemaProblem: (schema: Readonly<Record<string, unknown>>) => string | undefined,
): TestResultCheck {
  if (typeof raw.matches === 'string') {
    const problem = regexProblem(raw.matches);
    if (problem) problems.push(diagnosticAt(source, [...at, 'matches'], `"matches" is not a valid regular expression: ${problem}`));
  }
  if (isRecord(raw.jsonSchema)) {
    const problem = jsonSchemaProblem(raw.jsonSchema);
    if (problem) problems.push(diagnosticAt(source, [...at, 'jsonSchema'], `"jsonSchema" is not a JSON Schema ajv can use: ${problem}`));
  }
  return {
    ...(typeof raw.equals === 'string' ? { equals: raw.equals } : {}),
    ...(raw.contains !== undefined ? { contains: typeof raw.contains === 'string' ? [raw.contains] : [...(raw.contains as string[])] } : {}),
    ...(typeof raw.matches === 'string' ? { matches: raw.matches } : {}),
    ...(isRecord(raw.jsonSchema) ? { jsonSchema: raw.jsonSchema } : {}),
  };
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^Invalid regular expression: /, '');
  }
}

/**
 * `validate` and `planexec test`: a test whose recording is not there cannot run; says how to make it.
 * Read from the file itself, so it is told with the file's other problems; `defaultReplay` is the
 * pipeline's model.replay (absolute) when known, else the file's own.
 */
export function missingTestRecordings(source: YamlSource, defaultReplay?: string): Diagnostic[] {
  const raw = isRecord(source.value) ? source.value : {};
  if (!Array.isArray(raw.tests)) return [];
  const dir = path.dirname(source.file);
  const model = isRecord(raw.model) ? raw.model : {};
  const fallback = defaultReplay ?? (typeof model.replay === 'string' ? path.resolve(dir, model.replay) : undefined);
  const planning = { cache: isRecord(raw.planning) && raw.planning.cache === true };
  return raw.tests.flatMap((test, index) => {
    if (!isRecord(test) || typeof test.name !== 'string') return [];
    const replay = typeof test.replay === 'string' ? path.resolve(dir, test.replay) : fallback;
    if (replay === undefined || existsSync(replay)) return [];
    const inputs = isRecord(test.inputs) ? (test.inputs as PipelineTest['inputs']) : {};
    const command = rerecordCommand({ file: source.file, planning }, { inputs, replay });
    const at: InstancePath = typeof test.replay === 'string' ? ['tests', index, 'replay'] : ['tests', index, 'name'];
    return [diagnosticAt(source, at, `the recording ${path.relative(process.cwd(), replay) || replay} of test "${test.name}" does not exist; record it with: ${command}`)];
  });
}
