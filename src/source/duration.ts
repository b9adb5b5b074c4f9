// Durations as users write them in YAML and flags: "30s", "5m", "1h", "500ms", or a number of milliseconds.

/** The string form accepted for durations; keep in sync with schemas/tool.schema.json#/definitions/duration. */
const DURATION_PATTERN = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)$/;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds of a duration. Throws RangeError for anything else (negative, NaN, "5 minutes"),
 * so call it on values the schema has already checked, or catch.
 */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`invalid duration ${value}: must be a non-negative number of milliseconds`);
    return Math.round(value);
  }
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Number(text);
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new RangeError(`invalid duration "${value}": use e.g. 30s, 5m, 1h, 500ms or a number of milliseconds`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]!);
}
