// The recording file: its format, the key an exchange is found by, and reading a file back with
// every problem as a diagnostic (JSON syntax errors at their line and column).

import { canonicalJson } from '../source/canonical-json.ts';
import { DiagnosticError, type Diagnostic } from '../source/diagnostic.ts';
import { isRecord } from '../source/is-record.ts';
import type { ChatMessage, CompletionPurpose, TokenUsage } from './types.ts';
import { sha256Hex } from '../source/sha256.ts';

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
  return sha256Hex(exchangeKeyText(messages, jsonSchemaName));
}

/** What the replay key is the SHA-256 of: equal texts, equal keys. */
export function exchangeKeyText(messages: readonly ChatMessage[], jsonSchemaName: string | undefined): string {
  return canonicalJson({ messages: messages.map((m) => ({ role: m.role, content: m.content })), jsonSchemaName: jsonSchemaName ?? null });
}

/**
 * Passes requests to `inner` and, after each successful exchange, rewrites `file` with every exchange
 * so far (temp file + rename), so a run that fails later still leaves its recording behind.
 */
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
/** Where and why JSON.parse refused `text` (its error message given): for a diagnostic at the mistake. */
export function jsonSyntaxProblem(text: string, parseErrorMessage: string): { readonly line: number; readonly col: number; readonly reason: string } {
  return { ...lineAndColumn(text, syntaxErrorOffset(parseErrorMessage, text)), reason: syntaxErrorReason(parseErrorMessage) };
}

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


