// The action's `inputs` input: the pipeline's inputs as a YAML map (`version: v2.0.0`) or as
// `name=value` lines, the form `--input` takes on the command line.

import { isMap, isScalar, parseDocument } from 'yaml';
import type { InputValue } from '../run/resolve-inputs.ts';
import { ActionInputError } from './action-input-error.ts';

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const assignmentLine = /^\s*[A-Za-z_][A-Za-z0-9_]*=/;

export function parseRunInputs(text: string): Record<string, InputValue> {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (lines.length === 0) return {};
  return lines.every((line) => assignmentLine.test(line)) ? parseAssignments(lines) : parseYamlMap(text);
}

function setInput(inputs: Record<string, InputValue>, name: string, value: InputValue): void {
  // defineProperty: an input named "__proto__" stays a plain key.
  Object.defineProperty(inputs, name, { value, enumerable: true, writable: true, configurable: true });
}

function parseAssignments(lines: readonly string[]): Record<string, InputValue> {
  const inputs: Record<string, InputValue> = {};
  for (const line of lines) {
    const trimmed = line.trimStart();
    const eq = trimmed.indexOf('=');
    // A later line for the same name wins, as with repeated --input flags.
    setInput(inputs, trimmed.slice(0, eq), trimmed.slice(eq + 1));
  }
  return inputs;
}

function parseYamlMap(text: string): Record<string, InputValue> {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, schema: 'failsafe' });
  const [first] = document.errors;
  if (first) throw new ActionInputError(`inputs: not a YAML map of input values nor name=value lines (${first.message.split('\n')[0]})`);
  if (!isMap(document.contents)) throw new ActionInputError('inputs: expected a YAML map of input values (name: value) or name=value lines');
  const problems: string[] = [];
  const inputs: Record<string, InputValue> = {};
  for (const pair of document.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!namePattern.test(name)) {
      problems.push(`inputs: "${name}" is not an input name`);
      continue;
    }
    // The failsafe schema reads every scalar as text, like a name=value line: `1.10` stays "1.10",
    // and the pipeline's declared input type decides what it becomes.
    const value = pair.value === null ? '' : isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof value === 'string') setInput(inputs, name, value);
    else problems.push(`inputs: "${name}" needs one value (text, a number, true or false), not a list or a map`);
  }
  if (problems.length > 0) throw new ActionInputError(problems.join('\n'));
  return inputs;
}
