// An argument in an http tool's url fills part of a path segment but never changes the path's shape:
// it cannot remove a segment with `.` or `..` (in any percent-encoding) or by being empty. Checked by
// the compiler where the plan wrote the value, and by the runner on the final url, against a real
// local server that records what reached it.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLM_TOOL } from '../../src/pipeline/builtin-tools.ts';
import { checkToolFileSource } from '../../src/pipeline/tool-file.ts';
import { compilePlan, type HttpTool } from '../../src/index.ts';
import { readYamlSource } from '../../src/source/yaml-source.ts';
import { runHttp } from '../../src/tools/kinds/http/run-http.ts';
import { isDotSegment } from '../../src/tools/kinds/http/url-path-segments.ts';
import { startTestServer, type TestServer } from './http-test-server.ts';
import { failureOf, testToolContext } from './tool-context.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((request, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(`at ${request.url}`));
});
afterAll(() => server.close());

function httpTool(url: string): HttpTool {
  return { kind: 'http', name: 'repo', description: 'a repository', method: 'GET', url: `${server.origin}${url}`, allowHosts: ['127.0.0.1'], args: { type: 'object' }, output: 'text' };
}

const repos = () => httpTool('/repos/{{args.owner}}/{{args.repo}}');

/** Dot segments as a model could spell them: plain, percent-encoded in either case, mixed, encoded twice. */
const dotSpellings = ['..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2E.', '%2e', '%252e%252e', '%252E.'];

describe('an argument in an http url', () => {
  it.each(dotSpellings)('cannot remove a path segment with %j: refused before anything is sent', async (owner) => {
    const before = server.seen.length;
    const error = await failureOf(runHttp(repos(), { owner, repo: 'user' }, testToolContext()));
    expect(error.message).toMatch(/^refused: argument "owner" is .*, a dot segment that would remove a segment of the url path/);
    expect(server.seen.length).toBe(before);
  });

  it('cannot be empty where it is a whole segment (a server that merges // would lose it)', async () => {
    const before = server.seen.length;
    expect((await failureOf(runHttp(repos(), { owner: '', repo: 'user' }, testToolContext()))).message).toBe(
      'refused: argument "owner" is empty, but it is a whole segment of the url path, which would lose that segment',
    );
    expect((await failureOf(runHttp(repos(), { owner: 'octo', repo: '..' }, testToolContext()))).message).toMatch(/argument "repo" is "\.\."/);
    expect(server.seen.length).toBe(before);
  });

  it('cannot make a dot segment together with the template text around it', async () => {
    const tool = httpTool('/files/.{{args.ext}}/{{args.name}}');
    const error = await failureOf(runHttp(tool, { ext: '.', name: 'x' }, testToolContext()));
    expect(error.message).toMatch(/^refused: the url path \/files\/\.\.\/x would have "\.\." as segment 2/);
    const encoded = await failureOf(runHttp(tool, { ext: '%2e', name: 'x' }, testToolContext()));
    expect(encoded.message).toMatch(/would have "\.%252e" as segment 2/);
  });

  it('still fills a segment with any other value, dots included', async () => {
    for (const [owner, repo] of [['nodejs', 'node'], ['a.b', '...'], ['.hidden', 'x..y'], ['..a', 'b..']] as const) {
      const result = await runHttp(repos(), { owner, repo }, testToolContext());
      expect(result.output).toBe(`at /repos/${owner}/${repo}`);
    }
    // A slash stays inside its segment, as before.
    expect((await runHttp(repos(), { owner: '../..', repo: 'user' }, testToolContext())).output).toBe('at /repos/..%2F../user');
  });

  it('is refused by the compiler when the plan wrote it, and left to the runner when it comes from a reference', () => {
    const tools = [repos(), LLM_TOOL];
    const compile = (args: Record<string, unknown>) => {
      const result = compilePlan({ steps: [{ id: 1, tool: 'llm', args: { prompt: 'owner?' } }, { id: 2, tool: 'repo', args }] }, tools);
      return result.ok ? [] : result.problems.map((problem) => `${problem.code}: ${problem.message}`);
    };
    expect(compile({ owner: '..', repo: 'user' })).toEqual([
      'url-path-argument: step 2 (repo): argument "owner" is "..", a dot segment that would remove a segment of the url path; a value in the url may not be ".", ".." or empty, in any encoding (%2e)',
    ]);
    expect(compile({ owner: '%2E%2e', repo: 'user' })[0]).toMatch(/^url-path-argument: step 2 \(repo\): argument "owner" is "%2E%2e"/);
    expect(compile({ owner: 'octo', repo: '' })[0]).toMatch(/argument "repo" is empty/);
    expect(compile({ owner: 'octo' })[0]).toMatch(/argument "repo" is not given, but it is a whole segment of the url path/);
    expect(compile({ owner: '${steps.1.output}', repo: 'user' })).toEqual([]);
    expect(compile({ owner: 'octo', repo: 'user' })).toEqual([]);
    // A url the arguments cannot render (a placeholder inside a segment left out) is the runner's to report, not a crash here.
    const versioned = httpTool('/v{{args.version}}/{{args.name}}');
    const result = compilePlan({ steps: [{ id: 1, tool: 'repo', args: { name: 'x' } }] }, [versioned, LLM_TOOL]);
    expect(result.ok).toBe(true);
  });

  it('reads percent-encoded dots as a URL parser and a server that decodes twice do', () => {
    for (const segment of dotSpellings.map((text) => text.replaceAll('%', '%25'))) expect(isDotSegment(segment), segment).toBe(true);
    for (const segment of ['...', '.a', '%2e%2e%2e', '%2f', '']) expect(isDotSegment(segment), segment).toBe(false);
  });
});

describe('an http tool declaration', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'planexec-url-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('whose url path has a literal dot segment is a load error', async () => {
    const file = path.join(dir, 'tools.yaml');
    await writeFile(file, '- name: up\n  description: a parent path\n  url: "https://api.example.com/a/%2E%2E/{{args.x}}"\n  args: { type: object, properties: { x: { type: string } } }\n');
    const checked = await checkToolFileSource(await readYamlSource(file, dir));
    expect(checked.diagnostics.map((d) => d.message)).toEqual(['the url\'s path has the segment "%2E%2E", which the URL resolves away; write the path it stands for']);
  });
});
