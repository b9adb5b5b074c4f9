// Every place a runner cuts text — the output cap, an error's tail, a shortened command line or URL,
// a module's own cut — masks a secret the cut falls inside, so no part of one is kept; and text is
// masked before whitespace is collapsed. (The run store, prompts and previews: test/hostile, kind secrets.)

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAiClient, createRedactor, type HttpTool, type ModuleTool } from '../../src/index.ts';
import { CappedOutput, clipBytes } from '../../src/tools/capped-output.ts';
import { runCommand } from '../../src/tools/kinds/command/run-command.ts';
import { runHttp } from '../../src/tools/kinds/http/run-http.ts';
import { runModule } from '../../src/tools/kinds/module/run-module.ts';
import { startScriptedServer } from '../support/scripted-server.ts';
import { commandTool } from '../support/tools.ts';
import { startTestServer, type TestServer } from './http-test-server.ts';
import { failureOf, testToolContext } from './tool-context.ts';

const secret = 'tok-Zq7wX9-c0rpus-4Lm2Vt';
const redactor = createRedactor([secret]);
const pem = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj', 'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu', '-----END PRIVATE KEY-----'].join('\n');

/** No 6 characters of `value` in a row in `text`. */
function expectNoPartOf(value: string, text: string): void {
  for (let start = 0; start + 6 <= value.length; start++) expect(text, `characters ${start}–${start + 6} of the secret`).not.toContain(value.slice(start, start + 6));
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the output cap', () => {
  it('masks a secret the cut falls inside, also when the rest of it arrives in a later chunk', () => {
    const output = new CappedOutput(20, redactor);
    output.push(Buffer.from(`${'x'.repeat(10)}${secret.slice(0, 6)}`));
    expect(output.full).toBe(false);
    output.push(Buffer.from(`${secret.slice(6, 12)}`));
    output.push(Buffer.from(`${secret.slice(12)} and more`));
    expect(output.text()).toBe(`${'x'.repeat(10)}***`);
    expect(output.truncated).toBe(true);
  });

  it('keeps reading past the limit only as far as a secret can reach, then is full', () => {
    const output = new CappedOutput(20, redactor);
    output.push(Buffer.alloc(20 + redactor.reach * 3 + 10, 'y'));
    expect(output.full).toBe(true);
    expect(output.text()).toBe('y'.repeat(20));
    const plain = new CappedOutput(20);
    plain.push(Buffer.alloc(21, 'y'));
    expect(plain.full).toBe(true);
  });

  it('cuts as before where no secret is: a character the byte limit splits is kept as Buffer#toString keeps it', () => {
    expect(clipBytes('ééé', 3)).toBe(Buffer.from('ééé').subarray(0, 3).toString('utf8'));
    expect(clipBytes('ééé', 3, redactor)).toBe(Buffer.from('ééé').subarray(0, 3).toString('utf8'));
    expect(clipBytes(`é${secret}`, 10, redactor)).toBe('é***');
    expect(clipBytes(Buffer.from(`é${secret}`), 10, redactor)).toBe('é***');
  });
});

describe('a command', () => {
  const node = process.execPath;
  const script = (source: string) => commandTool('script', [node, '-e', source], { args: { type: 'object' } });

  it('cut by maxOutputBytes inside a secret of the run (not one it was given) keeps ***', async () => {
    const result = await runCommand(script(`process.stdout.write('x'.repeat(20) + ${JSON.stringify(secret)} + 'y'.repeat(50))`), {}, testToolContext({ maxOutputBytes: 30, redactor }));
    expect(result.output).toBe(`${'x'.repeat(20)}***`);
    expect(result.note).toBe('output truncated at 30 bytes (execution.maxOutputBytes)');
  });

  it('that fails shows a stderr tail that would start inside a secret with *** instead', async () => {
    const error = await failureOf(runCommand(script(`process.stderr.write(${JSON.stringify(secret)} + 'y'.repeat(1995)); process.exit(2)`), {}, testToolContext({ redactor })));
    expect(error.message).toMatch(/exited with code 2: \*\*\*y{1995}$/);
  });

  it('whose shown command line would end inside a secret shows *** instead', async () => {
    const prefix = `${node} -e process.exit(1) `;
    const tool = commandTool('script', [node, '-e', 'process.exit(1)', '{{args.text}}'], { args: { type: 'object', properties: { text: { type: 'string' } } } });
    const error = await failureOf(runCommand(tool, { text: `${'x'.repeat(200 - prefix.length - 8)}${secret}` }, testToolContext({ redactor })));
    expect(error.message).toContain('xxx***… exited with code 1');
    expectNoPartOf(secret, error.message);
  });
});

