import { afterEach, describe, expect, it, vi } from 'vitest';
import { executePlan } from '../../src/execute/execute-plan.ts';
import { compilePlan, type HttpTool } from '../../src/index.ts';
import { createEventEmitter, type RunEvent } from '../../src/events/run-events.ts';
import { parseRetryAfter, runHttp } from '../../src/tools/kinds/http/run-http.ts';
import type { ToolContext } from '../../src/tools/tool-call.ts';
import { startTestServer, type TestServer } from './http-test-server.ts';
import { failureOf, testToolContext } from './tool-context.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function httpTool(fields: Partial<HttpTool>): HttpTool {
  return {
    kind: 'http',
    name: 'api',
    description: 'an API',
    method: 'GET',
    url: `${server!.origin}/`,
    allowHosts: ['127.0.0.1'],
    args: { type: 'object' },
    output: 'json',
    ...fields,
  };
}


const json = (res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('runHttp', () => {
  it('renders url, query and headers from arguments as data, and reads a JSON response', async () => {
    server = await startTestServer((_req, res) => json(res, 200, { ok: true }));
    const tool = httpTool({
      url: `${server.origin}/items/{{args.id}}`,
      query: { q: '{{args.q}}', limit: '{{args.limit}}', tag: '{{args.tags}}' },
      headers: { Authorization: 'Bearer {{env.TEST_API_TOKEN}}', 'X-Request': 'for {{args.q}}' },
    });
    const result = await runHttp(tool, { id: '../admin?x=1#', q: 'a b&c=d', tags: ['x', 'y'] }, testToolContext({ env: { TEST_API_TOKEN: 'sekret' } }));
    expect(result).toEqual({ output: { ok: true } });
    const [request] = server.seen;
    expect(request!.url).toBe('/items/..%2Fadmin%3Fx%3D1%23?q=a+b%26c%3Dd&tag=x&tag=y');
    expect(request!.headers.authorization).toBe('Bearer sekret');
    expect(request!.headers['x-request']).toBe('for a b&c=d');
    expect(request!.headers.accept).toBe('application/json');
  });

  it('sends a JSON body whose whole-argument fields keep their type and whose absent ones are left out', async () => {
    server = await startTestServer((_req, res) => json(res, 201, { id: 7 }));
    const tool = httpTool({ method: 'POST', body: { title: '{{args.title}}', count: '{{args.count}}', label: 'n={{args.count}}', assignee: '{{args.assignee}}', tags: ['{{args.title}}', 'fixed'] } });
    await runHttp(tool, { title: 'x "y" {{args.count}}', count: 3 }, testToolContext());
    const [request] = server.seen;
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({ title: 'x "y" {{args.count}}', count: 3, label: 'n=3', tags: ['x "y" {{args.count}}', 'fixed'] });
  });

  it('fails on status 400 and above with the body tail; only 429 and 5xx are transient, with Retry-After', async () => {
    server = await startTestServer((req, res) => (req.url === '/missing' ? json(res, 404, { message: 'Not Found', hint: 'check the id' }) : json(res, 503, { message: 'busy' }, { 'retry-after': '2' })));
    const missing = await failureOf(runHttp(httpTool({ url: `${server.origin}/missing` }), {}, testToolContext()));
    expect(missing.message).toBe(`GET ${server.origin}/missing answered 404 Not Found: {"message":"Not Found","hint":"check the id"}`);
    expect(missing.transient).toBe(false);
    const busy = await failureOf(runHttp(httpTool({ url: `${server.origin}/busy` }), {}, testToolContext()));
    expect(busy.message).toContain('answered 503 Service Unavailable: {"message":"busy"}');
    expect(busy.transient).toBe(true);
    expect(busy.retryAfterMs).toBe(2000);
  });

  it('follows redirects within allowHosts and refuses one to another host', async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/moved') res.writeHead(301, { location: '/here' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: `http://localhost:${server!.port}/here` }).end();
      else if (req.url === '/after-post') res.writeHead(303, { location: '/here' }).end();
      else json(res, 200, { at: req.url, method: req.method });
    });
    expect((await runHttp(httpTool({ url: `${server.origin}/moved` }), {}, testToolContext())).output).toEqual({ at: '/here', method: 'GET' });
    const refused = await failureOf(runHttp(httpTool({ url: `${server.origin}/away`, headers: { authorization: 'secret' } }), {}, testToolContext()));
    expect(refused.message).toBe(`refused a redirect to http://localhost:${server.port}/here: localhost:${server.port} is not in allowHosts of tool "api" (127.0.0.1)`);
    expect(server.seen.map((r) => r.url)).toEqual(['/moved', '/here', '/away']);
    const posted = await runHttp(httpTool({ url: `${server.origin}/after-post`, method: 'POST', body: 'data' }), {}, testToolContext());
    expect(posted.output).toEqual({ at: '/here', method: 'GET' });
  });

  it('refuses a host off the allowlist before sending anything', async () => {
    server = await startTestServer((_req, res) => json(res, 200, {}));
    const tool = httpTool({ url: `http://{{args.host}}:${server.port}/`, allowHosts: ['api.example.com', '*.example.org'] });
    const error = await failureOf(runHttp(tool, { host: '127.0.0.1' }, testToolContext()));
    expect(error.message).toContain(`refused the request to 127.0.0.1:${server.port}: 127.0.0.1:${server.port} is not in allowHosts`);
    expect(server.seen).toEqual([]);
  });

  it('reads at most maxOutputBytes of a huge body, stops the download, and notes the truncation', async () => {
    let closed = false;
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'y');
      let sent = 0;
      const write = () => {
        while (sent < 200 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', write);
        }
        res.end();
      };
      res.on('close', () => (closed = true));
      write();
    });
    const result = await runHttp(httpTool({ output: 'text' }), {}, testToolContext({ maxOutputBytes: 100_000 }));
    expect((result.output as string).length).toBe(100_000);
    expect(result.note).toBe('output truncated at 100000 bytes (execution.maxOutputBytes)');
    await vi.waitFor(() => expect(closed).toBe(true));
  });

  it('reports timeouts, cancellation and network errors (the last as transient)', async () => {
    server = await startTestServer(() => undefined); // never answers
    const slow = await failureOf(runHttp(httpTool({ timeoutMs: 200 }), {}, testToolContext()));
    expect(slow.message).toBe(`GET ${server.origin}/ timed out after 0.2s`);
    expect(slow.timedOut).toBe(true);
    expect(slow.transient).toBe(false);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const cancelled = await failureOf(runHttp(httpTool({}), {}, testToolContext({ signal: controller.signal })));
    expect(cancelled.message).toBe(`GET ${server.origin}/ cancelled`);

    // A port nothing listens on any more.
    const gone = await startTestServer(() => undefined);
    await gone.close();
    const refused = await failureOf(runHttp(httpTool({ url: `${gone.origin}/` }), {}, testToolContext()));
    expect(refused.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/ failed: .*ECONNREFUSED/);
    expect(refused.transient).toBe(true);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('an http step with retries', () => {
  it('gets 503, retries after the backoff, and succeeds', async () => {
    let calls = 0;
    server = await startTestServer((_req, res) => (++calls <= 2 ? json(res, 503, { error: 'warming up' }) : json(res, 200, { status: 'ready' })));
    const tool = httpTool({ retries: { attempts: 3, backoffMs: 20, maxBackoffMs: 100 } });
    const compiled = compilePlan({ steps: [{ id: 1, tool: 'api', args: {} }] }, [tool]);
    if (!compiled.ok) throw new Error('plan rejected');
    const events: RunEvent[] = [];
    const context: ToolContext = testToolContext();
    const state = await executePlan(compiled.graph, { planNumber: 1, concurrency: 1, emit: createEventEmitter([(e) => events.push(e)]), toolContext: context });
    expect(state.status).toBe('succeeded');
    expect(state.outputs.get('1')).toEqual({ status: 'ready' });
    expect(events.map((e) => e.kind)).toEqual(['step-started', 'step-retrying', 'step-retrying', 'step-succeeded']);
    expect(events[1]).toMatchObject({ attempt: 1, maxAttempts: 4, error: expect.stringContaining('answered 503 Service Unavailable: {"error":"warming up"}') });
    expect(server.seen).toHaveLength(3);
  });
});
