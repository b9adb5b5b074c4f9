// Where each character of a string scalar's value sits in the file, so a problem inside a string (a
// placeholder in a block scalar, after escapes or folded lines) is reported at its own line:col.

import { isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import type { SourcePosition } from './diagnostic.ts';
import { nodeAt, positionAt } from './yaml-source.ts';
import type { InstancePath, YamlSource } from './yaml-source.ts';

/**
 * Position of character `index` of the string at `instancePath` (and of the end of a span with
 * `index` = its end). Falls back to the start of the value when the scalar cannot be mapped (an
 * alias, a rare indentation indicator), so the caller always gets a position.
 */
export function positionInScalar(source: YamlSource, instancePath: InstancePath, index: number): SourcePosition {
  const node = nodeAt(source, instancePath);
  const offsets = isScalar(node) && typeof node.value === 'string' ? scalarOffsets(source.text, node as Scalar<string>) : undefined;
  if (offsets === undefined) return positionAt(source, instancePath);
  const offset = offsets[Math.max(0, Math.min(index, offsets.length - 1))]!;
  return { file: source.displayPath, ...source.lineCounter.linePos(offset) };
}

/** Position of `offset` in a plain text file (a prompt template). */
export function positionInText(text: string, file: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { file, line: (before.match(/\r\n?|\n/g)?.length ?? 0) + 1, col: offset - lineStart + 1 };
}

/**
 * The source offset of each UTF-16 unit of the scalar's value, plus one for its end; undefined when
 * the reconstruction from the source does not give the value the YAML parser gave.
 */
export function scalarOffsets(text: string, node: Scalar<string>): number[] | undefined {
  const range = node.range;
  if (range === undefined || range === null) return undefined;
  const [start, end] = range;
  const built = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? blockScalar(text, start, end, node.value, node.type === 'BLOCK_FOLDED') : flowScalar(text, start, end, node.type);
  if (built === undefined || built.chars !== node.value) return undefined;
  return [...built.offsets, built.end];
}

interface Built {
  readonly chars: string;
  readonly offsets: number[];
  readonly end: number;
}

const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A plain, single- or double-quoted scalar: line folding, `''` and backslash escapes undone. */
function flowScalar(text: string, start: number, end: number, type: Scalar['type']): Built | undefined {
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  let pos = quoted ? start + 1 : start;
  const stop = quoted ? end - 1 : end;
  const chars: string[] = [];
  const offsets: number[] = [];
  // Chars from escapes are content even when they are white space: trailing white space before a
  // line break is trimmed only back to here.
  let keepUpTo = 0;
  const emit = (value: string, offset: number) => {
    for (const unit of value) {
      // A character outside the BMP is two UTF-16 units; both sit at the same place.
      for (let k = 0; k < unit.length; k++) {
        chars.push(unit[k]!);
        offsets.push(offset);
      }
    }
  };
  const lineBreakAt = (at: number) => text[at] === '\n' || (text[at] === '\r' && text[at + 1] === '\n');
  const skipBreak = (at: number) => (text[at] === '\r' ? at + 2 : at + 1);
  /** Folds the line break at `pos` with the empty lines after it; `escaped`: a `\` ended the line. */
  const fold = (escaped: boolean) => {
    // White space before an escaped line break is content: the backslash protects it.
    while (!escaped && chars.length > keepUpTo && (chars[chars.length - 1] === ' ' || chars[chars.length - 1] === '\t')) {
      chars.pop();
      offsets.pop();
    }
    const breakAt = pos;
    let breaks = 0;
    while (pos < stop && lineBreakAt(pos)) {
      pos = skipBreak(pos);
      breaks++;
      while (pos < stop && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    }
    if (escaped) breaks--;
    if (breaks === 1 && !escaped) emit(' ', breakAt);
    else for (let k = 1; k < breaks + (escaped ? 1 : 0); k++) emit('\n', breakAt);
    keepUpTo = chars.length;
  };
  while (pos < stop) {
    const ch = text[pos]!;
    if (lineBreakAt(pos)) {
      fold(false);
      continue;
    }
    if (type === 'QUOTE_SINGLE' && ch === "'" && text[pos + 1] === "'") {
      emit("'", pos);
      pos += 2;
      continue;
    }
    if (type === 'QUOTE_DOUBLE' && ch === '\\') {
      const next = text[pos + 1] ?? '';
      if (lineBreakAt(pos + 1)) {
        pos++;
        fold(true);
        continue;
      }
      const length = HEX_ESCAPE_LENGTH[next];
      if (length !== undefined) {
        const code = Number.parseInt(text.slice(pos + 2, pos + 2 + length), 16);
        if (Number.isNaN(code)) return undefined;
        emit(String.fromCodePoint(code), pos);
        pos += 2 + length;
      } else {
        const escaped = DOUBLE_QUOTE_ESCAPES[next];
        if (escaped === undefined) return undefined;
        emit(escaped, pos);
        pos += 2;
      }
      keepUpTo = chars.length;
      continue;
    }
    emit(ch, pos);
    pos++;
  }
  return { chars: chars.join(''), offsets, end: stop };
}

/** A `|` or `>` block scalar: its lines without their indentation, folded for `>`. */
function blockScalar(text: string, start: number, end: number, value: string, folded: boolean): Built | undefined {
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return { chars: '', offsets: [], end };
  const lines: { readonly start: number; readonly text: string }[] = [];
  for (let lineStart = headerEnd + 1; lineStart < end; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    lines.push({ start: lineStart, text: text.slice(lineStart, lineEnd).replace(/\r$/, '') });
    lineStart = lineEnd + 1;
  }
  const firstContent = lines.find((line) => line.text.trim() !== '');
  const detected = firstContent === undefined ? 0 : firstContent.text.length - firstContent.text.trimStart().length;
  // An indentation indicator (`|2`) counts from the parent's indentation, which is not known here:
  // the indentation that rebuilds the parser's value is the right one.
  const wanted = value.replace(/\n+$/, '');
  for (const indent of [detected, ...Array.from({ length: detected }, (_, k) => k)]) {
    const built = blockLines(lines, indent, folded);
    if (built.chars.replace(/\n+$/, '') === wanted) return { chars: value, offsets: padOffsets(built, value.length), end: built.end };
  }
  return undefined;
}

/** Offsets for the chomped value: trailing line breaks the rebuild does not have sit at its end. */
function padOffsets(built: Built, length: number): number[] {
  const offsets = built.offsets.slice(0, length);
  while (offsets.length < length) offsets.push(built.end);
  return offsets;
}

function blockLines(lines: readonly { readonly start: number; readonly text: string }[], indent: number, folded: boolean): Built {
  const chars: string[] = [];
  const offsets: number[] = [];
  let previous: 'none' | 'normal' | 'more' = 'none';
  let emptyLines = 0;
  let lastEnd = lines[0]?.start ?? 0;
  for (const line of lines) {
    const content = line.text.length > indent ? line.text.slice(indent) : '';
    if (content.trim() === '' && !(content.length > 0 && !folded)) {
      emptyLines++;
      continue;
    }
    const kind = content.startsWith(' ') || content.startsWith('\t') ? 'more' : 'normal';
    if (previous === 'none') for (let k = 0; k < emptyLines; k++) push('\n', lastEnd);
    else if (folded && previous === 'normal' && kind === 'normal') {
      if (emptyLines === 0) push(' ', lastEnd);
      else for (let k = 0; k < emptyLines; k++) push('\n', lastEnd);
    } else for (let k = 0; k <= emptyLines; k++) push('\n', lastEnd);
    for (let k = 0; k < content.length; k++) push(content[k]!, line.start + indent + k);
    previous = kind;
    emptyLines = 0;
    lastEnd = line.start + line.text.length;
  }
  return { chars: chars.join(''), offsets, end: lastEnd };

  function push(ch: string, offset: number) {
    chars.push(ch);
    offsets.push(offset);
  }
}
