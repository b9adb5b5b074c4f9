// Redaction: what the matcher that finds a secret in its forms (line breaks as any whitespace, each
// character JSON-escaped or percent-encoded, lines, base64) costs against the literal matcher it
// replaced (the value, its JSON-escaped and its encodeURIComponent form), measured side by side in
// interleaved rounds on the same text: 1 MiB of tool output, and 10,000 step events. Target: within
// 10× of the literal matcher by median (a few milliseconds per MiB), the price of the forms it finds.

import { createRedactor } from '../src/index.ts';

/** The redactor before issue 18, kept here as the baseline. */
function literalRedactor(values: readonly string[]): { redactText(text: string): string } {
  const forms = new Set<string>();
  for (const value of values) {
    if (value === '') continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(encodeURIComponent(value));
  }
  const pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return { redactText: (text) => text.replace(pattern, '***') };
}

const pem = ['-----BEGIN PRIVATE KEY-----', ...Array.from({ length: 26 }, (_, i) => Buffer.from(`line ${i} of a made-up private key for the benchmark`).toString('base64').slice(0, 64)), '-----END PRIVATE KEY-----'].join('\n');
const tokens = ['sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUvWxYz0123456789', 'ghp_0123456789abcdefABCDEF0123456789abcd', 'tok-Zq7wX9-c0rpus-4Lm2Vt'];

function toolOutput(bytes: number, withSecrets: boolean): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line =
      i % 50 === 0 && withSecrets
        ? `token=${tokens[i % 3]} {"key": ${JSON.stringify(tokens[(i + 1) % 3])}} url=https://api.example.com/?t=${encodeURIComponent(tokens[(i + 2) % 3]!)}`
        : `${i}: {"id": ${i}, "name": "item ${i}", "path": "src/module-${i % 97}.ts", "url": "https://example.com/a?b=c%20d&e=${i}"} the quick brown fox`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

interface Side {
  readonly min: number;
  readonly median: number;
}

function timeRounds(rounds: number, runs: readonly (() => void)[]): Side[] {
  const times = runs.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    runs.forEach((run, index) => {
      const start = process.hrtime.bigint();
      run();
      times[index]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return times.map((list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
  });
}

export interface RedactionFigures {
  readonly name: string;
  readonly before: Side;
  readonly after: Side;
  /** after / before, by median. */
  readonly ratio: number;
  readonly ok: boolean;
}

const TARGET_RATIO = 10;

export function benchRedaction(rounds = 15): RedactionFigures[] {
  const figures: RedactionFigures[] = [];
  const report = (name: string, values: readonly string[], work: (redact: (text: string) => string) => void) => {
    const before = literalRedactor(values);
    const after = createRedactor(values);
    // Warm both up before timing.
    work((text) => before.redactText(text));
    work((text) => after.redactText(text));
    const [b, a] = timeRounds(rounds, [() => work((text) => before.redactText(text)), () => work((text) => after.redactText(text))]);
    const ratio = a!.median / b!.median;
    const figure = { name, before: b!, after: a!, ratio, ok: ratio <= TARGET_RATIO };
    figures.push(figure);
    console.log(
      `${name}: before ${b!.median.toFixed(2)} ms (min ${b!.min.toFixed(2)}) · after ${a!.median.toFixed(2)} ms (min ${a!.min.toFixed(2)}) → ` +
        `${ratio.toFixed(2)}× by median, ${(a!.min / b!.min).toFixed(2)}× by min (target ≤ ${TARGET_RATIO}×: ${figure.ok ? 'ok' : 'MISSED'})`,
    );
  };
  const clean = toolOutput(1 << 20, false);
  const dirty = toolOutput(1 << 20, true);
  // A new string each time: V8 caches the result of replacing in the very same string.
  let serial = 0;
  const fresh = (text: string) => `${text}${++serial}`.normalize();
  report('1 MiB of tool output, 3 tokens, none in it', tokens, (redact) => void redact(fresh(clean)));
  report('1 MiB of tool output, 3 tokens, one every 50 lines', tokens, (redact) => void redact(fresh(dirty)));
  report('1 MiB of tool output, 3 tokens and a PEM key', [...tokens, pem], (redact) => void redact(fresh(dirty)));
  const events = Array.from({ length: 10_000 }, (_, i) => `step ${i} succeeded: {"outputPreview": "item ${i} of the list, path src/module-${i % 97}.ts", "durationMs": ${i}}`);
  report('10,000 step events (short strings), 3 tokens', tokens, (redact) => {
    for (const event of events) redact(fresh(event));
  });
  return figures;
}

if (import.meta.main) benchRedaction();
