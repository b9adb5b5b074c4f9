// JUnit XML of pipeline test verdicts, for CI (one <testsuite> per pipeline). Every text is escaped
// for XML, and characters XML 1.0 cannot hold at all (most control characters) are written as \xNN.

export interface JunitCase {
  readonly pipeline: string;
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly passed: boolean;
  readonly problems: readonly string[];
  /** Lines told after the problems in the failure's body (why a recording is stale…). */
  readonly detail?: string;
  readonly durationMs: number;
}

export function renderJunitReport(cases: readonly JunitCase[]): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) {
    const key = `${c.file}\u0000${c.pipeline}`;
    suites.set(key, [...(suites.get(key) ?? []), c]);
  }
  const failures = cases.filter((c) => !c.passed).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="planexec test" tests="${cases.length}" failures="${failures}" errors="0" time="${seconds(cases)}">`,
  ];
  for (const suite of suites.values()) {
    const first = suite[0]!;
    const suiteFailures = suite.filter((c) => !c.passed).length;
    lines.push(`  <testsuite name="${attr(first.pipeline)}" file="${attr(first.file)}" tests="${suite.length}" failures="${suiteFailures}" errors="0" skipped="0" time="${seconds(suite)}">`);
    for (const c of suite) {
      const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.pipeline)}" file="${attr(c.file)}" line="${c.line}" time="${seconds([c])}"`;
      if (c.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      const body = [...c.problems, ...(c.detail ? ['', c.detail] : [])].join('\n');
      lines.push(`${open}>`, `      <failure message="${attr(c.problems[0] ?? 'failed')}" type="${c.detail ? 'stale-recording' : 'expectation'}">${text(body)}</failure>`, '    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function seconds(cases: readonly JunitCase[]): string {
  return (cases.reduce((sum, c) => sum + c.durationMs, 0) / 1000).toFixed(3);
}

/** Characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and the astral planes (as surrogate pairs). */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function representable(value: string): string {
  return value.replace(notXmlChar, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function text(value: string): string {
  // A raw CR would be read back as LF.
  return representable(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** In an attribute a raw newline or tab would be normalized to a space by any reader: keep them as references. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
