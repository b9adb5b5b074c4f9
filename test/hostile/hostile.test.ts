// The hostile corpus: each file in cases/ is one attack (the input, and what must come of it), run
// here against real parts — the real compiler, real processes in a temp workspace, the real openai
// SDK against a scripted model over HTTP, real HTTP for http tools, and the CLI itself.
//
// Whatever a case expects, every case must also: end in a clear message or a neutral result (never
// a crash), show no stack trace, leave no file outside the workspace (nor a `pwned` marker anywhere),
// and never let the secret's or the API key's value appear in any output, event or prompt.

import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createOpenAiClient } from '../../src/llm/openai-client.ts';
import { loadPipeline } from '../../src/pipeline/load-pipeline.ts';
import type { HttpTool, Pipeline } from '../../src/pipeline/types.ts';
import { compilePlan } from '../../src/plan/compile-plan.ts';
import { planLimitsOf } from '../../src/planner/request-plan.ts';
import type { RunEvent } from '../../src/events/run-events.ts';
import { redactingLlm, redactingSink, secretRedactor } from '../../src/run/redact-secrets.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { formatDiagnostic, DiagnosticError } from '../../src/source/diagnostic.ts';
import type { Resolve } from '../../src/tools/kinds/http/guarded-request.ts';
import { runHttp } from '../../src/tools/kinds/http/run-http.ts';
import { runCli, type CliResult } from '../support/run-cli.ts';
import { startScriptedServer, type RecordedCall, type Rule } from '../support/scripted-server.ts';
import { startTestServer, type TestServer } from '../tools/http-test-server.ts';
import { testToolContext } from '../tools/tool-context.ts';

const SECRET = 'corpus-secret-7f3a9c41';
const API_KEY = 'sk-corpus-key-d00d5eed';
const casesDir = path.join(import.meta.dirname, 'cases');
const fixtureDir = path.join(import.meta.dirname, 'workspace');

interface HostileCase {
  readonly file: string;
  readonly description: string;
  readonly kind: 'plan' | 'run' | 'pipeline' | 'http' | 'cli' | 'secrets';
  readonly input: Readonly<Record<string, unknown>>;
  readonly expect: Readonly<Record<string, unknown>>;
}

/** What a case produced: its outcome, the messages that explain it, and every text that left planexec. */
interface Observed {
  readonly outcome: string;
  readonly messages: string;
  readonly outputs: string;
  readonly result?: string;
  readonly output?: unknown;
  readonly prompts?: string;
  readonly exitCode?: number | null;
}

const cases: HostileCase[] = await loadCases();

async function loadCases(): Promise<HostileCase[]> {
  const files = (await readdir(casesDir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (file) => ({ file, ...(parseYaml(await readFile(path.join(casesDir, file), 'utf8')) as Omit<HostileCase, 'file'>) })));
}

let root: string;
let workspace: string;
let outside: string;
let api: TestServer;
let corpusPipeline: Pipeline;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'planexec-hostile-'));
  workspace = path.join(root, 'workspace');
  outside = path.join(root, 'outside');
  api = await startTestServer((request, res) => answerApi(request.url, request.headers.authorization, res));
  await cp(fixtureDir, workspace, { recursive: true });
  const pipelineFile = path.join(workspace, 'pipeline.yaml');
  const text = (await readFile(pipelineFile, 'utf8')).replaceAll('__NODE__', JSON.stringify(process.execPath)).replaceAll('__API_PORT__', String(api.port));
  await writeFile(pipelineFile, text);
  await mkdir(outside);
  await writeFile(path.join(outside, 'secret.txt'), 'the contents of a file outside the workspace\n');
  await symlink('../outside', path.join(workspace, 'escape'));
  await symlink('/etc', path.join(workspace, 'etc-link'));
  await symlink('../outside/created-by-link.txt', path.join(workspace, 'dangling-link'));
  corpusPipeline = await loadPipeline(pipelineFile, { cwd: workspace, config: null });
});

afterAll(async () => {
  await api?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The local API http tools talk to: echoes, and redirects to places they must not go. */
function answerApi(url: string, authorization: string | undefined, res: ServerResponse): void {
  const redirect = (location: string): void => void res.writeHead(302, { location }).end();
  if (url === '/echo-auth') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`you sent: ${authorization ?? 'nothing'}`);
  if (url === '/redirect-meta') return redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/');
  if (url === '/redirect-away') return redirect('http://evil.example.net/collect');
  if (url === '/redirect-internal') return redirect(`http://internal.test:${api.port}/ok`);
  if (url === '/ok') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('fine');
  res.writeHead(404).end('no such path');
}

/** Placeholders a case may use in its input: the workspace's path, the API's origin, the secret. */
function fill<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replaceAll('__WORKSPACE__', workspace).replaceAll('__ORIGIN__', api.origin).replaceAll('__API_PORT__', String(api.port)).replaceAll('__SECRET__', SECRET) as T;
  }
  if (Array.isArray(value)) return value.map(fill) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)])) as T;
  return value;
}

