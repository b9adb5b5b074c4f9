// YAML syntax errors in words for the mistakes people make in pipeline files: indentation that does
// not line up, a value with ": " or a leading {{ or quote that needed quotes, tabs, a missing comma in
// { … }. Anything else keeps the parser's own message.

interface YamlErrorLike {
  readonly code: string;
  readonly message: string;
  readonly pos: readonly [number, number];
}

interface ExplainedSyntaxError {
  readonly message: string;
  /** Where to point, when a better place than the parser's is known. */
  readonly offset?: number;
}

const INDENTATION = 'this line is not indented like the lines around it (the fields of one map start at the same column; in a list item, under the first field after its "- ")';

export function explainYamlSyntaxError(error: YamlErrorLike, text: string): ExplainedSyntaxError {
  const base = `YAML syntax error: ${error.message}`;
  const line = lineAt(text, error.pos[0]);
  switch (error.code) {
    case 'BAD_INDENT':
      if (/same column/.test(error.message)) return { message: `YAML syntax error: ${INDENTATION}`, offset: line.firstNonSpace };
      return { message: base };
    case 'MISSING_CHAR':
      if (/without - indicator/.test(error.message)) return { message: `YAML syntax error: ${INDENTATION}`, offset: line.firstNonSpace };
      return { message: base };
    case 'TAB_AS_INDENT':
      return { message: `${base}; indent with spaces` };
    case 'BLOCK_IN_FLOW':
      return { message: `${base}: inside { … } or [ … ], separate the entries with commas (a nested map is written { … } too)` };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const field = splitField(line.text);
      if (field !== undefined && /:\s/.test(field.value)) {
        return { message: `YAML syntax error: a value containing ": " must be in quotes: ${field.key}: ${quoted(field.value)}`, offset: line.start + field.valueColumn };
      }
      const next = lineAt(text, line.end + 1);
      if (next.text.trim() !== '' && indentOf(next.text) > indentOf(line.text)) {
        return { message: `YAML syntax error: ${INDENTATION}`, offset: next.firstNonSpace };
      }
      return { message: base };
    }
    case 'UNEXPECTED_TOKEN': {
      const field = splitField(line.text);
      if (field !== undefined && /^(\{\{|["'])/.test(field.value)) {
        const starts = field.value.startsWith('{{') ? '{{' : 'a quote';
        return {
          message: `YAML syntax error: a value that starts with ${starts} must be quoted as a whole: ${field.key}: ${quoted(field.value)}`,
          offset: line.start + field.valueColumn,
        };
      }
      return { message: base };
    }
    default:
      return { message: base };
  }
}

/** The message for a YAML map used as a key: usually `{{args.x}}` written without quotes. */
export function mapAsKeyMessage(text: string, keyOffset: number): string {
  if (text[keyOffset] === '{' && text[keyOffset - 1] === '{') {
    const end = text.indexOf('}}', keyOffset);
    const placeholder = end === -1 ? '{{…}}' : text.slice(keyOffset - 1, end + 2);
    return `${placeholder} without quotes is a YAML map, not text: put it in quotes, "${placeholder}"`;
  }
  return 'a map key must be a plain value, not a list, map or alias';
}

interface Line {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly firstNonSpace: number;
}

function lineAt(text: string, offset: number): Line {
  const at = Math.min(Math.max(offset, 0), text.length);
  const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline;
  const lineText = text.slice(start, end);
  return { text: lineText, start, end, firstNonSpace: start + indentOf(lineText) };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** `  key: value` (or `- key: value`) split at its first ": ". */
function splitField(line: string): { readonly key: string; readonly value: string; readonly valueColumn: number } | undefined {
  const match = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?):\s+(.*?)\s*$/.exec(line);
  if (!match) return undefined;
  return { key: match[2]!, value: match[3]!, valueColumn: line.indexOf(match[3]!, match[1]!.length + match[2]!.length + 1) };
}

function quoted(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}
