// Record and replay model exchanges, so a run is reproducible offline: examples, tests and CI run
// from a reviewed JSON file instead of a live endpoint.

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { DiagnosticError, type Diagnostic } from '../source/diagnostic.ts';
import { LlmError, type ChatMessage, type CompletionPurpose, type CompletionRequest, type CompletionResult, type CompletionStream, type LlmClient, type TokenUsage } from './types.ts';

export interface RecordedExchange {
  /** sha256 of the canonical JSON of `{messages, jsonSchemaName}`: what replay matches on. */
  readonly key: string;
  readonly purpose: CompletionPurpose;
  /** Informational: not part of the key, so changing the model setting keeps a recording usable. */
  readonly model: string;
  /** Name of the JSON schema asked for, when one was; part of the key. */
  readonly jsonSchemaName?: string;
  readonly messages: readonly ChatMessage[];
  readonly response: { readonly text: string; readonly usage: TokenUsage };
}

export interface Recording {
  readonly version: 1;
  readonly exchanges: readonly RecordedExchange[];
}

/** The replay key: every message's role and content plus the schema name; never model or temperature. */
export function exchangeKey(messages: readonly ChatMessage[], jsonSchemaName: string | undefined): string {
  const keyed = { messages: messages.map((m) => ({ role: m.role, content: m.content })), jsonSchemaName: jsonSchemaName ?? null };
  return createHash('sha256').update(canonicalJson(keyed)).digest('hex');
}

/**
 * Passes requests to `inner` and, after each successful exchange, rewrites `file` with every exchange
 * so far (temp file + rename), so a run that fails later still leaves its recording behind.
 */
export function createRecordingClient(inner: LlmClient, file: string): LlmClient {
  const exchanges: RecordedExchange[] = [];
  let writing: Promise<void> = Promise.resolve();
  const record = async (request: CompletionRequest, result: CompletionResult): Promise<void> => {
    exchanges.push({
      key: exchangeKey(request.messages, request.jsonSchema?.name),
      purpose: request.purpose,
      model: request.model,
      ...(request.jsonSchema ? { jsonSchemaName: request.jsonSchema.name } : {}),
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      response: { text: result.text, usage: { promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens } },
    });
    const snapshot = formatRecording({ version: 1, exchanges });
    // Writes are chained so a slower earlier write can never replace a later, longer snapshot.
    writing = writing.catch(() => undefined).then(() => writeAtomically(file, snapshot));
    await writing;
  };
  const stream = inner.stream?.bind(inner);
  return {
    async complete(request) {
      const result = await inner.complete(request);
      await record(request, result);
      return result;
    },
    // A streamed reply is recorded whole, once it has ended: replay serves it as one answer.
    ...(stream
      ? {
          async *stream(request: CompletionRequest): CompletionStream {
            const result = yield* stream(request);
            await record(request, result);
            return result;
          },
        }
      : {}),
  };
}

/** Serves recorded responses with no network; same-key exchanges are served in recorded order. */
export async function createReplayClient(file: string): Promise<LlmClient> {
  const shown = displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : error instanceof Error ? error.message : String(error);
    throw new LlmError('replay', `cannot read replay file ${shown}: ${why}`);
  }
  const recording = parseRecording(text, shown);

  const byKey = new Map<string, RecordedExchange[]>();
  for (const exchange of recording.exchanges) {
    const same = byKey.get(exchange.key);
    if (same) same.push(exchange);
    else byKey.set(exchange.key, [exchange]);
  }
  const served = new Map<string, number>();

  return {
    async complete(request) {
      request.signal?.throwIfAborted();
      const key = exchangeKey(request.messages, request.jsonSchema?.name);
      const recorded = byKey.get(key) ?? [];
      const count = served.get(key) ?? 0;
      const exchange = recorded[count];
      if (exchange) {
        served.set(key, count + 1);
        return { text: exchange.response.text, usage: { ...exchange.response.usage } };
      }
      if (recorded.length > 0) {
        throw new LlmError(
          'replay',
          `replay: every recorded answer for this ${request.purpose} request in ${shown} was already served ` +
            `(${recorded.length} recorded; the run asks it more often than the recorded run did); re-record with --record ${shown}`,
        );
      }
      throw new LlmError('replay', describeUnmatched(request, recording.exchanges, shown));
    },
  };
}

export function formatRecording(recording: Recording): string {
  return `${JSON.stringify(recording, null, 2)}\n`;
}

