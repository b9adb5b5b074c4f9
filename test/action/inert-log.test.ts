import { describe, expect, it } from 'vitest';
import { inertLine } from '../../src/action/log-run-events.ts';

describe('action log lines from model or tool text', () => {
  it('cannot become workflow commands', () => {
    for (const hostile of ['::add-mask::planexec', '  ::warning file=README.md,line=1::Injected', '::stop-commands::x', '::endgroup::']) {
      const line = inertLine(hostile);
      expect(line.trimStart().startsWith('::')).toBe(false);
      expect(line).toContain(hostile.trim());
    }
    expect(inertLine('step 1 succeeded in 0.2s')).toBe('step 1 succeeded in 0.2s');
  });
});
