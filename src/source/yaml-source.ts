// Reads a YAML file into a plain value while keeping the document's source positions, so any
// later check can point at the exact line:col of the node (or map key) it complains about.

import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Diagnostic, SourcePosition } from './diagnostic.ts';
import { readRegularFile, readRegularFileSync, type FileRead } from './read-regular-file.ts';
import { explainYamlSyntaxError, mapAsKeyMessage } from './yaml-syntax-message.ts';

/** Keys into the parsed value, e.g. `['tools', 2, 'args']`; the same path ajv reports as `/tools/2/args`. */
export type InstancePath = readonly (string | number)[];

export interface YamlSource {
  /** Absolute path. */
  readonly file: string;
  /** Path as shown to the user. */
  readonly displayPath: string;
  readonly text: string;
  /** True when the file was read and is well-formed YAML, so `value` is meaningful. */
  readonly parsed: boolean;
  /** The document as plain JSON-like data (no prototype-polluting keys), or undefined when not parsed. */
  readonly value: unknown;
  /** Problems with the file as YAML: syntax, duplicate or forbidden keys, aliases. */
  readonly diagnostics: readonly Diagnostic[];
  readonly document: Document.Parsed | undefined;
  readonly lineCounter: LineCounter;
}

interface ParseYamlOptions {
  /** Limit on alias expansion, against "billion laughs" documents (the yaml package's maxAliasCount). */
  readonly maxAliasCount?: number;
}

/** Keys that could reach an object's prototype when copied around; rejected anywhere in our files. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const DEFAULT_MAX_ALIAS_COUNT = 100;

/** Deepest nesting of maps and lists accepted; what walks the document afterwards may then recurse. */
const MAX_YAML_DEPTH = 64;

/** Path shown to the user: relative to `cwd` when the file is inside it, else absolute. */
export function displayPathFor(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(path.resolve(cwd), absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return absolute;
  return relative;
}

/** Reads and parses `file` (resolved against `cwd`); an unreadable file gives a diagnostic, never a throw. */
export async function readYamlSource(file: string, cwd: string, options: ParseYamlOptions = {}): Promise<YamlSource> {
  const absolute = path.resolve(cwd, file);
  const displayPath = displayPathFor(absolute, cwd);
  const read = await readSourceText(absolute);
  if (!read.ok) return unreadableSource(absolute, displayPath, read.error, read.at);
  return parseYamlSource(read.text, absolute, displayPath, options);
}

/** readYamlSource for code that cannot wait: a position looked up only when a problem is reported. */
export function readYamlSourceSync(file: string, cwd: string, options: ParseYamlOptions = {}): YamlSource {
  const absolute = path.resolve(cwd, file);
  const displayPath = displayPathFor(absolute, cwd);
  const read = sourceTextOf(readRegularFileSync(absolute, MAX_SOURCE_BYTES));
  if (!read.ok) return unreadableSource(absolute, displayPath, read.error, read.at);
  return parseYamlSource(read.text, absolute, displayPath, options);
}

/** Largest pipeline, tool, config or prompt file planexec reads; real ones are a few kilobytes. */
const MAX_SOURCE_BYTES = 1024 * 1024;

type SourceText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: string; readonly at?: { readonly line: number; readonly col: number } };

/**
 * A source file's text: refused unread when it is not a regular file (a FIFO, a device) or larger than
 * MAX_SOURCE_BYTES, and when it is not UTF-8.
 */
export async function readSourceText(file: string): Promise<SourceText> {
  return sourceTextOf(await readRegularFile(file, MAX_SOURCE_BYTES));
}

function sourceTextOf(read: FileRead): SourceText {
  if (!read.ok) return { ok: false, error: read.code === 'EFBIG' ? read.reason : `cannot read file: ${read.reason}` };
  const bytes = read.bytes;
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const before = bytes.subarray(0, bad);
    const line = before.filter((byte) => byte === 0x0a).length + 1;
    const col = bad - (before.lastIndexOf(0x0a) + 1) + 1;
    const hex = bytes[bad]!.toString(16).padStart(2, '0');
    return { ok: false, error: `the file is not valid UTF-8 (byte 0x${hex} at line ${line}, column ${col}); save it as UTF-8`, at: { line, col } };
  }
  return { ok: true, text: bytes.toString('utf8') };
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, if any. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Expected length, and the range of the second byte (which rules out overlongs and surrogates).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return undefined;
}

