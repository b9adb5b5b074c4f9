// A header whose value comes from a secret (or `{{env.X}}`) is for the origin the tool names: on a
// redirect to another origin it is dropped like Authorization and Cookie, whatever its name. Two real
// local servers are the two origins; each records what reached it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpTool } from '../../src/index.ts';
import { headersToDrop, runHttp } from '../../src/tools/kinds/http/run-http.ts';
import { startTestServer, type SeenRequest, type TestServer } from './http-test-server.ts';
import { testToolContext } from './tool-context.ts';

const SECRET = 'tok-1f2e3d4c5b6a';
const ENV_TOKEN = 'glpat-0a9b8c7d6e5f';

let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  second = await startTestServer((request, res) => {
    // The second origin sends one request back to the first.
    if (request.url === '/back') return void res.writeHead(302, { location: `${first.origin}/home` }).end();
    res.writeHead(200, { 'content-type': 'text/plain' }).end('second');
  });
  first = await startTestServer((request, res) => {
    const to = (location: string) => void res.writeHead(302, { location }).end();
    if (request.url === '/away') return to(`${second.origin}/collect`);
    if (request.url === '/same') return to('/here');
    if (request.url === '/away-and-back') return to(`${second.origin}/back`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('first');
  });
});
afterAll(async () => {
  await first.close();
  await second.close();
});

function tool(url: string): HttpTool {
  return {
    kind: 'http',
    name: 'api',
    description: 'an API with keys in headers',
    method: 'GET',
    url: `${first.origin}${url}`,
    // Both servers listen on 127.0.0.1 (other ports: other origins); the list allows any port.
    allowHosts: ['127.0.0.1'],
    headers: {
      Authorization: 'Bearer {{secrets.API_SECRET}}',
      'X-Api-Key': '{{secrets.API_SECRET}}',
      'PRIVATE-TOKEN': '{{env.GITLAB_TOKEN}}',
      'x-Signed': 'v1 key={{secrets.API_SECRET}} ts=0',
      'X-Client': 'planexec-test',
    },
    args: { type: 'object' },
    output: 'text',
  };
}

const env = { API_SECRET: SECRET, GITLAB_TOKEN: ENV_TOKEN };

function carriesSecret(request: SeenRequest): boolean {
  return Object.values(request.headers).some((value) => String(value).includes(SECRET) || String(value).includes(ENV_TOKEN));
}

describe('an http redirect to another origin', () => {
  it('drops every header whose value came from a secret or the environment, and keeps the others', async () => {
    const result = await runHttp(tool('/away'), {}, testToolContext({ env }));
    expect(result.output).toBe('second');
    const arrived = second.seen.at(-1)!;
    expect(arrived.url).toBe('/collect');
    expect(carriesSecret(arrived)).toBe(false);
    for (const name of ['authorization', 'x-api-key', 'private-token', 'x-signed']) expect(arrived.headers[name], name).toBeUndefined();
    expect(arrived.headers['x-client']).toBe('planexec-test');
    // The first origin got them all.
    const sent = first.seen.at(-1)!;
    expect(sent.headers).toMatchObject({ authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET, 'private-token': ENV_TOKEN, 'x-signed': `v1 key=${SECRET} ts=0` });
  });

  it('keeps them while the origin stays the same', async () => {
    await runHttp(tool('/same'), {}, testToolContext({ env }));
    const [redirected, final] = first.seen.slice(-2);
    expect(redirected!.url).toBe('/same');
    expect(final!.url).toBe('/here');
    expect(final!.headers).toMatchObject({ 'x-api-key': SECRET, 'private-token': ENV_TOKEN });
  });

  it('does not send them again when a later redirect comes back to the first origin', async () => {
    const result = await runHttp(tool('/away-and-back'), {}, testToolContext({ env }));
    expect(result.output).toBe('first');
    expect(second.seen.at(-1)!.url).toBe('/back');
    expect(carriesSecret(second.seen.at(-1)!)).toBe(false);
    const home = first.seen.at(-1)!;
    expect(home.url).toBe('/home');
    expect(carriesSecret(home)).toBe(false);
  });

  it('is decided by origin: another port or host, and https to http (even on the same host), drop them', () => {
    const secretHeaders = ['x-api-key', 'private-token'];
    const drop = (from: string, to: string) => headersToDrop(new URL(from), new URL(to), secretHeaders);
    expect(drop('https://api.example.com/a', 'https://api.example.com/b')).toEqual([]);
    expect(drop('https://api.example.com/a', 'http://api.example.com/a')).toEqual(['authorization', 'cookie', 'proxy-authorization', 'x-api-key', 'private-token']);
    expect(drop('https://api.example.com/a', 'https://api.example.com:8443/a')).toContain('x-api-key');
    expect(drop('https://api.example.com/a', 'https://cdn.example.com/a')).toContain('private-token');
    expect(drop('http://api.example.com/a', 'https://api.example.com/a')).toContain('x-api-key');
  });
});
