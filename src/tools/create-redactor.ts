// The redactor: finds secret values in text, as they are and as tools and URLs commonly encode them,
// and replaces them with `***`. The run uses it on everything that leaves planexec; the runners use it
// on what a tool prints of the secrets it was handed, and to cut text without keeping part of a secret.

export const REDACTED = '***';

/**
 * Values shorter than this (after trimming) are not masked. The placeholders local servers take as a
 * key (`x`, `ollama`, `EMPTY`, `sk-1234`) are shorter, real keys and tokens are far longer (OpenAI 51+,
 * GitHub 40, AWS 40, Slack 50+ characters), and a shorter value turns up in ordinary text (a word, a
 * piece of an identifier) often enough that masking it would change data that is not secret.
 */
export const MIN_SECRET_LENGTH = 8;

/** A run of whitespace inside a secret matches at most this many whitespace characters (or escapes) of text. */
const maxWhitespaceRun = 16;

export interface Redactor {
  /** True when there is anything to redact. */
  readonly active: boolean;
  /** The text with every secret value, in every form it is matched in, replaced by `***`. */
  redactText(text: string): string;
  /** A copy of a JSON-like value with every string redacted; keys, numbers and booleans as they are. */
  redactValue<T>(value: T): T;
  /**
   * `text.slice(0, end)`, except that a secret the cut falls inside is replaced, from where it starts,
   * by `***`: no part of a secret is kept. Secrets that end before the cut stay as they are.
   */
  clipEnd(text: string, end: number): string;
  /** `text.slice(start)`, a secret the cut falls inside replaced up to where it ends by `***`. */
  clipStart(text: string, start: number): string;
  /** The most characters one secret can take in text, in any of its forms: how far past a cut to look. */
  readonly reach: number;
  /** The values masked (trimmed, each at least MIN_SECRET_LENGTH long). */
  readonly values: readonly string[];
}

const inactive: Redactor = {
  active: false,
  redactText: (text) => text,
  redactValue: (value) => value,
  clipEnd: (text, end) => text.slice(0, Math.max(0, end)),
  clipStart: (text, start) => text.slice(Math.max(0, start)),
  reach: 0,
  values: [],
};

/**
 * A redactor for these values (those shorter than MIN_SECRET_LENGTH are left out). Each value is
 * matched:
 * - as it is, a run of whitespace in it (a line break: `\n`, `\r\n`) matching any run of whitespace,
 *   so a secret collapsed onto one line or with other line endings is still found;
 * - with any of its characters JSON-escaped once or twice (`\"`, `\\\"`, `\n`, `\u00XX`),
 *   percent-encoded in either case (`%2F`, `%2f`), or, for a space, form-encoded as `+`;
 * - line by line, each line of a multi-line value that is long enough on its own;
 * - as base64 and base64url, at any alignment inside a longer base64 text (HTTP Basic `user:secret`).
 * Longer values are matched first, so a secret that contains another is replaced whole.
 */
export function createRedactor(values: readonly string[]): Redactor {
  const forms = new Map<string, Form>();
  const masked = [...new Set(values.map((value) => value.trim()).filter((value) => value.length >= MIN_SECRET_LENGTH))];
  for (const value of masked) for (const form of formsOf(value)) if (!forms.has(form.source)) forms.set(form.source, form);
  if (forms.size === 0) return inactive;
  const ordered = [...forms.values()].sort((a, b) => b.rank - a.rank);
  const pattern = new RegExp(ordered.map((form) => form.source).join('|'), 'g');
  const reach = Math.max(...ordered.map((form) => form.reach));
  // The shortest text any form can match: shorter text needs no search.
  const shortest = Math.min(...ordered.map((form) => form.shortest));

  const redactText = (text: string): string => (text.length < shortest ? text : text.replace(pattern, REDACTED));
  const scan = new RegExp(pattern.source, 'g');
  const matchesAround = function* (text: string, at: number): Generator<{ start: number; end: number }> {
    if (text.length < shortest) return;
    scan.lastIndex = Math.max(0, at - reach);
    for (let match = scan.exec(text); match !== null && match.index < at; match = scan.exec(text)) {
      yield { start: match.index, end: match.index + match[0].length };
      if (match[0].length === 0) scan.lastIndex++;
    }
  };
  return {
    active: true,
    reach,
    values: masked,
    redactText,
    redactValue: <T>(value: T): T => redactDeep(value, redactText) as T,
    clipEnd(text, end) {
      if (end >= text.length) return text;
      for (const match of matchesAround(text, end)) if (match.end > end) return `${text.slice(0, match.start)}${REDACTED}`;
      return text.slice(0, Math.max(0, end));
    },
    clipStart(text, start) {
      if (start <= 0) return text;
      for (const match of matchesAround(text, start)) if (match.end > start) return `${REDACTED}${text.slice(match.end)}`;
      return text.slice(start);
    },
  };
}