/** Parses and checks a recording; every problem becomes a diagnostic with a file position. */
export function parseRecording(text: string, shownFile: string): Recording {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, col } = lineAndColumn(text, syntaxErrorOffset(message, text));
    throw new DiagnosticError([{ file: shownFile, line, col, severity: 'error', message: `not valid JSON: ${syntaxErrorReason(message)}` }]);
  }
  const problems = shapeProblems(data);
  if (problems.length > 0) {
    throw new DiagnosticError(
      problems.map((message): Diagnostic => ({ file: shownFile, line: 1, col: 1, severity: 'error', message })),
    );
  }
  return data as Recording;
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────

async function writeAtomically(file: string, content: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw new LlmError('replay', `cannot write recording ${displayPath(file)}: ${why}`);
  }
}

// ── explaining a miss ────────────────────────────────────────────────────────────────────────────

const EXCERPT_CHARS = 120;

function describeUnmatched(request: CompletionRequest, exchanges: readonly RecordedExchange[], shown: string): string {
  const head = `replay: no recorded answer for this ${request.purpose} request in ${shown}`;
  const fix = `re-record with --record ${shown}`;
  const candidates = exchanges.map((exchange, index) => ({ exchange, index })).filter((c) => c.exchange.purpose === request.purpose);
  if (candidates.length === 0) return `${head}: the recording has no ${request.purpose} exchanges; ${fix}`;

  const schemaName = request.jsonSchema?.name;
  let best = candidates[0]!;
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = similarity(candidate.exchange, request.messages, schemaName);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  const difference = firstDifference(best.exchange, request.messages, schemaName);
  return [
    `${head}.`,
    `  The closest recorded ${request.purpose} exchange (#${best.index + 1} in the file) differs in ${difference.where}:`,
    `    recorded: ${difference.recorded}`,
    `    current:  ${difference.current}`,
    `  ${fix}`,
  ].join('\n');
}

/** How many lines the request shares with a recorded exchange, message by message. */
function similarity(exchange: RecordedExchange, messages: readonly ChatMessage[], schemaName: string | undefined): number {
  let score = exchange.jsonSchemaName === schemaName ? 1 : 0;
  messages.forEach((message, i) => {
    const recorded = exchange.messages[i];
    if (!recorded || recorded.role !== message.role) return;
    const lines = new Set(splitLines(recorded.content));
    for (const line of splitLines(message.content)) if (lines.has(line)) score += 1;
  });
  return score;
}

interface Difference {
  readonly where: string;
  readonly recorded: string;
  readonly current: string;
}

function firstDifference(exchange: RecordedExchange, messages: readonly ChatMessage[], schemaName: string | undefined): Difference {
  const count = Math.max(exchange.messages.length, messages.length);
  for (let i = 0; i < count; i++) {
    const recorded = exchange.messages[i];
    const current = messages[i];
    const where = `message ${i + 1}`;
    if (!recorded || !current) {
      return {
        where: `${where} (the recorded exchange has ${exchange.messages.length} messages, this request ${messages.length})`,
        recorded: recorded ? `${recorded.role}: ${excerpt(splitLines(recorded.content)[0] ?? '', 0)}` : '(no message)',
        current: current ? `${current.role}: ${excerpt(splitLines(current.content)[0] ?? '', 0)}` : '(no message)',
      };
    }
    if (recorded.role !== current.role) return { where: `${where}, its role`, recorded: recorded.role, current: current.role };
    if (recorded.content !== current.content) return lineDifference(`${where} (${current.role})`, recorded.content, current.content);
  }
  return { where: 'the JSON schema asked for', recorded: exchange.jsonSchemaName ?? '(none)', current: schemaName ?? '(none)' };
}

function lineDifference(where: string, recordedText: string, currentText: string): Difference {
  const recordedLines = splitLines(recordedText);
  const currentLines = splitLines(currentText);
  let line = 0;
  while (line < recordedLines.length && line < currentLines.length && recordedLines[line] === currentLines[line]) line++;
  const recorded = recordedLines[line];
  const current = currentLines[line];
  const column = commonPrefixLength(recorded ?? '', current ?? '');
  let [shownRecorded, shownCurrent] = [excerpt(recorded ?? '', column), excerpt(current ?? '', column)];
  // Lines that differ only in invisible ways (trailing spaces, tabs) are shown quoted.
  if (shownRecorded.trim() === shownCurrent.trim() || shownRecorded.replace(/\s+/g, ' ') === shownCurrent.replace(/\s+/g, ' ')) {
    [shownRecorded, shownCurrent] = [JSON.stringify(shownRecorded), JSON.stringify(shownCurrent)];
  }
  return {
    where: `${where}, line ${line + 1}`,
    recorded: recorded === undefined ? '(end of message)' : shownRecorded,
    current: current === undefined ? '(end of message)' : shownCurrent,
  };
}

