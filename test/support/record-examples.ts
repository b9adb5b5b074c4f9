// Re-create the recordings the example pipelines replay offline: `node test/support/record-examples.ts`.
// There is no model on a build machine, so the "model" here is the scripted server answering as a
// good model would; the runs themselves are real (real tools, real SDK over HTTP, real --record).
// Run it again whenever a built-in prompt or an example changes (the example tests fail until then).

import path from 'node:path';
import { startScriptedServer } from './scripted-server.ts';
import { repoRoot, runCli } from './run-cli.ts';

const releaseNotesPlan = {
  steps: [
    { id: 1, action: 'Find feature commits', tool: 'grep_lines', args: { pattern: '^feat', file: 'data/commits.txt' } },
    { id: 2, action: 'Find fix commits', tool: 'grep_lines', args: { pattern: '^fix', file: 'data/commits.txt' } },
    {
      id: 3,
      action: 'Draft the release notes',
      tool: 'llm',
      args: {
        prompt:
          'Write release notes for v1.1.0 in Markdown with a "Features" and a "Fixes" section, one short plain-English bullet per commit, no commit prefixes.\n\nFeature commits:\n${steps.1.output}\n\nFix commits:\n${steps.2.output}',
      },
    },
  ],
};

const releaseNotes = `## v1.1.0

### Features
- \`--json\` output for scripts.
- HTTP 429 and 5xx responses are retried with backoff.
- \`planexec validate\` reports every problem at once.

### Fixes
- stdout stays clean when a step fails.
- A timeout now stops the whole process group.
- Plans with cycles are rejected before anything runs.`;

async function record(pipeline: string, recording: string, rules: Parameters<typeof startScriptedServer>[0]) {
  const server = await startScriptedServer(rules);
  try {
    const result = await runCli(['run', pipeline, '--record', recording], { env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'recording' } });
    if (result.code !== 0) throw new Error(`recording ${pipeline} failed (exit ${result.code}):\n${result.stderr}`);
    console.log(`recorded ${path.relative(repoRoot, path.resolve(repoRoot, recording))} (${server.calls.length} exchanges)\n${result.stdout}`);
  } finally {
    await server.close();
  }
}

await record('pipelines/release-notes.yaml', 'pipelines/recordings/release-notes.json', [
  { match: /Write release notes for v1\.1\.0 in Markdown/, content: releaseNotes },
  { match: /Write short release notes for version v1\.1\.0/, json: releaseNotesPlan },
]);