export function parseYamlSource(text: string, file: string, displayPath: string, options: ParseYamlOptions = {}): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false, // reported below, with the position of the first occurrence
    resolveKnownTags: false, // !!binary, !!set, !!timestamp stay strings: our files hold JSON-like data only
  });
  const at = (offset: number): SourcePosition => ({ file: displayPath, ...lineCounter.linePos(offset) });
  const diagnostics: Diagnostic[] = [];

  const syntaxLines = new Set<number>();
  let tooDeep = false;
  for (const error of document.errors) {
    if (/call stack/i.test(error.message)) {
      // The parser gave up on nesting hundreds of levels deep; say so once, in words.
      if (!tooDeep) diagnostics.push({ ...at(error.pos[0]), severity: 'error', message: `YAML nests too deeply to read (more than ${MAX_YAML_DEPTH} levels; a pipeline needs only a few)` });
      tooDeep = true;
      continue;
    }
    const explained = explainYamlSyntaxError(error, text);
    const position = at(explained.offset ?? syntaxErrorOffset(document, error));
    // One mistake often derails the parser for the rest of the line; the first message is the useful one.
    if (syntaxLines.has(position.line)) continue;
    syntaxLines.add(position.line);
    diagnostics.push({ ...position, severity: 'error', message: explained.message });
  }
  for (const warning of document.warnings) {
    diagnostics.push({ ...at(warning.pos[0]), severity: 'warning', message: `YAML: ${warning.message}` });
  }
  if (document.errors.length > 0) {
    return { file, displayPath, text, parsed: false, value: undefined, diagnostics: sortByPosition(diagnostics), document, lineCounter };
  }

  const depth = nestingDepth(document.contents, MAX_YAML_DEPTH);
  if (depth.tooDeep) {
    diagnostics.push({ ...at(depth.offset), severity: 'error', message: `YAML nests more than ${MAX_YAML_DEPTH} levels deep; a pipeline needs only a few` });
    return { file, displayPath, text, parsed: false, value: undefined, diagnostics: sortByPosition(diagnostics), document, lineCounter };
  }
  const structure = checkStructure(document, at, text);
  diagnostics.push(...structure.diagnostics);
  let value: unknown;
  let parsed = !structure.unconvertible;
  if (parsed) {
    try {
      value = stripForbiddenKeys(document.toJS({ maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT }));
    } catch (error) {
      parsed = false;
      const limit = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
      const message = /alias/i.test(error instanceof Error ? error.message : '')
        ? `YAML aliases expand to too many nodes (limit ${limit}); refusing a possible resource exhaustion attack`
        : `cannot read YAML: ${error instanceof Error ? error.message : String(error)}`;
      diagnostics.push({ ...(structure.firstAlias ?? at(0)), severity: 'error', message });
    }
  }
  return { file, displayPath, text, parsed, value, diagnostics: sortByPosition(diagnostics), document, lineCounter };
}

/** A source for a file that could not be read at all: one diagnostic (at 1:1 unless told where). */
function unreadableSource(file: string, displayPath: string, message: string, at: { readonly line: number; readonly col: number } = { line: 1, col: 1 }): YamlSource {
  return {
    file,
    displayPath,
    text: '',
    parsed: false,
    value: undefined,
    diagnostics: [{ file: displayPath, line: at.line, col: at.col, severity: 'error', message }],
    document: undefined,
    lineCounter: new LineCounter(),
  };
}

/** Whether the document's top level is a sequence (a tool file), judged from the syntax tree. */
export function isTopLevelSequence(source: YamlSource): boolean {
  return source.document !== undefined && isSeq(source.document.contents);
}

interface FoundNode {
  readonly node: unknown;
  /** The map entry holding the node, when its parent is a map. */
  readonly pair: Pair | undefined;
  /** False when the path leads nowhere and `node` is the deepest node that exists on it. */
  readonly matchedAll: boolean;
}

function findNode(source: YamlSource, instancePath: InstancePath): FoundNode | undefined {
  const document = source.document;
  if (document === undefined) return undefined;
  let node: unknown = document.contents;
  let pair: Pair | undefined;
  for (const segment of instancePath) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const found = node.items.find((item) => isScalar(item.key) && keyText(item.key.value) === String(segment));
      if (found === undefined) return { node, pair, matchedAll: false };
      pair = found as Pair;
      node = found.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return { node, pair, matchedAll: false };
      pair = undefined;
      node = item;
    } else return { node, pair, matchedAll: false };
  }
  return { node, pair, matchedAll: true };
}

/** The syntax node at `instancePath` (a scalar, map or list), if the path leads to one. */
export function nodeAt(source: YamlSource, instancePath: InstancePath): unknown {
  const found = findNode(source, instancePath);
  return found?.matchedAll ? found.node : undefined;
}

/**
 * Position of the node at `instancePath`, or of its map key with `target: 'key'`. When the path
 * leads nowhere (a missing field), the deepest node that exists is used.
 */
