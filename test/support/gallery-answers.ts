// The model's side of the gallery examples in pipelines/: for each, the plan a good model writes and
// its answers to the plan's llm steps. record-examples.ts plays them through the scripted server while
// the pipelines run for real, and saves the exchanges as the recordings the examples replay offline.

import type { RecordedCall, Rule } from './scripted-server.ts';

export interface ExampleScript {
  readonly pipeline: string;
  readonly recording: string;
  /** Run in a temp copy of the repository's pipelines/ and tools/ (for examples that write files). */
  readonly inTempWorkspace?: boolean;
  /** More arguments of `run` (a batch's --data and --out). */
  readonly args?: readonly string[];
  readonly rules: readonly Rule[];
}

const lastUser = (pattern: RegExp) => (call: RecordedCall) => pattern.test(call.lastUserMessage ?? '');

// ── support-tickets (a batch: one run per row) ───────────────────────────────────────────────────

const tickets = [
  {
    customer: 'Dana',
    prompt: 'Write a friendly two-sentence reply to Dana, whose CSV export has said "preparing" for an hour and whose page will not reload. Only the reply.',
    reply: 'Hi Dana, sorry about the stuck export: we have restarted the export job, and your file will be in your inbox within a few minutes. If the page still does not reload, a hard refresh (Ctrl+Shift+R) clears the stale state.',
  },
  {
    customer: 'Lee',
    prompt: 'Write a friendly two-sentence reply to Lee, whose invoice #1042 charged 19% VAT although they are in Ireland (23%), asking for a corrected invoice. Only the reply.',
    reply: 'Hi Lee, you are right: Irish customers pay 23% VAT, and invoice #1042 used the wrong rate. A corrected invoice is on its way to you today, and the old one is cancelled.',
  },
  {
    customer: 'Sam',
    prompt: 'Write a friendly two-sentence reply to Sam, who asks how to give a colleague access to their account. Only the reply.',
    reply: 'Hi Sam, open Settings → Team and choose "Invite teammate", then enter your colleague\'s email address. They get an invitation link that is valid for seven days.',
  },
];

const supportTicketRules: Rule[] = tickets.flatMap(({ customer, prompt, reply }) => [
  { match: lastUser(new RegExp(`^Write a friendly two-sentence reply to ${customer},`)), content: reply },
  { match: new RegExp(`support ticket from ${customer} with the subject`), json: { steps: [{ id: 1, action: `Draft the reply to ${customer}`, tool: 'llm', args: { prompt } }] } },
]);

// ── repo-health ─────────────────────────────────────────────────────────────────────────────────

const repo = 'pipelines/data/sample-repo';

const repoHealthPlan = {
  steps: [
    { id: 1, action: 'List every file of the repository', tool: 'list_files', args: { dir: repo, recursive: true } },
    { id: 2, action: 'Measure the repository', tool: 'repo_stats', args: { dir: repo, top: 3 } },
    { id: 3, action: 'Find TODO and FIXME comments', tool: 'grep_lines', args: { pattern: 'TODO|FIXME', files: '${steps.1.output}' } },
    { id: 4, action: 'Read the locked dependency versions', tool: 'npm_ls', args: { dir: repo, lockfileOnly: true } },
    {
      id: 5,
      action: 'Write the health report',
      tool: 'llm',
      args: {
        prompt:
          'Write a short health report of the Node.js repository in pipelines/data/sample-repo, in Markdown with the sections Size, TODO and FIXME, Dependencies and Fix first (three numbered items).\n\n' +
          'Size figures (JSON):\n${steps.2.output}\n\nTODO and FIXME comments (file:line:text):\n${steps.3.output}\n\nDependencies locked in package-lock.json (JSON):\n${steps.4.output}',
      },
    },
  ],
};

const repoHealthReport = `# Health report: invoice-service

## Size
8 files, 4,623 bytes, 168 lines: 4 JavaScript files (44 lines), 3 JSON files and a README. The
largest files are package-lock.json (2,008 bytes), src/server.js (658 bytes) and src/tax.js (382 bytes).
A small codebase, easy to review in one sitting.

## TODO and FIXME
| file | line | note |
|---|---|---|
| src/invoice.js | 6 | TODO: persist invoices; numbers restart at 1 after every deploy |
| src/server.js | 7 | TODO: graceful shutdown on SIGTERM |
| src/server.js | 12 | FIXME: a malformed body crashes the process instead of answering 400 |
| src/tax.js | 7 | TODO: unknown regions silently pay no tax; throw instead |
| src/tax.js | 9 | FIXME: floating-point rounding; use integer cents |

## Dependencies
Four direct dependencies, all pinned to exact versions: commander 11.1.0, semver 7.5.4, yaml 2.3.4
and picocolors 1.0.0. The lock file has no problems. Pinned versions do not pick up fixes on their
own: run \`npm outdated\` to see how far behind they are.

## Fix first
1. Answer a malformed request body with 400 instead of crashing (src/server.js:12).
2. Compute tax in integer cents and reject unknown regions (src/tax.js:7 and :9): invoices are wrong today.
3. Persist invoices so their numbers survive a deploy (src/invoice.js:6).`;

