import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

// The README's quick start: the example pipeline runs offline from its recording and prints real output.
describe('example pipelines run offline', () => {
  it('release-notes: plans two greps and a draft, and prints the notes', async () => {
    const result = await runCli(['run', 'pipelines/release-notes.yaml']);
    expect(result.stderr).toContain('run succeeded: 2 model calls');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('### Features');
    expect(result.stdout).toContain('Plans with cycles are rejected before anything runs.');
    // The two grep steps really ran on the data file: their output reached the llm step's prompt.
    expect(result.stderr).toMatch(/step 1 succeeded/);
    expect(result.stderr).toMatch(/step 3 started: llm/);
  });

  it('release-notes: `plan --format mermaid` prints the checked DAG', async () => {
    const result = await runCli(['plan', 'pipelines/release-notes.yaml', '--format', 'mermaid']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'flowchart TD',
        '  s1["1. Find feature commits [grep_lines]"]',
        '  s2["2. Find fix commits [grep_lines]"]',
        '  s3["3. Draft the release notes [llm]"]',
        '  s1 --> s3',
        '  s2 --> s3',
        '',
      ].join('\n'),
    );
  });
});