describe('a module', () => {
  it('cut by maxOutputBytes inside a secret keeps ***; its own cuts through options.truncate do too', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'planexec-cut-'));
    const file = path.join(dir, 'cut.mjs');
    await writeFile(file, `export const long = (args) => 'x'.repeat(20) + args.text;\nexport const own = (args, { truncate }) => truncate(args.text, 24) + ' [cut]';\n`);
    const tool = (exportName: string): ModuleTool => ({ kind: 'module', name: 'm', description: 'm', module: file, export: exportName, args: { type: 'object' }, output: 'text' });
    expect((await runModule(tool('long'), { text: secret }, testToolContext({ maxOutputBytes: 30, redactor }))).output).toBe(`${'x'.repeat(20)}***`);
    expect((await runModule(tool('own'), { text: `CORPUS_TOKEN=${secret}` }, testToolContext({ redactor }))).output).toBe('CORPUS_TOKEN=*** [cut]');
    // Without secrets, truncate cuts the bytes as they are.
    expect((await runModule(tool('own'), { text: `CORPUS_TOKEN=${secret}` }, testToolContext())).output).toBe(`CORPUS_TOKEN=${secret.slice(0, 11)} [cut]`);
  });
});

describe('an http tool', () => {
  const httpTool = (fields: Partial<HttpTool> = {}): HttpTool => ({ kind: 'http', name: 'api', description: 'an API', method: 'GET', url: `${server!.origin}/`, allowHosts: ['127.0.0.1'], args: { type: 'object' }, output: 'text', ...fields });

  it('cut by maxOutputBytes inside a secret that arrives in two pieces keeps ***', async () => {
    server = await startTestServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(`${'x'.repeat(90)}${secret.slice(0, 5)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      res.end(`${secret.slice(5)} and the rest`);
    });
    const result = await runHttp(httpTool(), {}, testToolContext({ maxOutputBytes: 100, redactor }));
    expect(result.output).toBe(`${'x'.repeat(90)}***`);
  });

  it('that fails shows a multi-line secret of the error body as *** (masked before the body is put on one line)', async () => {
    server = await startTestServer((_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end(`upstream said:\n${pem}\n(and more)`));
    const error = await failureOf(runHttp(httpTool(), {}, testToolContext({ redactor: createRedactor([pem]) })));
    expect(error.message).toMatch(/answered 500 Internal Server Error: upstream said: \*\*\* \(and more\)$/);
    for (const line of pem.split('\n')) expect(error.message).not.toContain(line);
  });

  it('whose shown URL would end inside a secret shows *** instead', async () => {
    server = await startTestServer((_req, res) => void res.writeHead(404).end('no'));
    const tool = httpTool({ url: `${server.origin}/{{args.path}}`, args: { type: 'object', properties: { path: { type: 'string' } } } });
    const prefix = `${server.origin}/`;
    const error = await failureOf(runHttp(tool, { path: `${'p'.repeat(200 - prefix.length - 8)}${secret}` }, testToolContext({ redactor })));
    expect(error.message).toContain('ppp***… answered 404');
    expectNoPartOf(secret, error.message);
  });
});

describe('the model endpoint', () => {
  it('masks the API key a server echoes before its message is cut to 300 characters', async () => {
    const key = 'sk-corpus-key-d00d5eed-7f3a9c41';
    const model = await startScriptedServer([{ status: 400, body: { error: { message: `${'m'.repeat(270)} your key ${key} is not valid`, type: 'invalid_request_error', param: null, code: null } } }]);
    try {
      const client = createOpenAiClient({ name: 'm', baseURL: model.url, apiKeyEnv: 'OPENAI_API_KEY', maxRetries: 0, timeoutMs: 5000 }, { OPENAI_API_KEY: key });
      const error = await client.complete({ purpose: 'tool', model: 'm', messages: [{ role: 'user', content: 'hi' }] }).then(() => new Error('expected the call to fail'), (caught: unknown) => caught as Error);
      expect(error.message).toContain('your key *** is not valid');
      expectNoPartOf(key, error.message);
    } finally {
      await model.close();
    }
  });
});
