// The rows of a batch's data file, read as a stream (one row in memory at a time): JSONL, one object
// per line, or CSV with a header row. A row that cannot be read is a row with a problem, not an end.

import { createReadStream } from 'node:fs';
import path from 'node:path';
import { closestMatch } from '../source/did-you-mean.ts';
import { isRecord } from '../source/is-record.ts';
import type { InputValue } from '../run/resolve-inputs.ts';
import { createCsvParser, CsvSyntaxError, type CsvRecord } from './parse-csv.ts';

export type DataFormat = 'jsonl' | 'csv';

/** One row: its number (1-based, in file order), where it is, and its inputs or why it has none. */
export type DataRow =
  | { readonly row: number; readonly place: string; readonly inputs: Readonly<Record<string, InputValue>> }
  | { readonly row: number; readonly place: string; readonly problem: string };

/** A data file that cannot be used at all (exit 2): the message names the file and place. */
export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

export function dataFormatOf(file: string): DataFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.csv') return 'csv';
  throw new DataFileError(`--data ${file}: the file must end in .jsonl (one JSON object per line) or .csv (a header row, then one row per run)`);
}

/** What the header of a CSV file is checked against: the pipeline's inputs, and those given to every row. */
export interface InputNames {
  readonly declared: readonly string[];
  /** Inputs with no default that no `--input` gives: every row needs them. */
  readonly needed: readonly string[];
}

export async function* readDataRows(file: string, shown: string, inputs: InputNames): AsyncGenerator<DataRow> {
  yield* dataFormatOf(file) === 'csv' ? readCsvRows(file, shown, inputs) : readJsonlRows(file, shown);
}

/** How many rows the file has (a streaming pass, for the progress bar's total). */
export async function countDataRows(file: string, shown: string): Promise<number> {
  let count = 0;
  if (dataFormatOf(file) === 'csv') {
    for await (const record of csvRecords(file, shown, { tolerant: true })) if (record) count++;
    return Math.max(0, count - 1);
  }
  for await (const line of lines(file, shown)) if (line.text.trim() !== '') count++;
  return count;
}

async function* readJsonlRows(file: string, shown: string): AsyncGenerator<DataRow> {
  let row = 0;
  for await (const { text, line } of lines(file, shown)) {
    if (text.trim() === '') continue;
    row++;
    const place = `${shown}:${line}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const { column, reason } = jsonProblem(error, text);
      yield { row, place, problem: `${shown}:${line}:${column}: not a JSON object: ${reason}` };
      continue;
    }
    if (!isRecord(value)) {
      yield { row, place, problem: `${place}: a row must be a JSON object of inputs ({"name": value, …}), got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
      continue;
    }
    const inputs: Record<string, InputValue> = {};
    const problems: string[] = [];
    for (const [name, raw] of Object.entries(value)) {
      // null leaves an input out (its default applies), as an empty CSV cell does.
      if (raw === null) continue;
      if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') Object.defineProperty(inputs, name, { value: raw, enumerable: true, writable: true, configurable: true });
      else problems.push(`input "${name}" must be a string, number or boolean, got ${Array.isArray(raw) ? 'an array' : 'an object'}`);
    }
    yield problems.length > 0 ? { row, place, problem: `${place}: ${problems.join('; ')}` } : { row, place, inputs };
  }
}

async function* readCsvRows(file: string, shown: string, names: InputNames): AsyncGenerator<DataRow> {
  let header: readonly string[] | undefined;
  let row = 0;
  for await (const record of csvRecords(file, shown, { tolerant: false })) {
    if (record === undefined) continue;
    if (header === undefined) {
      header = checkHeader(record, shown, names);
      continue;
    }
    row++;
    const place = `${shown}:${record.line}`;
    if (record.fields.length !== header.length) {
      yield { row, place, problem: `${place}: the row has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}, the header ${header.length} (${header.join(', ')}); a field with a comma in it must be in quotes` };
      continue;
    }
    const inputs: Record<string, InputValue> = {};
    header.forEach((name, index) => {
      // An empty cell leaves the input out: its default applies, or the row misses it.
      if (record.fields[index] !== '') Object.defineProperty(inputs, name, { value: record.fields[index], enumerable: true, writable: true, configurable: true });
    });
    yield { row, place, inputs };
  }
  if (header === undefined) throw new DataFileError(`${shown}:1:1: the file is empty; a CSV data file starts with a header row naming the inputs (${names.declared.join(', ') || 'the pipeline declares none'})`);
}

function checkHeader(record: CsvRecord, shown: string, names: InputNames): readonly string[] {
  const header = record.fields.map((field) => field.trim());
  const problems: string[] = [];
  const seen = new Set<string>();
  header.forEach((name, index) => {
    const at = `${shown}:${record.line}`;
    if (seen.has(name)) problems.push(`${at}: column "${name}" appears twice in the header (column ${index + 1})`);
    seen.add(name);
    if (!names.declared.includes(name)) {
      const guess = closestMatch(name, names.declared);
      problems.push(`${at}: column "${name}" is not an input of the pipeline (${guess ? `did you mean "${guess}"? ` : ''}inputs: ${names.declared.join(', ') || 'none'})`);
    }
  });
  for (const name of names.needed) {
    if (!seen.has(name)) problems.push(`${shown}:${record.line}: the header has no column "${name}", which every row needs (the input "${name}" has no default); columns: ${header.join(', ')}`);
  }
  if (problems.length > 0) throw new DataFileError(problems.join('\n'));
  return header;
}

/** The CSV records of the file; a syntax error ends the file (nothing after it can be trusted), or with tolerant, just the count. */
async function* csvRecords(file: string, shown: string, options: { readonly tolerant: boolean }): AsyncGenerator<CsvRecord | undefined> {
  const parser = createCsvParser();
  try {
    for await (const chunk of openText(file, shown)) yield* parser.push(chunk);
    yield* parser.end();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    if (options.tolerant) return;
    throw new DataFileError(`${shown}:${error.line}:${error.column}: ${error.message}`);
  }
}

async function* lines(file: string, shown: string): AsyncGenerator<{ readonly text: string; readonly line: number }> {
  let line = 0;
  let carry = '';
  let first = true;
  for await (let chunk of openText(file, shown)) {
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    const parts = (carry + chunk).split('\n');
    carry = parts.pop()!;
    for (const part of parts) yield { text: part.endsWith('\r') ? part.slice(0, -1) : part, line: ++line };
  }
  if (carry !== '') yield { text: carry, line: ++line };
}

function openText(file: string, shown: string) {
  const stream = createReadStream(file, { encoding: 'utf8' });
  // Turned into a DataFileError where it is read, naming the file.
  stream.on('error', () => undefined);
  return wrapErrors(stream, shown);
}

async function* wrapErrors(stream: AsyncIterable<string>, shown: string): AsyncGenerator<string> {
  try {
    yield* stream;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(`cannot read --data ${shown}: ${code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory' : error instanceof Error ? error.message : String(error)}`);
  }
}

function jsonProblem(error: unknown, text: string): { column: number; reason: string } {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const reason = message.replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '').replace(/, "[\s\S]*" is not valid JSON$/, '');
  return { column: position ? Number(position[1]) + 1 : text.length + 1, reason: reason.charAt(0).toLowerCase() + reason.slice(1) };
}