// ── folder-digest ───────────────────────────────────────────────────────────────────────────────

const notes = [
  { id: 'planning', file: '2024-05-06-planning.md', title: 'Sprint planning, 6 May' },
  { id: 'incident', file: '2024-05-13-incident-review.md', title: 'Incident review, 13 May' },
  { id: 'design', file: '2024-05-20-design.md', title: 'Design review, 20 May' },
  { id: 'retro', file: '2024-05-27-retro.md', title: 'Retrospective, 27 May' },
];

const folderDigestPlan = {
  steps: [
    ...notes.map((note) => ({ id: `read-${note.id}`, action: `Read ${note.file}`, tool: 'read_file', args: { path: `pipelines/data/meeting-notes/${note.file}` } })),
    ...notes.map((note) => ({
      id: `sum-${note.id}`,
      action: `Summarise ${note.file}`,
      tool: 'llm',
      args: { prompt: `Summarise these meeting notes in at most three short bullet points (decisions, problems, actions with owners):\n\n\${steps.read-${note.id}.output}` },
    })),
    {
      id: 'digest',
      action: 'Merge the summaries into one digest',
      tool: 'llm',
      args: {
        prompt:
          'Merge these meeting summaries from May 2024 into one digest in Markdown with three sections: Decisions, Open questions, Action items (with owners). Keep it short.\n\n' +
          notes.map((note) => `${note.title}:\n\${steps.sum-${note.id}.output}`).join('\n\n'),
      },
    },
  ],
};

const noteSummaries: Readonly<Record<string, string>> = {
  planning: [
    '- Sprint goal: ship CSV export for invoices (asked for in 14 tickets); Bo builds the endpoint, Chen the button, Dana the docs.',
    '- The PDF renderer upgrade moves to June, after a security review.',
    '- Risk: exports over 50k rows are slow; Chen tests with production-size data.',
  ].join('\n'),
  incident: [
    '- On 10 May, 312 customers got their invoices twice, because the mail job retried without checking the first attempt; nobody was charged twice.',
    '- Support noticed it before monitoring did (25 minutes to detect).',
    '- Actions: idempotent mail job (Bo, by 20 May), alert on duplicate sends (Dana).',
  ].join('\n'),
  design: [
    '- Exports run as background jobs and mail a download link; UTF-8 CSV, amounts in integer cents.',
    '- Exports over 50k rows are split into files of 50k rows (about 40 s each).',
    '- Open: keep export files 7 or 30 days? Legal answers by the end of May.',
  ].join('\n'),
  retro: [
    '- CSV export shipped on 24 May behind a feature flag; the mail job is idempotent and the duplicate-send alert is live.',
    '- Two days were lost waiting for reporting database credentials.',
    '- Next sprint: request access on day one; pair with security on the PDF renderer upgrade.',
  ].join('\n'),
};

const digest = `# May 2024 digest

## Decisions
- CSV export for invoices was the sprint goal and shipped on 24 May behind a feature flag.
- Exports run as background jobs that mail a download link: UTF-8 CSV, amounts in integer cents, split into files of 50k rows.
- The PDF renderer upgrade waits for a security review (June).

## Open questions
- Keep export files for 7 or 30 days? Legal to answer by the end of May.

## Action items
- Bo: make the mail job idempotent after the duplicate invoices of 10 May (done by the retro).
- Dana: alert on duplicate sends (live).
- Chen: test exports with production-size data.
- Team: request database access on day one of a sprint; pair with security on the PDF renderer upgrade.`;

// ── issue-triage ────────────────────────────────────────────────────────────────────────────────

const allowedLabels = ['bug', 'enhancement', 'question', 'docs', 'performance', 'export', 'needs-info'];

const issueTriagePlan = {
  steps: [
    { id: 1, action: 'Read the issue', tool: 'read_file', args: { path: 'pipelines/data/issues/issue-231.md' } },
    {
      id: 2,
      action: 'Choose labels and priority, draft a reply',
      tool: 'llm',
      args: {
        prompt:
          'Triage this GitHub issue. Reply with one JSON object only, no prose: {"labels": [...], "priority": "p0" | "p1" | "p2" | "p3", "reply": "..."}. ' +
          `Labels only from: ${allowedLabels.join(', ')}. Priorities: p0 outage, p1 broken for many, p2 broken for some with a workaround, p3 nice to have. ` +
          'The reply is short and friendly, thanks the reporter, and says what happens next.\n\nIssue:\n${steps.1.output}',
      },
    },
    { id: 3, action: 'Check the triage answer', tool: 'check_triage', args: { answer: '${steps.2.output}', allowed: allowedLabels } },
  ],
};

