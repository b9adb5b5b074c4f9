// Untrusted text (model-written actions, tool output and errors, what a server sent) made safe to show
// a person: every character a terminal or log viewer would act on instead of showing — C0 and C1
// controls (ESC and CSI start colour, cursor and screen-clearing sequences, OSC clipboard writes and
// hyperlinks), DEL, line and paragraph separators, bidirectional overrides — becomes an escape like
// `\x1b`. Tabs stay. Every human view (terminal tree, plain lines, `show`, Markdown, error lines, the
// Action's log, the worker log) passes such text through here.

/** Beyond C0 (tab and newline aside): DEL and C1, line/paragraph separators, bidi marks, embeddings, overrides and isolates. */
const OTHERS = '\\u007f-\\u009f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
/** Every one of them, `\n` included; a lone `\r` is always escaped: it rewrites the line it ends. */
const acted = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f${OTHERS}]`, 'g');
const actedButNewline = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`, 'g');
const mayAct = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f${OTHERS}]`);
const mayActButNewline = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`);
const rawInJson = new RegExp(`[${OTHERS}]`, 'g');

const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\x1b' };

function escapeOne(char: string): string {
  const known = named[char];
  if (known !== undefined) return known;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of text: every control character (newlines included) shown as an escape. */
export function visibleText(text: string): string {
  return mayAct.test(text) ? text.replace(acted, escapeOne) : text;
}

/** Text that may span lines: `\n` (and `\r\n`, read as `\n`) still breaks lines; every other control character is escaped. */
export function visibleLines(text: string): string {
  return mayActButNewline.test(text) ? text.replace(/\r\n/g, '\n').replace(actedButNewline, escapeOne) : text;
}

/**
 * JSON for a terminal: `JSON.stringify` leaves DEL, C1 controls, U+2028/U+2029 and bidi overrides
 * raw; here they are `\u` escapes too. Same value once parsed (they only occur inside strings).
 */
export function visibleJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(rawInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
