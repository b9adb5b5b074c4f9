// The hostile corpus: each file in cases/ is one attack (the input, and what must come of it), run
// here against real parts — the real compiler, real processes in a temp workspace, the real openai
// SDK against a scripted model over HTTP, real HTTP for http tools, and the CLI itself.
//
// Whatever a case expects, every case must also: end in a clear message or a neutral result (never
// a crash), show no stack trace, leave no file outside the workspace (nor a `pwned` marker anywhere),
// and never let the secret's or the API key's value appear in any output, event or prompt.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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
import { runCli } from '../support/run-cli.ts';
import { startScriptedServer, type Rule } from '../support/scripted-server.ts';
import { startTestServer, type TestServer } from '../tools/http-test-server.ts';
import { testToolContext } from '../tools/tool-context.ts';

const SECRET = 'corpus-secret-7f3a9c41';
const API_KEY = 'sk-corpus-key-d00d5eed';
const casesDir = path.join(import.meta.dirname, 'cases');
const fixtureDir = path.join(import.meta.dirname, 'workspace');

interface HostileCase {
  readonly file: string;
  readonly description: string;
  readonly kind: 'plan' | 'run' | 'pipeline' | 'http' | 'cli';
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

// Cases of kind `fault` (the environment misbehaving: descriptors, crashes, special files, a damaged
// store) run in their own block at the end of this file.
const cases: HostileCase[] = (await loadCases()).filter((item) => (item.kind as string) !== 'fault');

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

const runners = { plan: runPlanCase, run: runRunCase, pipeline: runPipelineCase, http: runHttpCase, cli: runCliCase } as const;

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
    expect(Date.now() - started, `${context}\ntoo slow`).toBeLessThan(10_000);
  });
});

// ---- faults (issue 18: fd exhaustion, two crashes, special files, --record targets, a damaged run ----
// ---- store, a state folder that is a file) ---------------------------------------------------------
//
// A `fault` case runs the real CLI, one or more times, in a fresh copy of the corpus workspace it may
// first change (`files`, `fifos`, `links`); its `steps` run the CLI (optionally under a low
// `ulimit -n`, or killed -9 once a file appears or the model has been asked N times) or change files
// between runs (`__RUN__` is the only run's folder, `__RUNID__` its id). Besides its own `expect`
// (the last CLI's exit, `exits` of all, `messages`, `excludes`, `files`' exact contents, what `kinds`
// of file paths still are), every case holds what every corpus case holds — and no file anywhere in
// its workspace (events, outputs, recordings) holds the secret or the API key.

interface FaultStep {
  readonly cli?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly ulimit?: number;
  readonly killWhen?: string | { readonly modelCalls: number };
  readonly insertLine?: { readonly file: string; readonly at: number; readonly line: string };
  readonly replace?: { readonly file: string; readonly from: string; readonly to: string };
  readonly remove?: string;
  readonly write?: { readonly file: string; readonly content: string };
}

interface FaultInput {
  readonly files?: Readonly<Record<string, string>>;
  readonly fifos?: readonly string[];
  readonly links?: Readonly<Record<string, string>>;
  readonly model?: readonly Rule[];
  readonly steps: readonly FaultStep[];
}

const faultCases: HostileCase[] = (await loadCases()).filter((item) => (item.kind as string) === 'fault');
const cliEntry = path.join(import.meta.dirname, '../../src/cli/main.ts');