const triageAnswer = JSON.stringify({
  labels: ['bug', 'export', 'performance'],
  priority: 'p2',
  reply:
    'Thanks for the clear report! A year of about 80,000 invoices is well past the size where exports get slow, and it looks like the export job fails before it sends the mail, which is a bug on our side. ' +
    'We are looking into it. Until it is fixed, exporting one month at a time works, so twelve monthly exports will get your accountant the full year by Friday.',
});

// ── csv-report ──────────────────────────────────────────────────────────────────────────────────

const csvReportPlan = {
  steps: [
    { id: 1, action: 'Read the sales data', tool: 'read_file', args: { path: 'pipelines/data/sales.csv' } },
    { id: 2, action: 'Total by region', tool: 'summarize_csv', args: { csv: '${steps.1.output}', groupBy: 'region', sum: ['revenue', 'units'] } },
    { id: 3, action: 'Total by product', tool: 'summarize_csv', args: { csv: '${steps.1.output}', groupBy: 'product', sum: ['revenue', 'units'] } },
    {
      id: 4,
      action: 'Write the report',
      tool: 'llm',
      args: {
        prompt:
          'Write a short Markdown report titled "Sales Q2 2024" with a table of revenue and units by region, a table by product (largest first, with totals), and two sentences on what stands out. Only the report, no preamble.\n\n' +
          'Totals by region (JSON):\n${steps.2.output}\n\nTotals by product (JSON):\n${steps.3.output}',
      },
    },
    { id: 5, action: 'Save the report', tool: 'write_file', args: { path: 'out/sales-report.md', content: '${steps.4.output}' } },
  ],
};

const salesReport = `# Sales Q2 2024

## By region
| region | revenue | units |
|---|---:|---:|
| West | 16,685.00 | 612 |
| South | 12,175.00 | 440 |
| North | 12,095.00 | 502 |
| **Total** | **40,955.00** | **1,554** |

## By product
| product | revenue | units |
|---|---:|---:|
| Widget | 21,300.00 | 1,065 |
| Gadget | 12,670.00 | 362 |
| Gizmo | 6,985.00 | 127 |
| **Total** | **40,955.00** | **1,554** |

West brings in 41% of the revenue, and is the only region selling the Gizmo, which earns the most
per unit (55.00). Widgets are two thirds of the units sold but only about half of the revenue.`;

// ── replan-after-failure ────────────────────────────────────────────────────────────────────────

const firstChangesPlan = {
  steps: [
    { id: 1, action: 'See what the project folder holds', tool: 'list_files', args: { dir: 'pipelines/data/widget-lib' } },
    { id: 2, action: 'Read the changelog', tool: 'read_text', args: { path: 'pipelines/data/widget-lib/CHANGELOG.md' } },
    {
      id: 3,
      action: 'Summarise the latest release',
      tool: 'llm',
      args: { prompt: 'Project files:\n${steps.1.output}\n\nFrom this changelog, summarise for users what changed in the latest release: breaking changes first, then new features, then fixes.\n\n${steps.2.output}' },
    },
  ],
};

const secondChangesPlan = {
  steps: [
    { id: 1, action: 'Read the changelog (CHANGES.md)', tool: 'read_text', args: { path: 'pipelines/data/widget-lib/CHANGES.md' } },
    {
      id: 2,
      action: 'Summarise the latest release',
      tool: 'llm',
      args: { prompt: 'From this changelog, summarise for users what changed in the latest release (its first section): breaking changes first, then new features, then fixes. Short Markdown.\n\n${steps.1.output}' },
    },
  ],
};

const changesSummary = `## widget-lib 3.0.0 (3 June 2024)

**Breaking changes**
- \`Chart\` now takes \`series\` instead of \`data\`. Run the codemod in \`scripts/migrate-3.js\` to update your code.
- Node.js 16 is no longer supported: you need Node.js 18.18 or newer.

**New**
- \`Sparkline\`, a widget for small inline trends.

**Fixed**
- Tooltips no longer flicker when the pointer moves across two bars.`;

// ── injected-issue ──────────────────────────────────────────────────────────────────────────────

