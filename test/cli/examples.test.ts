import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../support/example-workspace.ts';
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

  it('repo-health: a listing feeds grep_lines while repo_stats and npm_ls run beside it', async () => {
    const result = await runCli(['run', 'pipelines/repo-health.yaml']);
    expect(result.stderr).toContain('run succeeded: 2 model calls');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/3\. grep_lines: Find TODO and FIXME comments \(after 1\)/);
    expect(result.stdout).toContain('# Health report: invoice-service');
    expect(result.stdout).toContain('| src/server.js | 12 | FIXME: a malformed body crashes the process instead of answering 400 |');
    expect(result.stdout).toContain('commander 11.1.0, semver 7.5.4, yaml 2.3.4');
  });

  it('folder-digest: four reads, four summaries in parallel, one merge', async () => {
    const result = await runCli(['run', 'pipelines/folder-digest.yaml']);
    expect(result.stderr).toContain('run succeeded: 6 model calls');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('plan 1: 9 steps, critical path 3');
    expect(result.stderr).toMatch(/digest\. llm: Merge the summaries into one digest \(after sum-planning, sum-incident, sum-design, sum-retro\)/);
    expect(result.stdout).toContain('# May 2024 digest');
    expect(result.stdout).toContain('## Open questions\n- Keep export files for 7 or 30 days?');
  });

  it('issue-triage: the llm answer is checked by a module tool and rendered by the result template', async () => {
    const result = await runCli(['run', 'pipelines/issue-triage.yaml']);
    expect(result.stderr).toContain('run succeeded: 2 model calls');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Labels: {3}bug, export, performance\nPriority: p2\n\nThanks for the clear report!/);
    expect(result.stdout).toContain('exporting one month at a time works');
  });

  it('csv-report: reads a CSV, totals it with a module tool, writes the report into the workspace', async () => {
    const workspace = await exampleWorkspace();
    const result = await runCli(['run', 'pipelines/csv-report.yaml'], { cwd: workspace });
    expect(result.stderr).toContain('run succeeded: 2 model calls');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('wrote out/sales-report.md (583 bytes)\n');
    const report = await readFile(path.join(workspace, 'out/sales-report.md'), 'utf8');
    expect(report).toMatch(/^# Sales Q2 2024\n/);
    expect(report).toContain('| West | 16,685.00 | 612 |');
    expect(report).toContain('| **Total** | **40,955.00** | **1,554** |');
  });

  it('replan-after-failure: a step fails, the model replans (full) and the second plan succeeds', async () => {
    const result = await runCli(['run', 'pipelines/replan-after-failure.yaml']);
    expect(result.stderr).toContain('run succeeded: 3 model calls');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/step 2 failed after .*cat: pipelines\/data\/widget-lib\/CHANGELOG\.md: No such file or directory/);
    expect(result.stderr).toMatch(/replanning \(full, 1\) after step 2 failed/);
    expect(result.stderr).toContain('1. read_text: Read the changelog (CHANGES.md)');
    expect(result.stdout).toMatch(/^## widget-lib 3\.0\.0 \(3 June 2024\)\n\n\*\*Breaking changes\*\*/);
  });

  it('support-tickets: a batch over a CSV file, one run per ticket, the replies in row order; a rerun runs nothing again', async () => {
    const workspace = await exampleWorkspace();
    const args = ['run', 'pipelines/support-tickets.yaml', '--data', 'pipelines/data/support-tickets.csv', '--out', 'out/replies.jsonl', '--concurrency', '3'];
    const result = await runCli(args, { cwd: workspace });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^model calls +6$/m);
    const lines = (await readFile(path.join(workspace, 'out/replies.jsonl'), 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as { row: number; result: string });
    expect(lines.map((line) => line.row)).toEqual([1, 2, 3]);
    expect(lines[0]!.result).toMatch(/^Hi Dana, sorry about the stuck export/);
    expect(lines[1]!.result).toMatch(/^Hi Lee, you are right: Irish customers pay 23% VAT/);
    expect(lines[2]!.result).toMatch(/^Hi Sam, open Settings/);
    const again = await runCli(args, { cwd: workspace });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('3 already succeeded in out/replies.jsonl, not run again');
    expect(again.stderr).toMatch(/^model calls +0$/m);
  });

  it('every example validates, with the tool files it imports', async () => {
    const result = await runCli(['validate', 'pipelines/release-notes.yaml', 'pipelines/repo-health.yaml', 'pipelines/folder-digest.yaml', 'pipelines/issue-triage.yaml', 'pipelines/csv-report.yaml', 'pipelines/replan-after-failure.yaml', 'pipelines/support-tickets.yaml']);
    expect(result.stderr).toBe('7 files valid\n');
    expect(result.code).toBe(0);
  });
});