async function waitUntil(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`fault case: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every regular file under `dir` (not through links, never a FIFO or device), as text. */
async function regularFilesText(dir: string): Promise<string> {
  const texts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) texts.push(await regularFilesText(file));
    else if (entry.isFile() && (await lstat(file)).size < 8 * 1024 * 1024) texts.push(await readFile(file, 'utf8'));
  }
  return texts.join('\n');
}

async function runFaultCase(input: FaultInput): Promise<Observed & { readonly exits: readonly (number | null)[]; readonly dir: string }> {
  const dir = await mkdtemp(path.join(root, 'fault-'));
  const model = await startScriptedServer(input.model ? fill(input.model as Rule[]) : [{ match: (call) => call.lastSystemMessage !== undefined, content: replyOf(input as unknown as Record<string, unknown>) }, { content: 'noted' }]);
  const placed = (name: string) => path.join(dir, name);
  const exits: (number | null)[] = [];
  let messages = '';
  try {
    await cp(workspace, dir, { recursive: true, verbatimSymlinks: true, filter: (source) => !source.split(path.sep).includes('.planexec') });
    for (const [name, content] of Object.entries(input.files ?? {})) {
      await mkdir(path.dirname(placed(name)), { recursive: true });
      await writeFile(placed(name), fill(content).replaceAll('__NODE__', JSON.stringify(process.execPath)));
    }
    for (const name of input.fifos ?? []) {
      await mkdir(path.dirname(placed(name)), { recursive: true });
      execFileSync('mkfifo', [placed(name)]);
    }
    for (const [name, target] of Object.entries(input.links ?? {})) await symlink(target, placed(name));
    const runFolder = async () => {
      const ids = await readdir(placed('.planexec/runs'));
      if (ids.length !== 1) throw new Error(`fault case: expected one run, found ${ids.length}`);
      return { id: ids[0]!, folder: `.planexec/runs/${ids[0]}` };
    };
    const resolve = async (text: string) => (text.includes('__RUN') ? text.replaceAll('__RUNID__', (await runFolder()).id).replaceAll('__RUN__', (await runFolder()).folder) : text);

    for (const step of input.steps) {
      if (step.cli) {
        const args = await Promise.all(step.cli.map(resolve));
        const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', OPENAI_BASE_URL: model.url, OPENAI_API_KEY: API_KEY, CORPUS_TOKEN: SECRET, ...fill(step.env ?? {}) };
        const child =
          step.ulimit === undefined
            ? spawn(process.execPath, [cliEntry, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
            : spawn('bash', ['-c', `ulimit -n ${step.ulimit} && exec "$0" "$@"`, process.execPath, cliEntry, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk) => (out += chunk));
        child.stderr.on('data', (chunk) => (out += chunk));
        const closed = new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
        // Whatever happens, a CLI that hangs (a FIFO read) is stopped, and then fails the expected exit.
        const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
        if (step.killWhen !== undefined) {
          const when = step.killWhen;
          await waitUntil(() => (typeof when === 'string' ? existsSync(placed(when)) : model.calls.length >= when.modelCalls), `the moment to kill (${JSON.stringify(when)})`);
          child.kill('SIGKILL');
        }
        exits.push(await closed);
        clearTimeout(guard);
        // A step left sleeping by the kill (it wrote its pid to slow.pid) goes too, with its group.
        if (step.killWhen !== undefined && existsSync(placed('slow.pid'))) {
          try {
            process.kill(-Number(await readFile(placed('slow.pid'), 'utf8')), 'SIGKILL');
          } catch {
            /* already gone */
          }
          await rm(placed('slow.pid'));
        }
        messages += `${out}\n`;
      } else if (step.insertLine) {
        const file = placed(await resolve(step.insertLine.file));
        const lines = (await readFile(file, 'utf8')).split('\n');
        lines.splice(step.insertLine.at - 1, 0, step.insertLine.line);
        await writeFile(file, lines.join('\n'));
      } else if (step.replace) {
        const file = placed(await resolve(step.replace.file));
        const text = await readFile(file, 'utf8');
        if (!text.includes(step.replace.from)) throw new Error(`fault case: ${step.replace.file} has no ${step.replace.from}`);
        await writeFile(file, text.replace(step.replace.from, step.replace.to));
      } else if (step.remove) {
        await rm(placed(await resolve(step.remove)));
      } else if (step.write) {
        await writeFile(placed(await resolve(step.write.file)), step.write.content);
      }
    }
    const prompts = model.calls.map((call) => JSON.stringify(call.body?.messages)).join('\n');
    const files = await regularFilesText(dir);
    const last = exits.at(-1);
    return { outcome: `exit ${last}`, exitCode: last ?? null, exits, dir, messages, outputs: `${messages}\n${prompts}\n${files}`, prompts };
  } finally {
    await model.close();
  }
}

describe('the hostile corpus: faults', () => {
  it('has a case for each fault class (fd exhaustion, two crashes, special files, --record targets, a damaged store, the state folder)', () => {
    const numbers = faultCases.map((item) => Number.parseInt(item.file, 10));
    for (const [from, to] of [[290, 294], [295, 299], [300, 307], [308, 311], [312, 316], [317, 319]] as const) {
      expect(numbers.some((n) => n >= from && n <= to), `a case in ${from}–${to}`).toBe(true);
    }
  });

  it.each(faultCases.map((item) => [item.file, item] as const))('%s', async (_file, item) => {
    const before = await listOutsideWorkspace(root);
    const observed = await runFaultCase(item.input as unknown as FaultInput);
    try {
      const expected = item.expect;
      const context = `${item.file} (${item.description})\n--- messages:\n${observed.messages.slice(0, 4000)}`;
      expect(observed.outcome, context).toBe(expected.outcome);
      if (expected.exits !== undefined) expect(observed.exits, context).toEqual(expected.exits);
      for (const message of (expected.messages ?? []) as string[]) expect(observed.messages, context).toContain(fill(message));
      for (const text of (expected.excludes ?? []) as string[]) expect(observed.outputs, context).not.toContain(fill(text));
      for (const [name, content] of Object.entries((expected.files ?? {}) as Record<string, string>)) expect(await readFile(path.join(observed.dir, name), 'utf8'), `${context}\n${name}`).toBe(content);
      for (const [name, kind] of Object.entries((expected.kinds ?? {}) as Record<string, string>)) {
        const stats = await lstat(path.join(observed.dir, name));
        const actual = stats.isFIFO() ? 'fifo' : stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
        expect(actual, `${context}\n${name} is still a ${kind}`).toBe(kind);
      }

      // What every corpus case must also hold.
      expect(observed.outputs, `${context}\nthe secret leaked`).not.toContain(SECRET);
      expect(observed.outputs, `${context}\nthe API key leaked`).not.toContain(API_KEY);
      expect(observed.messages, `${context}\na stack trace`).not.toMatch(/\n\s+at .+[:(].*\d+:\d+\)?/);
      expect(observed.messages, `${context}\nan internal error`).not.toMatch(/internal error|TypeError|RangeError|Maximum call stack|Unhandled/);
      for (const marker of ['pwned', 'PWNED']) expect(existsSync(path.join(outside, marker)), `${context}\n${marker} outside`).toBe(false);
    } finally {
      await rm(observed.dir, { recursive: true, force: true });
    }
    expect(await listOutsideWorkspace(root), `${item.file}: a file appeared outside the workspace`).toEqual(before);
  });
});
