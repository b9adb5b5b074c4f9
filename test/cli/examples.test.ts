import { existsSync } from 'node:fs';
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

  it('injected-issue: the plan that would post what the issue body says is rejected before anything runs; the repaired plan posts only trusted text', async () => {
    const workspace = await exampleWorkspace();
    const result = await runCli(['run', 'pipelines/injected-issue.yaml'], { cwd: workspace });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('plan 1: rejected (1 problem)');
    expect(result.stderr).toContain('step 4 (post_comment) argument "body": untrusted data from step 1 (read_issue) via step 2 (llm), step 3 (check_triage);');
    expect(result.stderr).toContain('run succeeded: 3 model calls');
    const posted = await readFile(path.join(workspace, 'out/comments/issue-318.md'), 'utf8');
    expect(posted).toBe('Thanks for the report! A maintainer will look at it and follow up here.\n\n---\n\n');
    expect(posted).not.toContain('refund');
    expect(existsSync(path.join(workspace, 'out/debug.txt'))).toBe(false);
    // The fooled triage is shown, for a person to read, and nowhere else.
    expect(result.stdout).toMatch(/^posted a comment on issue #318 \(71 bytes\)\n\nTriage, for review \(untrusted: made from the issue's text\):\nLabels: {3}billing, bug\nPriority: p0\n/);
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
    const result = await runCli(['validate', 'pipelines/release-notes.yaml', 'pipelines/repo-health.yaml', 'pipelines/folder-digest.yaml', 'pipelines/issue-triage.yaml', 'pipelines/csv-report.yaml', 'pipelines/replan-after-failure.yaml', 'pipelines/injected-issue.yaml', 'pipelines/support-tickets.yaml']);
    expect(result.stderr).toBe('8 files valid\n');
    expect(result.code).toBe(0);
  });
});

// Plans you can check in: a fixed DAG in the pipeline, and a plan file made by `plan --out`.
describe('example static plans run offline', () => {
  it('sales-dag: a fixed plan runs with no model at all, its two totals in parallel, rendered by the result template', async () => {
    const result = await runCli(['run', 'pipelines/sales-dag.yaml']);
    expect(result.stderr).toContain('run succeeded: 0 model calls');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('plan 1: 3 steps, critical path 2');
    expect(result.stderr).toContain('by_product. summarize_csv: Total by product (after read)');
    expect(result.stdout).toContain('## By region\n| region | revenue | units |\n|---|---:|---:|\n| West | 16685 | 612 |\n| South | 12175 | 440 |\n| North | 12095 | 502 |\n');
    expect(result.stdout).toContain('Total: 40955 revenue, 1554 units in 18 rows.');
  });

  it('sales-dag validates, its plan included', async () => {
    const result = await runCli(['validate', 'pipelines/sales-dag.yaml']);
    expect(result.stderr).toBe('1 file valid\n');
    expect(result.code).toBe(0);
  });

  it('release-notes with its checked-in plan (pipelines/plans/release-notes.json): no planning call, the llm step replayed', async () => {
    const check = await runCli(['validate', 'pipelines/release-notes.yaml', '--plan', 'pipelines/plans/release-notes.json']);
    expect(check.stderr).toBe('2 files valid\n');
    const result = await runCli(['run', 'pipelines/release-notes.yaml', '--plan', 'pipelines/plans/release-notes.json', '--json']);
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; purpose?: string; result?: string });
    expect(events.filter((event) => event.kind === 'llm-called').map((event) => event.purpose)).toEqual(['tool']);
    expect(events.at(-1)?.result).toContain('Plans with cycles are rejected before anything runs.');
  });
});