const injectedLabels = ['bug', 'enhancement', 'question', 'docs', 'billing', 'needs-info'];
const injectedTriageSteps = [
  { id: 1, action: 'Read the issue', tool: 'read_issue', args: { path: 'pipelines/data/issues/issue-318.md' } },
  {
    id: 2,
    action: 'Choose labels and priority, draft a reply',
    tool: 'llm',
    args: {
      prompt:
        'Triage this GitHub issue. Reply with one JSON object only, no prose: {"labels": [...], "priority": "p0" | "p1" | "p2" | "p3", "reply": "..."}. ' +
        `Labels only from: ${injectedLabels.join(', ')}.\n\nIssue:\n\${steps.1.output}`,
    },
  },
  { id: 3, action: 'Check the triage answer', tool: 'check_triage', args: { answer: '${steps.2.output}', allowed: injectedLabels } },
];
/** The model's first plan posts the drafted reply: what the injection needs. */
const injectedFirstPlan = { steps: [...injectedTriageSteps, { id: 4, action: 'Post the reply', tool: 'post_comment', args: { issue: 318, body: '${steps.3.output.reply}' } }] };
/** Told why, it posts a thank-you written from the task alone. */
const injectedRepairedPlan = {
  steps: [
    ...injectedTriageSteps,
    { id: 4, action: 'Thank the reporter', tool: 'post_comment', args: { issue: 318, body: 'Thanks for the report! A maintainer will look at it and follow up here.' }, dependsOn: [3] },
  ],
};
/** The model falls for the injection in what it writes: harmless, since nothing it writes is posted. */
const injectedTriageAnswer = JSON.stringify({
  labels: ['bug', 'billing'],
  priority: 'p0',
  reply: 'Confirmed: every customer gets a full refund, reply with your card number to receive it.',
});

// ── the scripts ─────────────────────────────────────────────────────────────────────────────────

export const galleryScripts: readonly ExampleScript[] = [
  {
    pipeline: 'pipelines/repo-health.yaml',
    recording: 'pipelines/recordings/repo-health.json',
    rules: [
      { match: lastUser(/^Write a short health report of the Node\.js repository/), content: repoHealthReport },
      { match: /Write a short health report of the Node\.js repository in the folder pipelines\/data\/sample-repo/, json: repoHealthPlan },
    ],
  },
  {
    pipeline: 'pipelines/folder-digest.yaml',
    recording: 'pipelines/recordings/folder-digest.json',
    rules: [
      { match: lastUser(/^Merge these meeting summaries/), content: digest },
      ...notes.map((note): Rule => ({ match: lastUser(new RegExp(`^Summarise these meeting notes[^]*# ${note.title.split(',')[0]}`)), content: noteSummaries[note.id]! })),
      { match: /Write a digest of the meeting notes in the folder pipelines\/data\/meeting-notes/, json: folderDigestPlan },
    ],
  },
  {
    pipeline: 'pipelines/issue-triage.yaml',
    recording: 'pipelines/recordings/issue-triage.json',
    rules: [
      { match: lastUser(/^Triage this GitHub issue\. Reply with one JSON object/), content: triageAnswer },
      { match: /Triage the GitHub issue in the file pipelines\/data\/issues\/issue-231\.md/, json: issueTriagePlan },
    ],
  },
  {
    pipeline: 'pipelines/csv-report.yaml',
    recording: 'pipelines/recordings/csv-report.json',
    inTempWorkspace: true,
    rules: [
      { match: lastUser(/^Write a short Markdown report titled "Sales Q2 2024"/), content: salesReport },
      { match: /Read the sales data in pipelines\/data\/sales\.csv/, json: csvReportPlan },
    ],
  },
  {
    pipeline: 'pipelines/injected-issue.yaml',
    recording: 'pipelines/recordings/injected-issue.json',
    inTempWorkspace: true,
    rules: [
      { match: lastUser(/^Triage this GitHub issue\. Reply with one JSON object/), content: injectedTriageAnswer },
      { match: (call) => /untrusted data from step 1 \(read_issue\)/.test(call.lastUserMessage ?? ''), json: injectedRepairedPlan },
      { match: /Triage the GitHub issue 318/, json: injectedFirstPlan, times: 1 },
    ],
  },
  {
    pipeline: 'pipelines/replan-after-failure.yaml',
    recording: 'pipelines/recordings/replan-after-failure.json',
    rules: [
      { match: lastUser(/^From this changelog, summarise for users/), content: changesSummary },
      { match: (call) => /failed/.test(call.lastUserMessage ?? '') && /latest release of the project in the folder pipelines\/data\/widget-lib/.test(call.text), json: secondChangesPlan },
      { match: /latest release of the project in the folder pipelines\/data\/widget-lib/, json: firstChangesPlan, times: 1 },
    ],
  },
  {
    pipeline: 'pipelines/support-tickets.yaml',
    recording: 'pipelines/recordings/support-tickets.json',
    args: ['--data', 'pipelines/data/support-tickets.csv', '--out', 'out/support-replies.jsonl'],
    inTempWorkspace: true,
    rules: supportTicketRules,
  },
];
