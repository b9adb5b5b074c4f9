// `critical: false` through the CLI's plain log: a failed step that nothing needs is passed over at
// once, the steps that do not depend on it keep starting, and the log never says a step will not
// start and then starts it.

import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

// Step 1 finishes only once step 3 has run (it waits for the file step 3 writes, for at most about
// 10 s): the run succeeds only if step 3 starts while step 1 is still running, right after step 2
// failed. No timing is asserted; a scheduler that held steps back would fail step 1.
const pipeline = `version: 1
name: best-effort
task: "Do the work and notify"
model: { name: m }
execution: { concurrency: 2 }
tools:
  - name: wait_for_marker
    description: Waits until the marker file exists
    command: [sh, -c, "i=0; while [ ! -e marker ]; do i=$((i+1)); [ $i -gt 200 ] && { echo 'no marker: step 3 never started' >&2; exit 1; }; sleep 0.05; done; echo waited"]
    cwd: .
    args: { type: object, properties: {}, additionalProperties: false }
  - name: notify
    description: Best-effort notification
    command: [sh, -c, "echo 'notification service down' >&2; exit 1"]
    args: { type: object, properties: {}, additionalProperties: false }
    critical: false
  - name: write_marker
    description: Writes the marker file
    command: [sh, -c, "echo made > marker; echo marked"]
    cwd: .
    args: { type: object, properties: {}, additionalProperties: false }
  - name: join
    description: Joins two texts
    command: [sh, -c, "echo \\"$0 + $1\\"", "{{args.a}}", "{{args.b}}"]
    args: { type: object, properties: { a: { type: string }, b: { type: string } }, required: [a, b], additionalProperties: false }
`;

const plan = {
  steps: [
    { id: 1, action: 'Wait for the marker', tool: 'wait_for_marker', args: {} },
    { id: 2, action: 'Notify', tool: 'notify', args: {} },
    { id: 3, action: 'Write the marker', tool: 'write_marker', args: {} },
    { id: 4, action: 'Join', tool: 'join', args: { a: '${steps.1.output}', b: '${steps.3.output}' } },
  ],
};

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('critical: false in the plain log', () => {
  it('passes over the failed step at once and never says a step will not start before starting it', async () => {
    server = await startScriptedServer([{ json: plan }]);
    const dir = await tempProject({ 'p.yaml': pipeline });
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-key-for-non-critical' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('waited + marked\n');
    const log = result.stderr.split('\n').map((line) => line.replace(/^\d\d:\d\d:\d\d\.\d{3} /, ''));
    const stepLines = log.filter((line) => line.startsWith('step '));
    expect(log.join('\n')).not.toContain('not started');
    const at = (line: string) => stepLines.findIndex((l) => l.startsWith(line));
    // The failure is tolerated right after it happens, while step 1 still runs, and step 3 starts then.
    expect(at('step 2 failed after')).toBeGreaterThanOrEqual(0);
    expect(at('step 2 failed but the run goes on: tool "notify" is marked critical: false and no step needs its output')).toBe(at('step 2 failed after') + 1);
    expect(at('step 3 started')).toBeGreaterThan(at('step 2 failed but the run goes on'));
    expect(at('step 3 started')).toBeLessThan(at('step 1 succeeded'));
    // Every step starts once.
    for (const id of ['1', '2', '3', '4']) expect(stepLines.filter((line) => line.startsWith(`step ${id} started`))).toHaveLength(1);
    expect(log.find((line) => line.startsWith('run succeeded'))).toMatch(/^run succeeded: 1 model call, \d+ prompt \+ \d+ completion tokens, 4 step runs, 0 replans$/);
  });
});
