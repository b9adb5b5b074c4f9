import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/source/duration.ts';

describe('parseDuration', () => {
  it('reads units and plain milliseconds', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('250')).toBe(250);
  });

  it('rejects anything else with a RangeError', () => {
    expect(() => parseDuration('5 minutes')).toThrow(RangeError);
    expect(() => parseDuration(-1)).toThrow(RangeError);
    expect(() => parseDuration(Number.NaN)).toThrow(RangeError);
  });
});
