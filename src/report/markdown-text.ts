// Untrusted text (model-written actions, tool errors, results) placed into GitHub-flavoured
// Markdown so that it reads as the text it is: no links, images, HTML or broken tables, and no
// control character a terminal showing the Markdown would act on.

import { visibleLines, visibleText } from '../source/visible-text.ts';

/** Text for a table cell or a list item: one line, Markdown and HTML syntax escaped, cut to `max` characters. */
export function inlineText(text: string, max = 200): string {
  const line = visibleText(text.replace(/\s+/g, ' ').trim());
  const short = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return short
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!#]/g, (char) => `\\${char}`);
}

/** Text as inline code: one line, in a backtick fence longer than any backtick run inside it. */
export function codeSpan(text: string, max = 120): string {
  const line = visibleText(text.replace(/\s+/g, ' ').trim());
  const short = (line.length > max ? `${line.slice(0, max - 1)}…` : line).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(short.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = short.startsWith('`') || short.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${short}${pad}${fence}`;
}

/** A fenced code block that no backtick run inside `text` can close early. */
export function fencedBlock(raw: string, info = 'text'): string {
  const text = visibleLines(raw);
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${info}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}\n`;
}

/** `1,234` */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** `12 ms`, `0.4 s`, `12.0 s`, `3 min 4 s` */
export function duration(ms: number): string {
  if (ms < 100) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
