// Re-create the recordings the example pipelines replay offline: `node test/support/record-examples.ts`.
// There is no model on a build machine, so the "model" here is the scripted server answering as a
// good model would; the runs themselves are real (real tools, real SDK over HTTP, real --record).
// Run it again whenever a built-in prompt or an example changes (the example tests fail until then).

// `node test/support/record-examples.ts repo-health csv-report` re-records only the examples named.

import path from 'node:path';
import { exampleWorkspace } from './example-workspace.ts';
import { galleryScripts } from './gallery-answers.ts';
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

async function record(pipeline: string, recording: string, rules: Parameters<typeof startScriptedServer>[0], options: { inTempWorkspace?: boolean; args?: readonly string[] } = {}) {
  const wanted = process.argv.slice(2);
  if (wanted.length > 0 && !wanted.includes(path.basename(pipeline, '.yaml'))) return;
  const server = await startScriptedServer(rules);
  try {
    // An example that writes files runs in a temp copy of pipelines/ and tools/, as its test does.
    const cwd = options.inTempWorkspace ? await exampleWorkspace() : repoRoot;
    const result = await runCli(['run', pipeline, ...(options.args ?? []), '--record', path.resolve(repoRoot, recording)], { cwd, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'recording' } });
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

for (const script of galleryScripts) {
  await record(script.pipeline, script.recording, script.rules, { inTempWorkspace: script.inTempWorkspace ?? false, ...(script.args ? { args: script.args } : {}) });
}
