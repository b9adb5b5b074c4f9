import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/index.ts';

describe('diagnostics', () => {
  it('formats like a compiler', () => {
    expect(formatDiagnostic({ file: 'p.yaml', line: 3, col: 5, severity: 'error', message: 'bad' })).toBe('p.yaml:3:5 error: bad');
  });
});