/** One regular expression a secret is found by, with what its matches can be. */
interface Form {
  readonly source: string;
  /** Longer first: a value before its lines, a secret before one it contains. */
  readonly rank: number;
  readonly reach: number;
  readonly shortest: number;
}

function formsOf(value: string): Form[] {
  const forms = [textForm(value, value.length)];
  const lines = value.split(/\r\n|\r|\n/).map((line) => line.trim());
  if (lines.length > 1) for (const line of lines) if (line.length >= MIN_SECRET_LENGTH) forms.push(textForm(line, line.length));
  for (const encoded of base64Cores(value)) {
    forms.push({ source: [...encoded].map((char) => (char === '+' ? '[+\\-]' : char === '/' ? '[/_]' : char)).join(''), rank: value.length - 0.5, reach: encoded.length, shortest: encoded.length });
  }
  return forms;
}

/** The value character by character, each in any of its encodings; whitespace runs as any whitespace run. */
function textForm(value: string, rank: number): Form {
  let source = '';
  let reach = 0;
  let shortest = 0;
  for (const token of value.match(/\s+|\\{2,}|[^\s]/gsu) ?? []) {
    if (/^\s/.test(token)) {
      source += whitespaceRun;
      reach += maxWhitespaceRun * 7;
      shortest += 1;
      continue;
    }
    if (token.length > 1 && token.startsWith('\\')) {
      // A run of backslashes as one count (escaped once or twice, each is 2 or 4 of them): one
      // quantifier, so text full of backslashes cannot make the search backtrack without end.
      source += `\\\\{${token.length},${token.length * 4}}`;
      reach += token.length * 4;
      shortest += token.length;
      continue;
    }
    const encodings = encodingsOf(token);
    source += encodings.length === 1 ? encodings[0]!.source : `(?:${encodings.map((encoding) => encoding.source).join('|')})`;
    reach += Math.max(...encodings.map((encoding) => encoding.length));
    shortest += Math.min(...encodings.map((encoding) => encoding.length));
  }
  return { source: `(?:${source})`, rank, reach, shortest };
}

/** Whitespace as text, form encoding (`+`), percent-encoding and JSON escapes (once or twice). */
const whitespaceRun = `(?:[\\s+]|%(?:20|09|0[aAdD])|\\\\{1,2}[nrt]|\\\\{1,2}u00(?:20|0[9aAdD]))${`{1,${maxWhitespaceRun}}`}`;

/** Characters no JSON, percent or form encoder escapes: they match only as they are (which keeps the search fast). */
const neverEscaped = /^[A-Za-z0-9_.-]$/;

/** The ways one character (a code point) is commonly written: as is, JSON-escaped, percent-encoded. */
function encodingsOf(char: string): { readonly source: string; readonly length: number }[] {
  if (neverEscaped.test(char)) return [{ source: escapeRegExp(char), length: 1 }];
  const found = new Map<string, number>();
  const add = (source: string, length: number) => {
    if (!found.has(source)) found.set(source, length);
  };
  add(escapeRegExp(char), char.length);
  const escaped = JSON.stringify(char).slice(1, -1);
  if (escaped !== char) {
    add(escapeRegExp(escaped), escaped.length);
    const twice = JSON.stringify(escaped).slice(1, -1);
    add(escapeRegExp(twice), twice.length);
  }
  // Escaping `/` is allowed in JSON (PHP and some others do it).
  if (char === '/') {
    add('\\\\/', 2);
    add('\\\\\\\\\\\\/', 4);
  }
  const units = [...Array(char.length).keys()].map((i) => char.charCodeAt(i));
  add(units.map((unit) => `\\\\u${hexEitherCase(unit, 4)}`).join(''), 6 * units.length);
  add(units.map((unit) => `\\\\\\\\u${hexEitherCase(unit, 4)}`).join(''), 7 * units.length);
  const bytes = [...Buffer.from(char, 'utf8')];
  add(bytes.map((byte) => `%${hexEitherCase(byte, 2)}`).join(''), 3 * bytes.length);
  return [...found].map(([source, length]) => ({ source, length }));
}

function hexEitherCase(number: number, digits: number): string {
  return [...number.toString(16).padStart(digits, '0')].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');
}

/**
 * The value's base64 at each of the three alignments it can have inside a longer base64 text, each
 * cut to the characters that depend on the value's bytes alone (those at its edges mix in neighbours).
 */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(first, last);
    if (core.length >= MIN_SECRET_LENGTH) cores.push(core);
  }
  return cores;
}

function redactDeep(value: unknown, redactText: (text: string) => string, top = true): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactText, false));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // Keys are the record's shape (an event's fields, a usage object's counters), never masked; nor are
    // an event's kind and time, so a secret that happens to occur in them cannot break the record.
    const shape = top && (key === 'kind' || key === 'time');
    // defineProperty: a "__proto__" key stays a plain key of the copy.
    Object.defineProperty(copy, key, { value: shape ? item : redactDeep(item, redactText, false), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
