// The http and module tool kinds through the real CLI: a pipeline declaring both, a plan that uses
// them (from a scripted model), a local API that answers 503 before it answers 200.

import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { startTestServer, type TestServer } from './http-test-server.ts';

let model: ScriptedServer | undefined;
let api: TestServer | undefined;
afterEach(async () => {
  await model?.close();
  await api?.close();
  model = api = undefined;
});

describe('planexec run with http and module tools', () => {
  it('retries a 503, passes the JSON on to a TypeScript module, and prints its result', async () => {
    let calls = 0;
    api = await startTestServer((req, res) => {
      if (++calls === 1) return void res.writeHead(503, { 'retry-after': '0' }).end('warming up');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ repo: req.url, stars: [3, 4, 5], token: req.headers.authorization }));
    });
    model = await startScriptedServer([
      {
        json: {
          steps: [
            { id: 1, action: 'Fetch', tool: 'get_repo', args: { name: 'planexec/planexec' } },
            { id: 2, action: 'Total', tool: 'sum_stars', args: { repo: '${steps.1.output}' } },
          ],
        },
      },
    ]);
    const dir = await tempProject({
      'p.yaml': `version: 1
name: kinds
task: "Count stars"
model: { name: test-model }
tools:
  - name: get_repo
    description: A repository's data
    url: "${api.origin}/repos/{{args.name}}"
    headers: { Authorization: "token {{env.DEMO_TOKEN}}" }
    args: { type: object, properties: { name: { type: string } }, required: [name] }
    output: json
    retries: { attempts: 2, backoff: 10ms }
  - name: sum_stars
    description: Adds up the stars of a repository
    module: tools/sum.ts
    export: sumStars
    args: { type: object, properties: { repo: { type: object } }, required: [repo] }
    output: text
`,
      'tools/sum.ts': `interface Repo { repo: string; stars: number[]; token: string }
export function sumStars(args: { repo: Repo }, { signal }: { signal: AbortSignal }): string {
  const total = args.repo.stars.reduce((a, b) => a + b, 0);
  return \`\${args.repo.repo}: \${total} stars (\${args.repo.token}, aborted: \${signal.aborted})\`;
}
`,
    });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'sk-test', DEMO_TOKEN: 'abc-demo-token' } });
    expect(result.stderr).toMatch(/step 1 attempt 1 failed: GET http:\/\/127\.0\.0\.1:\d+\/repos\/planexec%2Fplanexec answered 503 Service Unavailable: warming up; retry 1 of 2 in 0\.0s/);
    expect(result.code).toBe(0);
    // The API echoed the header's token; a value read from the environment for a header never comes back out.
    expect(result.stdout).toBe('/repos/planexec%2Fplanexec: 12 stars (token ***, aborted: false)\n');
  });
});
