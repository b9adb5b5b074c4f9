// Why a replayed request found no recorded answer: the closest recorded exchange of the same purpose
// and the first line where the prompts differ, so a changed prompt is a clear error.

import type { ChatMessage, CompletionRequest } from './types.ts';
import type { RecordedExchange } from './recording-file.ts';

const EXCERPT_CHARS = 120;

export function describeUnmatched(request: CompletionRequest, exchanges: readonly RecordedExchange[], shown: string): string {
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