export function positionAt(source: YamlSource, instancePath: InstancePath, target: 'value' | 'key' = 'value'): SourcePosition {
  const start: SourcePosition = { file: source.displayPath, line: 1, col: 1 };
  const found = findNode(source, instancePath);
  if (found === undefined) return start;
  const { node, pair, matchedAll } = found;
  const offsetOf = (item: Node | null | undefined): number | undefined => item?.range?.[0];
  const keyOffset = pair !== undefined ? offsetOf(pair.key as Node | null) : undefined;
  let offset: number | undefined;
  if (target === 'key' && matchedAll && keyOffset !== undefined) offset = keyOffset;
  else {
    const valueNode = node as Node | null | undefined;
    const range = valueNode?.range;
    // An empty value (`name:` with nothing after it) has no text of its own; point at its key.
    offset = range === undefined || range === null || (range[0] === range[1] && isScalar(valueNode)) ? keyOffset : range[0];
  }
  return offset === undefined ? start : { file: source.displayPath, ...source.lineCounter.linePos(offset) };
}

/** A diagnostic about the node at `instancePath` (or its key). */
export function diagnosticAt(
  source: YamlSource,
  instancePath: InstancePath,
  message: string,
  options: { readonly target?: 'value' | 'key'; readonly severity?: 'error' | 'warning' } = {},
): Diagnostic {
  return { ...positionAt(source, instancePath, options.target), severity: options.severity ?? 'error', message };
}

/** Orders diagnostics of one file as a reader goes through it. */
export function sortByPosition(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
}

/** Where to point for a syntax error: an unclosed quote at its opening quote, not at the end of the file. */
function syntaxErrorOffset(document: Document.Parsed, error: { readonly code: string; readonly message: string; readonly pos: [number, number] }): number {
  const end = error.pos[0];
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return end;
  let start = end;
  visit(document, {
    Scalar(_key, node) {
      const range = node.range;
      if ((node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') && range !== undefined && range !== null && range[1] <= end && end <= range[2]) {
        start = range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}

/** The string a scalar key becomes in the plain value (as yaml's toJS does it). */
function keyText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

interface StructureCheck {
  readonly diagnostics: Diagnostic[];
  /** Set when a key is a collection or an alias is unknown or self-containing: converting would fail, warn or never end. */
  readonly unconvertible: boolean;
  readonly firstAlias: SourcePosition | undefined;
}

/** Duplicate, forbidden and non-scalar keys; unknown and self-containing aliases. */
function checkStructure(document: Document.Parsed, at: (offset: number) => SourcePosition, text: string): StructureCheck {
  const diagnostics: Diagnostic[] = [];
  let unconvertible = false;
  let firstAlias: SourcePosition | undefined;
  const error = (node: Node, message: string): void => {
    diagnostics.push({ ...at(node.range?.[0] ?? 0), severity: 'error', message });
  };

  const walk = (node: unknown, ancestors: readonly unknown[]): void => {
    if (isAlias(node)) {
      firstAlias ??= at(node.range?.[0] ?? 0);
      const target = node.resolve(document);
      if (target === undefined) {
        unconvertible = true;
        error(node, `unknown YAML alias *${node.source} (define the anchor &${node.source} before using it)`);
      } else if (ancestors.includes(target)) {
        unconvertible = true;
        error(node, `YAML alias *${node.source} refers to a node that contains it`);
      }
      return;
    }
    const inside = [...ancestors, node];
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const item of node.items) {
        const key = item.key as unknown;
        if (!isScalar(key)) {
          if (key === null || key === undefined) error(node, 'a map entry has no key');
          else {
            unconvertible = true;
            error(key as Node, mapAsKeyMessage(text, (key as Node).range?.[0] ?? 0));
          }
        } else {
          const name = keyText(key.value);
          const first = seen.get(name);
          if (FORBIDDEN_KEYS.has(name)) error(key, `"${name}" is not allowed as a key`);
          else if (first !== undefined) {
            const { line, col } = at(first.range?.[0] ?? 0);
            error(key, `duplicate key "${name}" (first defined at ${line}:${col})`);
          } else seen.set(name, key);
        }
        walk(item.value, inside);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, inside);
    }
  };
  walk(document.contents, []);
  return { diagnostics, unconvertible, firstAlias };
}

/** Whether the document nests deeper than `limit`, and where it first does; iterative, so any depth is safe. */
function nestingDepth(root: unknown, limit: number): { readonly tooDeep: boolean; readonly offset: number } {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= limit) return { tooDeep: true, offset: (node as Node).range?.[0] ?? 0 };
    for (const item of node.items as unknown[]) {
      if (isMap(node)) {
        const pair = item as Pair;
        stack.push([pair.key, depth + 1], [pair.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return { tooDeep: false, offset: 0 };
}

/** Removes forbidden keys (already reported) so no later code ever sees them. */
function stripForbiddenKeys(value: unknown, seen = new Set<unknown>()): unknown {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) stripForbiddenKeys(item, seen);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of FORBIDDEN_KEYS) {
    if (Object.prototype.hasOwnProperty.call(record, key)) delete record[key];
  }
  for (const key of Object.keys(record)) stripForbiddenKeys(record[key], seen);
  return value;
}