/** At most ~120 characters of a line, centred so the first differing column stays visible. */
function excerpt(line: string, column: number): string {
  if (line.length <= EXCERPT_CHARS) return line;
  const start = Math.max(0, Math.min(column - 40, line.length - EXCERPT_CHARS));
  const end = start + EXCERPT_CHARS;
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

// ── checking the file ────────────────────────────────────────────────────────────────────────────

const PURPOSES: Record<CompletionPurpose, true> = { plan: true, repair: true, replan: true, tool: true };
const ROLES: Record<ChatMessage['role'], true> = { system: true, user: true, assistant: true };

function shapeProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['a recording must be a JSON object with "version" and "exchanges"'];
  const problems: string[] = [];
  if (data['version'] !== 1) problems.push(`"version" must be 1, found ${describe(data['version'])}`);
  const exchanges = data['exchanges'];
  if (!Array.isArray(exchanges)) return [...problems, `"exchanges" must be an array, found ${describe(exchanges)}`];
  exchanges.forEach((exchange: unknown, i) => problems.push(...exchangeProblems(exchange, `exchanges[${i}]`)));
  return problems;
}

function exchangeProblems(exchange: unknown, at: string): string[] {
  if (!isRecord(exchange)) return [`${at} must be an object, found ${describe(exchange)}`];
  const problems: string[] = [];
  const expect = (ok: boolean, field: string, what: string, value: unknown) => {
    if (!ok) problems.push(`${at}.${field} must be ${what}, found ${describe(value)}`);
  };
  const { key, purpose, model, jsonSchemaName, messages, response } = exchange;
  expect(typeof key === 'string' && /^[0-9a-f]{64}$/.test(key), 'key', 'a sha256 hex string', key);
  expect(typeof purpose === 'string' && Object.hasOwn(PURPOSES, purpose), 'purpose', `one of ${Object.keys(PURPOSES).join(', ')}`, purpose);
  expect(typeof model === 'string', 'model', 'a string', model);
  expect(jsonSchemaName === undefined || typeof jsonSchemaName === 'string', 'jsonSchemaName', 'a string', jsonSchemaName);
  if (!Array.isArray(messages)) {
    expect(false, 'messages', 'an array', messages);
  } else {
    messages.forEach((message: unknown, j) => {
      const field = `messages[${j}]`;
      if (!isRecord(message)) return expect(false, field, 'an object', message);
      const role = message['role'];
      expect(typeof role === 'string' && Object.hasOwn(ROLES, role), `${field}.role`, 'system, user or assistant', role);
      expect(typeof message['content'] === 'string', `${field}.content`, 'a string', message['content']);
    });
  }
  if (!isRecord(response)) {
    expect(false, 'response', 'an object', response);
  } else {
    expect(typeof response['text'] === 'string', 'response.text', 'a string', response['text']);
    const usage = response['usage'];
    if (!isRecord(usage)) {
      expect(false, 'response.usage', 'an object', usage);
    } else {
      for (const field of ['promptTokens', 'completionTokens']) {
        const value = usage[field];
        expect(Number.isInteger(value) && (value as number) >= 0, `response.usage.${field}`, 'a whole number', value);
      }
    }
  }
  if (problems.length === 0) {
    // A hand-edited prompt with a stale key would never match; say so here rather than as a puzzling miss later.
    const expected = exchangeKey(messages as ChatMessage[], jsonSchemaName as string | undefined);
    if (key !== expected) problems.push(`${at}.key does not match the exchange's messages (edited by hand?); the key for them is ${expected}`);
  }
  return problems;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

// ── JSON syntax errors ───────────────────────────────────────────────────────────────────────────

/** V8 names the offset for most errors ("… in JSON at position 15"); for the rest, find it ourselves. */
function syntaxErrorOffset(message: string, text: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const found = jsonErrorOffset(text);
  return found >= 0 ? found : text.length;
}

function syntaxErrorReason(message: string): string {
  return message.replace(/ in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Offset of the first JSON syntax error in `text`, or -1; a small recursive-descent scanner. */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const fail = (): never => {
    throw new JsonScanError(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail();
      } else i++;
    }
    fail();
  };
  const sequence = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail();
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      return sequence('}', () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    }
    if (c === '[') return sequence(']', value);
    if (c === '"') return string();
    literal.lastIndex = i;
    if (!literal.test(text)) fail();
    i = literal.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof JsonScanError) return error.offset;
    throw error;
  }
}

class JsonScanError extends Error {
  readonly offset: number;
  constructor(offset: number) {
    super(`JSON error at ${offset}`);
    this.offset = offset;
  }
}

// ── small pieces ─────────────────────────────────────────────────────────────────────────────────

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