/** Inputs too big or too strange to keep in a case file. */
function generated(name: string): string | Buffer {
  switch (name) {
    case 'plan-50mb':
      return `{"steps":[{"id":1,"action":"Flood","tool":"echo_args","args":{"text":"${'A'.repeat(50 * 1024 * 1024)}"}}]}`;
    case 'plan-argument-100kb':
      return `{"steps":[{"id":1,"tool":"echo_args","args":{"text":"${'A'.repeat(100_000)}"}}]}`;
    case 'plan-nested-10000':
      return `{"steps":[{"id":1,"tool":"echo_args","args":{"text":"x","deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}}]}`;
    case 'yaml-alias-bomb': {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      return `version: 1\nname: bomb\ntask: boom\ntools: []\n${levels.join('\n')}\n`;
    }
    case 'yaml-nested-10000':
      return `version: 1\nname: deep\ntask: deep\ntools: []\ndescription: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    case 'yaml-2mb':
      return `version: 1\nname: big\ntask: big\ntools: []\ndescription: "${'x'.repeat(2 * 1024 * 1024)}"\n`;
    case 'yaml-not-utf8':
      return Buffer.concat([Buffer.from('version: 1\nname: latin1\ntask: "caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"\ntools: []\n')]);
    default:
      throw new Error(`unknown generator ${name}`);
  }
}

/** Everything under `dir` except the workspace, as sorted relative paths. */
async function listOutsideWorkspace(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).filter((entry) => entry !== 'workspace' && !entry.startsWith(`workspace${path.sep}`)).sort();
}

// ---- one runner per kind ----------------------------------------------------------------------------

function replyOf(input: Readonly<Record<string, unknown>>): string {
  if (typeof input.generate === 'string') return generated(input.generate) as string;
  if (typeof input.reply === 'string') return fill(input.reply);
  return JSON.stringify(fill(input.plan));
}

async function runPlanCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const result = compilePlan(replyOf(input), corpusPipeline.tools, { ...planLimitsOf(corpusPipeline), ...(input.workspace === true ? { workspace } : {}) });
  if (result.ok) return { outcome: 'accepted', messages: '', outputs: JSON.stringify(result.graph.steps.map(({ id, tool, args }) => ({ id, tool, args }))) };
  const messages = result.problems.map((problem) => `${problem.code}: ${problem.message}`).join('\n');
  return { outcome: 'rejected', messages, outputs: messages };
}

async function runRunCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const rules: Rule[] = [
    { match: (call) => call.lastSystemMessage !== undefined, content: replyOf(input) },
    { content: typeof input.llm === 'string' ? fill(input.llm) : 'noted' },
  ];
  const model = await startScriptedServer(rules);
  try {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, CORPUS_TOKEN: SECRET, OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: model.url };
    // Wired exactly as `planexec run` wires it (src/cli/run-command.ts).
    const redactor = secretRedactor(corpusPipeline, env);
    const llm = redactingLlm(createOpenAiClient(corpusPipeline.model, env), redactor);
    const events: RunEvent[] = [];
    const outcome = await runPipeline(corpusPipeline, {
      llm,
      inputs: fill((input.inputs ?? {}) as Record<string, string>),
      onEvent: [redactingSink((event) => events.push(event), redactor)],
      cwd: workspace,
      env,
    });
    const result = outcome.result === undefined ? undefined : redactor.redactText(outcome.result);
    const error = outcome.error === undefined ? '' : redactor.redactText(outcome.error);
    const stepErrors = events.flatMap((event) => (event.kind === 'step-failed' ? [event.error] : []));
    const prompts = model.calls.map((call) => JSON.stringify(call.body?.messages)).join('\n');
    const status = outcome.status === 'plan-failed' ? 'rejected' : outcome.status;
    return {
      outcome: status,
      messages: [error, ...stepErrors].join('\n'),
      outputs: [JSON.stringify(events), result ?? '', error, prompts].join('\n'),
      ...(result !== undefined ? { result } : {}),
      prompts,
    };
  } finally {
    await model.close();
  }
}

async function runPipelineCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const dir = await mkdtemp(path.join(root, 'pipeline-'));
  const file = path.join(dir, 'p.yaml');
  const content = typeof input.generate === 'string' ? generated(input.generate) : fill(input.yaml as string).replaceAll('__NODE__', JSON.stringify(process.execPath));
  await writeFile(file, content);
  try {
    const pipeline = await loadPipeline(file, { cwd: dir, config: null });
    return { outcome: 'loaded', messages: '', outputs: JSON.stringify(pipeline.tools.map((tool) => tool.name)) };
  } catch (error) {
    if (!(error instanceof DiagnosticError)) throw error;
    const messages = error.diagnostics.map(formatDiagnostic).join('\n');
    return { outcome: 'rejected', messages, outputs: messages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runHttpCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const fields = fill(input.tool as Partial<HttpTool>);
  const tool: HttpTool = { kind: 'http', name: 'api', description: 'corpus http tool', method: 'GET', args: { type: 'object' }, output: 'text', allowHosts: ['127.0.0.1'], ...fields } as HttpTool;
  const answers = (input.resolve ?? {}) as Record<string, string[]>;
  // Name resolution the case decides, as a DNS server under an attacker's control would.
  const resolve: Resolve = (hostname, _options, callback) => {
    const addresses = answers[hostname];
    if (addresses === undefined) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  const env = { CORPUS_TOKEN: SECRET };
  try {
    const result = await runHttp(tool, fill((input.args ?? {}) as Record<string, unknown>), testToolContext({ env, resolve, timeoutMs: 5000 }));
    return { outcome: 'succeeded', messages: '', outputs: JSON.stringify(result), output: result.output };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: 'refused', messages: message, outputs: message };
  }
}

async function runCliCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const model = await startScriptedServer([
    { match: (call) => call.lastSystemMessage !== undefined, content: replyOf(input) },
    { content: 'noted' },
  ]);
  try {
    const env: Record<string, string> = { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: API_KEY, CORPUS_TOKEN: SECRET, ...((input.env ?? {}) as Record<string, string>) };
    for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
    const result = await runCli(['run', 'pipeline.yaml', ...((input.args ?? []) as string[])], { cwd: workspace, env });
    const prompts = model.calls.map((call) => JSON.stringify(call.body?.messages)).join('\n');
    return { outcome: `exit ${result.code}`, exitCode: result.code, messages: `${result.stdout}\n${result.stderr}`, outputs: `${result.stdout}\n${result.stderr}\n${prompts}`, prompts };
  } finally {
    await model.close();
  }
}

const runners = { plan: runPlanCase, run: runRunCase, pipeline: runPipelineCase, http: runHttpCase, cli: runCliCase, secrets: runSecretsCase } as const;

// ---- the `secrets` kind ------------------------------------------------------------------------------
// Secret values of many shapes (multi-line, with spaces and characters encodings change, short, equal
// to a word planexec writes) in a fresh workspace (secrets-workspace/ and the repository's tools/),
// run through the real CLI once or more (run, --record then --replay, validate) against a scripted
// model. Besides the case's own expectations, no part of a secret may leave: not the value, no 8
// characters of it in a row (so no prefix left by a cut), none of its common encodings — in stdout,
// stderr, the prompts the model got, or any file the runs wrote (run store, recordings, caches).

/** The values a case's `secrets:` and `apiKey` name (or a literal value, when not one of these names). */
const secretValues: Readonly<Record<string, string>> = {
  token: 'tok-Zq7wX9-c0rpus-4Lm2Vt',
  pem: [
    '-----BEGIN PRIVATE KEY-----',
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
    'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
    'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
    '-----END PRIVATE KEY-----',
  ].join('\n'),
  spaced: 'Qz7 horse Wv2 battery Kp9 staple',
  special: 'p@ss/w0rd"q\\z&=?#t0k!~*()91ab',
  jsonKey: JSON.stringify({ type: 'corpus_account', project: 'corpus-x7', private_key_id: 'k3y-1d-9f8e7d6c5b4a', client: 'Vq8!corpus@x7.example' }, null, 2),
};

/** A case's named value, or the name itself as a literal value. */
function secretValue(name: string): string {
  return secretValues[name] ?? name;
}

interface SecretsRun {
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

function fillSecrets(text: string, extra: Readonly<Record<string, string>>): string {
  return Object.entries(extra).reduce((filled, [name, value]) => filled.replaceAll(name, value), text.replaceAll('__NODE__', JSON.stringify(process.execPath)))
    .replace(/__VALUE:([\w-]+)__/g, (_, name: string) => secretValue(name));
}

function fillSecretsDeep<T>(value: T, extra: Readonly<Record<string, string>>): T {
  // A placeholder that is a whole value and stands for a number becomes that number.
  if (typeof value === 'string' && /^\d+$/.test(extra[value] ?? '')) return Number(extra[value]) as T;
  if (typeof value === 'string') return fillSecrets(value, extra) as T;
  if (Array.isArray(value)) return value.map((item) => fillSecretsDeep(item, extra)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillSecretsDeep(item, extra)])) as T;
  return value;
}

/** Everything no output may hold of one secret: the value, 8 characters of it in a row, its common encodings. */
function leakedPartOf(value: string, text: string): string | undefined {
  const trimmed = value.trim();
  const oneLine = (part: string) => part.replace(/\s+/g, ' ');
  const flat = oneLine(text);
  const windowLength = 8;
  const plain = oneLine(trimmed);
  for (let start = 0; start + windowLength <= plain.length; start++) {
    const window = plain.slice(start, start + windowLength);
    if (flat.includes(window)) return `${JSON.stringify(window)} (characters ${start}–${start + windowLength} of the value)`;
  }
  const encodings: Record<string, string> = {
    'JSON-escaped': JSON.stringify(trimmed).slice(1, -1),
    'JSON-escaped twice': JSON.stringify(JSON.stringify(trimmed)).slice(1, -1),
    'percent-encoded': encodeURIComponent(trimmed),
    'percent-encoded (lower case)': encodeURIComponent(trimmed).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    'form-encoded': new URLSearchParams({ q: trimmed }).toString().slice(2),
    base64: Buffer.from(trimmed).toString('base64').replace(/=+$/, '').slice(0, -1),
  };
  for (const [name, encoded] of Object.entries(encodings)) if (encoded !== trimmed && encoded.length >= windowLength && text.includes(encoded)) return `the value ${name}`;
  return undefined;
}

/** Files under `dir` (relative paths) with their content, leaving out planexec's own tools/. */
async function filesUnder(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
    files.set(relative, await readFile(path.join(dir, relative), 'utf8'));
  }
  return files;
}

async function runSecretsCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const caseRoot = await mkdtemp(path.join(tmpdir(), 'planexec-hostile-secrets-'));
  const dir = path.join(caseRoot, 'workspace');
  try {
    await cp(path.join(import.meta.dirname, 'secrets-workspace'), dir, { recursive: true });
    await cp(path.join(import.meta.dirname, '../../tools'), path.join(dir, 'tools'), { recursive: true });
    // So that a command line shown in a message (node's path first) is cut at a known place of its last argument.
    const extra = { __ARGV_PAD__: String(200 - `${process.execPath} scripts/fail.cjs `.length - 8) };
    const secrets = Object.fromEntries(Object.entries((input.secrets ?? { CORPUS_TOKEN: 'token' }) as Record<string, string>).map(([name, value]) => [name, secretValue(value)]));
    const apiKey = secretValue(typeof input.apiKey === 'string' ? input.apiKey : API_KEY);
    let pipelineText = typeof input.pipeline === 'string' ? input.pipeline : await readFile(path.join(dir, 'pipeline.yaml'), 'utf8');
    for (const [from, to] of Object.entries((input.edit ?? {}) as Record<string, string>)) {
      expect(pipelineText, `edit of the pipeline: ${from}`).toContain(from);
      pipelineText = pipelineText.replace(from, to);
    }
    if (typeof input.extra === 'string') pipelineText = `${pipelineText}\n${input.extra}\n`;
    await writeFile(path.join(dir, 'pipeline.yaml'), fillSecrets(pipelineText, extra));
    for (const [name, content] of Object.entries((input.files ?? {}) as Record<string, string>)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), fillSecrets(content, extra));
    }
    const before = await filesUnder(dir);

    const rules = ((input.model ?? []) as Record<string, unknown>[]).map((rule): Rule => {
      const filled = fillSecretsDeep(rule, extra);
      const reply = filled.plan !== undefined ? { content: JSON.stringify(filled.plan) } : { content: String(filled.content ?? 'noted') };
      // planner: only planexec's planning requests (they have a system message); match: text the request holds.
      const text = typeof filled.match === 'string' ? filled.match : undefined;
      const planner = filled.planner === true;
      const match = planner || text !== undefined ? (call: RecordedCall) => (!planner || call.lastSystemMessage !== undefined) && (text === undefined || call.text.includes(text)) : undefined;
      return { ...reply, ...(match ? { match } : {}), ...(typeof filled.times === 'number' ? { times: filled.times } : {}) };
    });
    const model = await startScriptedServer([...rules, { content: 'noted' }]);
    const runs = ((input.runs ?? [['run', 'pipeline.yaml']]) as (readonly string[] | SecretsRun)[]).map((run): SecretsRun => (Array.isArray(run) ? { args: run } : (run as SecretsRun)));
    const results: CliResult[] = [];
    try {
      for (const run of runs) {
        const env: Record<string, string> = { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: apiKey, ...secrets, ...(run.env ?? {}) };
        for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
        results.push(await runCli(run.args.map((arg) => fillSecrets(arg, extra)), { cwd: dir, env }));
      }
    } finally {
      await model.close();
    }

    const after = await filesUnder(dir);
    const written = [...after].filter(([file, content]) => before.get(file) !== content);
    const prompts = model.calls.map((call) => JSON.stringify(call.body?.messages)).join('\n');
    const printed = results.map((result) => `${result.stdout}\n${result.stderr}`).join('\n');
    const everything = [printed, prompts, ...written.map(([, content]) => content)].join('\n');

    // No part of a secret leaves, unless the case says the value is meant to show (planexec's own words).
    const visible = new Set((input.visible ?? []) as string[]);
    const checked = [...Object.entries(secrets), ['the API key', apiKey] as const].filter(([name, value]) => !visible.has(name) && value.trim().length >= 8);
    for (const [name, value] of checked) {
      for (const [where, text] of [['stdout and stderr', printed], ['the prompts', prompts], ...written] as const) {
        const leaked = leakedPartOf(value, text);
        expect(leaked, `${name} leaked into ${where}: ${leaked}\n${text.slice(0, 3000)}`).toBeUndefined();
      }
    }
    // Nothing was written next to the workspace.
    expect(await readdir(caseRoot)).toEqual(['workspace']);
    return {
      outcome: results.map((result) => `exit ${result.code}`).join(', '),
      messages: printed,
      outputs: everything,
      prompts,
    };
  } finally {
    await rm(caseRoot, { recursive: true, force: true });
  }
}

// ---- the table ---------------------------------------------------------------------------------------

describe('the hostile corpus', () => {
  it('has at least 40 cases, each with a description, a known kind, an input and an expected outcome', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const item of cases) {
      expect(item.description, item.file).toEqual(expect.any(String));
      expect(Object.keys(runners), item.file).toContain(item.kind);
      expect(item.input, item.file).toBeTypeOf('object');
      expect(item.expect?.outcome, item.file).toEqual(expect.any(String));
    }
  });

  it.each(cases.map((item) => [item.file, item] as const))('%s', async (_file, item) => {
    const before = await listOutsideWorkspace(root);
    const started = Date.now();
    const observed = await runners[item.kind](item.input);
    const expected = item.expect;
    const context = `${item.file} (${item.description})\n--- messages:\n${observed.messages.slice(0, 3000)}`;

    expect(observed.outcome, context).toBe(expected.outcome);
    for (const message of (expected.messages ?? []) as string[]) expect(observed.messages, context).toContain(fill(message));
    if (expected.result !== undefined) expect(observed.result, context).toBe(fill(expected.result));
    if (expected.resultJson !== undefined) expect(JSON.parse(observed.result ?? 'null'), context).toEqual(fill(expected.resultJson));
    if (expected.output !== undefined) expect(observed.output, context).toEqual(fill(expected.output));
    for (const text of (expected.prompt ?? []) as string[]) expect(observed.prompts, context).toContain(fill(text));
    for (const text of (expected.excludes ?? []) as string[]) expect(observed.outputs, context).not.toContain(fill(text));

    // What every case must also hold.
    expect(observed.outputs, `${context}\nthe secret leaked`).not.toContain(SECRET);
    expect(observed.outputs, `${context}\nthe API key leaked`).not.toContain(API_KEY);
    expect(observed.outputs, `${context}\na stack trace`).not.toMatch(/\n\s+at .+[:(].*\d+:\d+\)?/);
    expect(observed.messages, `${context}\nan internal error`).not.toMatch(/internal error|TypeError|RangeError|Maximum call stack/);
    expect(await listOutsideWorkspace(root), `${context}\na file appeared outside the workspace`).toEqual(before);
    for (const marker of ['pwned', 'PWNED']) {
      expect(existsSync(path.join(workspace, marker)), `${context}\n${marker} in the workspace`).toBe(false);
      expect(existsSync(path.join(outside, marker)), `${context}\n${marker} outside`).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted, `${context}\nObject.prototype was polluted`).toBeUndefined();
    // A secrets case runs the CLI once per entry of its runs: each gets the time of a case.
    const runCount = item.kind === 'secrets' && Array.isArray(item.input.runs) ? item.input.runs.length : 1;
    expect(Date.now() - started, `${context}\ntoo slow`).toBeLessThan(10_000 * runCount);
  });
});
