// The hostile corpus: each file in cases/ is one attack (the input, and what must come of it), run
// here against real parts — the real compiler, real processes in a temp workspace, the real openai
// SDK against a scripted model over HTTP, real HTTP for http tools, and the CLI itself.
//
// Whatever a case expects, every case must also: end in a clear message or a neutral result (never
// a crash), show no stack trace, leave no file outside the workspace (nor a `pwned` marker anywhere),
// and never let the secret's or the API key's value appear in any output, event or prompt.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, link, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compilePlan, createOpenAiClient, defaultRunsRoot, DiagnosticError, foldRun, formatDiagnostic, type HttpTool, listRunIds, loadPipeline, type Pipeline, readRunEvents, type RunEvent, runPipeline } from '../../src/index.ts';
import { planLimitsOf } from '../../src/planner/plan-limits.ts';
import { redactingLlm, redactingSink, secretRedactor } from '../../src/run/redact-secrets.ts';
import type { Resolve } from '../../src/tools/kinds/http/guarded-request.ts';
import { runHttp } from '../../src/tools/kinds/http/run-http.ts';
import { formatRunMarkdown, formatRunTree, summarizeRun } from '../../src/report/run-report.ts';
import { visibleJson } from '../../src/source/visible-text.ts';
import { repoRoot, runCli, type CliResult } from '../support/run-cli.ts';
import { actionSourceEntry, runBundledAction } from '../support/run-bundled-action.ts';
import { runnerCommands } from '../support/runner-commands.ts';
import { chunkPlanBySteps, startScriptedServer, type RecordedCall, type Rule } from '../support/scripted-server.ts';
import { startTestServer, type SeenRequest, type TestServer } from '../tools/http-test-server.ts';
import { testToolContext } from '../tools/tool-context.ts';
import { generatedInput } from './generated-inputs.ts';

const SECRET = 'corpus-secret-7f3a9c41';
const API_KEY = 'sk-corpus-key-d00d5eed';
const casesDir = path.join(import.meta.dirname, 'cases');
const fixtureDir = path.join(import.meta.dirname, 'workspace');

interface HostileCase {
  readonly file: string;
  readonly description: string;
  readonly kind: 'plan' | 'run' | 'pipeline' | 'http' | 'cli' | 'files' | 'action' | 'views' | 'fault' | 'secrets';
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
  /** What a case broke beyond its outcome: a change outside the writable folders, a token shown (files cases). */
  readonly breaches?: readonly string[];
  /** action: the lines the GitHub runner would run as workflow commands that planexec did not issue. */
  readonly foreignCommands?: readonly string[];
  /** views and fault: text shown to a person (not a run's result on a pipe, which is data). */
  readonly shown?: string;
  /** views and fault: the run's status as `planexec runs` lists it. */
  readonly runStatus?: string;
}

// Cases of kind `environment` (the environment misbehaving: descriptors, crashes, special files, a damaged
// store) run in their own block at the end of this file.
const cases: HostileCase[] = (await loadCases()).filter((item) => (item.kind as string) !== 'environment');

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
  api = await startTestServer((request, res) => answerApi(request.url, request.headers.authorization, res, request.headers));
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
function answerApi(url: string, authorization: string | undefined, res: ServerResponse, headers: IncomingHttpHeaders): void {
  if (answerConfinementApi(url, headers, res)) return;
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

/** Everything under `dir` except the workspace, as sorted relative paths. */
async function listOutsideWorkspace(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).filter((entry) => entry !== 'workspace' && !entry.startsWith(`workspace${path.sep}`)).sort();
}

// ---- one runner per kind ----------------------------------------------------------------------------

function replyOf(input: Readonly<Record<string, unknown>>): string {
  if (typeof input.generate === 'string') return generatedInput(input.generate) as string;
  if (typeof input.reply === 'string') return fill(input.reply);
  return JSON.stringify(fill(input.plan));
}

async function runPlanCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const result = compilePlan(replyOf(input), corpusPipeline.tools, { ...planLimitsOf(corpusPipeline), ...(input.workspace === true ? { workspace } : {}) });
  if (result.ok) return { outcome: 'accepted', messages: '', outputs: JSON.stringify(result.graph.steps.map(({ id, tool, args }) => ({ id, tool, args }))) };
  const messages = result.problems.map((problem) => `${problem.code}: ${problem.message}`).join('\n');
  return { outcome: 'rejected', messages, outputs: messages };
}

async function runRunCase(input: Readonly<Record<string, unknown>>, pipeline: Pipeline = corpusPipeline): Promise<Observed> {
  const rules: Rule[] = [
    { match: (call) => call.lastSystemMessage !== undefined, content: replyOf(input) },
    { content: typeof input.llm === 'string' ? fill(input.llm) : 'noted' },
  ];
  const model = await startScriptedServer(rules);
  try {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, CORPUS_TOKEN: SECRET, OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: model.url };
    // Wired exactly as `planexec run` wires it (src/cli/run-command.ts).
    const redactor = secretRedactor(pipeline, env);
    const llm = redactingLlm(createOpenAiClient(pipeline.model, env), redactor);
    const events: RunEvent[] = [];
    const outcome = await runPipeline(pipeline, {
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
  const content = typeof input.generate === 'string' ? generatedInput(input.generate) : fill(input.yaml as string).replaceAll('__NODE__', JSON.stringify(process.execPath));
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

const runners = { plan: runPlanCase, run: (input: Readonly<Record<string, unknown>>) => runRunCase(input), pipeline: runPipelineCase, http: runHttpCase, cli: runCliCase, files: runFilesCase, action: runActionCase, views: runViewsCase, fault: runFaultCase, secrets: runSecretsCase } as const;

// ---- workspace confinement and http (issue 18, items 6–8): the `files` kind, and the API's other origin --
//
// A `files` case runs its plan with the real file tools (tools/fs.yaml, and text.yaml's grep_lines)
// in the corpus workspace, after its `setup` made the symbolic links, hard links and FIFOs it names.
// The workspace then holds a .git as actions/checkout leaves it: a config carrying a token (not a
// declared secret, so redaction cannot hide a leak) and an empty hooks folder. Beyond the table's
// checks, a files case must leave everything outside out/ exactly as it was and never show the token.

const CHECKOUT_TOKEN = 'ghs-corpus-checkout-4d3c2b1a';
const gitConfig = `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${CHECKOUT_TOKEN}\n`;
let filesPipeline: Pipeline | undefined;

interface SetupEntry {
  readonly symlink?: string;
  readonly hardlink?: string;
  readonly fifo?: string;
  readonly to?: string;
}

async function loadFilesPipeline(): Promise<Pipeline> {
  if (filesPipeline) return filesPipeline;
  const file = path.join(workspace, 'files-pipeline.yaml');
  const text = (await readFile(file, 'utf8')).replaceAll('__NODE__', JSON.stringify(process.execPath)).replaceAll('__TOOLS__', path.join(repoRoot, 'tools'));
  await writeFile(file, text);
  filesPipeline = await loadPipeline(file, { cwd: workspace, config: null });
  return filesPipeline;
}

/** Every entry of the workspace but out/, with its content or link target, so any change shows; links are not followed. */
async function workspaceOutsideOut(dir = workspace): Promise<string[]> {
  const found: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const full = path.join(dir, name);
    const shown = path.relative(workspace, full);
    if (shown === 'out') continue;
    const info = await lstat(full);
    if (info.isSymbolicLink()) found.push(`${shown} -> ${await readlink(full)}`);
    else if (info.isDirectory()) found.push(`${shown}/`, ...(await workspaceOutsideOut(full)));
    else found.push(`${shown} (${info.nlink} links): ${info.isFile() ? await readFile(full, 'utf8') : 'special'}`);
  }
  return found;
}

async function runFilesCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const pipeline = await loadFilesPipeline();
  const setup = fill((input.setup ?? []) as SetupEntry[]);
  await mkdir(path.join(workspace, '.git', 'hooks'), { recursive: true });
  await writeFile(path.join(workspace, '.git', 'config'), gitConfig);
  // What setup made, to take away afterwards: each entry, and the folders made for it.
  const made: string[] = [];
  try {
    for (const entry of setup) {
      const at = path.join(workspace, entry.symlink ?? entry.hardlink ?? entry.fifo!);
      const folder = await mkdir(path.dirname(at), { recursive: true });
      if (folder !== undefined) made.push(folder);
      made.push(at);
      if (entry.symlink) await symlink(entry.to!, at);
      else if (entry.hardlink) await link(path.join(workspace, entry.to!), at);
      else execFileSync('mkfifo', [at]);
    }
    const before = await workspaceOutsideOut();
    const observed = await runRunCase(input, pipeline);
    const after = await workspaceOutsideOut();
    const breaches = [
      ...after.filter((entry) => !before.includes(entry)).map((entry) => `appeared or changed outside out/: ${entry}`),
      ...before.filter((entry) => !after.includes(entry)).map((entry) => `gone or changed outside out/: ${entry}`),
      ...(observed.outputs.includes(CHECKOUT_TOKEN) ? ['the checkout token in .git/config was shown'] : []),
    ];
    return { ...observed, breaches };
  } finally {
    for (const entry of made.reverse()) await rm(entry, { recursive: true, force: true });
    await rm(path.join(workspace, 'out'), { recursive: true, force: true });
    await rm(path.join(workspace, '.git'), { recursive: true, force: true });
  }
}

/**
 * The corpus API's second origin: `/redirect-cross` sends a request to other.corpus.test (another host,
 * so another origin; an http case resolves it to 127.0.0.1), whose `/echo-headers` answers with the
 * names of the headers it got.
 */
function answerConfinementApi(url: string, headers: IncomingHttpHeaders, res: ServerResponse): boolean {
  if (url === '/redirect-cross') res.writeHead(302, { location: `http://other.corpus.test:${api.port}/echo-headers` }).end();
  else if (url === '/echo-headers') res.writeHead(200, { 'content-type': 'text/plain' }).end(`got: ${Object.keys(headers).sort().join(' ')}`);
  else return false;
  return true;
}

/** Requests of one case that reached the API under another host than its first one, carrying the secret. */
function secretsSentElsewhere(requests: readonly SeenRequest[]): string[] {
  const first = requests[0]?.headers.host;
  return requests
    .filter((request) => request.headers.host !== first && Object.values(request.headers).some((value) => String(value).includes(SECRET)))
    .map((request) => `${request.headers.host}${request.url}`);
}

// ---- output channels and endpoint faults (issue 18, items 9, 10, 13) -------------------------------------

/** The rules a case gives the scripted model for its plan request: `plan` stands for the case's plan (`{ planChunks: true }`: streamed step by step). */
function faultRules(input: Readonly<Record<string, unknown>>): Rule[] {
  const plan = fill(input.plan) as { steps: unknown[] };
  const planRule = (rule: Readonly<Record<string, unknown>>): Rule => {
    const { planChunks, ...rest } = fill(rule);
    const base = planChunks === true ? { chunks: chunkPlanBySteps(plan) } : rest.content === '__PLAN__' ? { content: JSON.stringify(plan) } : {};
    return { ...rest, ...base, match: (call) => call.lastSystemMessage !== undefined } as Rule;
  };
  return [...((input.model ?? []) as Record<string, unknown>[]).map(planRule), { content: typeof input.llm === 'string' ? fill(input.llm) : 'noted' }];
}

/** The corpus pipeline with the model's retries and planning.stream a case asks for. */
async function faultPipeline(input: Readonly<Record<string, unknown>>): Promise<string> {
  const text = await readFile(path.join(workspace, 'pipeline.yaml'), 'utf8');
  const retries = typeof input.maxRetries === 'number' ? input.maxRetries : 0;
  const changed = text
    .replace(/^model: .*$/m, `model: { name: corpus-model, maxRetries: ${retries}, timeout: 5s }`)
    .replace(/^planning: .*$/m, `planning: { maxRepairs: 0, stream: ${input.stream === false ? 'false' : 'true'} }`);
  await writeFile(path.join(workspace, 'fault-pipeline.yaml'), changed);
  return 'fault-pipeline.yaml';
}

/** The run a case started (the one id not in `before`: two runs in one second sort by their random suffix) and its status as `planexec runs` lists it. */
function runStartedSince(before: ReadonlySet<string>): { id: string; status: string } {
  const root = defaultRunsRoot(workspace);
  const started = listRunIds(root).filter((id) => !before.has(id));
  expect(started, 'the case started exactly one run').toHaveLength(1);
  const id = started[0]!;
  return { id, status: summarizeRun(foldRun(readRunEvents(root, id).events)).status };
}

/** The ids of the runs stored so far. */
const storedRunIds = (): ReadonlySet<string> => new Set(existsSync(defaultRunsRoot(workspace)) ? listRunIds(defaultRunsRoot(workspace)) : []);

/** Through the real CLI: the run and `show`; then `show`'s Markdown and JSON: everything a person reads of it. */
async function runViewsCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const model = await startScriptedServer(faultRules({ model: [{ content: '__PLAN__' }], ...input }));
  try {
    const env: Record<string, string> = { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: API_KEY, CORPUS_TOKEN: SECRET };
    const before = storedRunIds();
    const run = await runCli(['run', 'pipeline.yaml', ...((input.args ?? []) as string[])], { cwd: workspace, env });
    const { id, status } = runStartedSince(before);
    const show = await runCli(['show', id], { cwd: workspace, env });
    // Markdown and JSON as `show --format` writes them (src/cli/runs-commands.ts), without two more processes.
    const root = defaultRunsRoot(workspace);
    const record = foldRun(readRunEvents(root, id).events);
    const formats = [formatRunMarkdown(record), visibleJson({ ...record, plans: record.plans.map((plan) => ({ ...plan, records: Object.fromEntries(plan.records) })) }, 2)];
    const prompts = model.calls.map((call) => JSON.stringify(call.body?.messages)).join('\n');
    // The run's stdout is its result, byte for byte on a pipe (it is escaped on a terminal): data, not a view.
    const shown = [run.stderr, show.stdout, show.stderr, ...formats].join('\n');
    return { outcome: `exit ${run.code}`, exitCode: run.code, messages: `${run.stdout}\n${shown}`, outputs: `${run.stdout}\n${shown}\n${prompts}`, shown, runStatus: status, prompts };
  } finally {
    await model.close();
  }
}

/** Through the real CLI against a model endpoint that misbehaves after the response headers. */
async function runFaultCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const model = await startScriptedServer(faultRules(input));
  try {
    const env: Record<string, string> = { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: API_KEY, CORPUS_TOKEN: SECRET };
    const file = await faultPipeline(input);
    const before = storedRunIds();
    const run = await runCli(['run', file], { cwd: workspace, env });
    const { id, status } = runStartedSince(before);
    // `show` as its command prints it (the views kind runs the command itself).
    const shown = [run.stderr, formatRunTree(foldRun(readRunEvents(defaultRunsRoot(workspace), id).events))].join('\n');
    return { outcome: `exit ${run.code}`, exitCode: run.code, messages: `${run.stdout}\n${shown}`, outputs: `${run.stdout}\n${shown}`, shown, runStatus: status };
  } finally {
    await model.close();
    await rm(path.join(workspace, 'fault-pipeline.yaml'), { force: true });
  }
}

/** The workflow commands planexec issues itself: masks for its secrets (first), its groups, its annotations. */
function isOwnCommand(line: string): boolean {
  return /^::(endgroup|debug)::/.test(line) || /^::group::(Plan|Replan|Retry|Result)\b/.test(line) || /^::(error|warning|notice) title=planexec/.test(line);
}

/** The GitHub Action from source, as a runner starts it, against the scripted model. */
async function runActionCase(input: Readonly<Record<string, unknown>>): Promise<Observed> {
  const model = await startScriptedServer(faultRules({ ...input, model: [{ content: '__PLAN__' }] }));
  try {
    const run = await runBundledAction(workspace, { pipeline: 'pipeline.yaml', 'base-url': model.url }, { OPENAI_API_KEY: API_KEY, CORPUS_TOKEN: SECRET }, actionSourceEntry);
    const lines = run.stdout.split('\n');
    // The masks come first, and only for the secrets: the runner hides those values from then on.
    const masks = lines.slice(0, Math.max(0, lines.findIndex((line) => !line.startsWith('::add-mask::'))));
    expect(masks.map((line) => line.slice('::add-mask::'.length)).sort()).toEqual([API_KEY, SECRET].sort());
    const stdout = lines.slice(masks.length).join('\n');
    const foreign = runnerCommands(stdout).filter((line) => !isOwnCommand(line.trim()));
    const written = [stdout, run.stderr, run.summary, run.outputFile].join('\n');
    return { outcome: `exit ${run.code}`, exitCode: run.code, messages: written, outputs: written, foreignCommands: foreign, ...(run.outputs.result !== undefined ? { result: run.outputs.result } : {}) };
  } finally {
    await model.close();
    for (const name of ['.github-output', '.github-step-summary']) await rm(path.join(workspace, name), { force: true });
  }
}

/** What a view must never pass on raw from model or tool text (tabs and newlines aside). */
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The checks of the kinds above, beyond those every case gets. */
function checkChannels(item: HostileCase, observed: Observed, context: string): void {
  const expected = item.expect;
  if (observed.foreignCommands !== undefined) expect(observed.foreignCommands, `${context}\na workflow command from model or tool text`).toEqual([]);
  if (observed.shown !== undefined) {
    const at = rawControl.exec(observed.shown);
    expect(at, `${context}\na raw control character reached a view: ${JSON.stringify(observed.shown.slice(Math.max(0, (at?.index ?? 0) - 40), (at?.index ?? 0) + 20))}`).toBeNull();
  }
  if (expected.runStatus !== undefined) expect(observed.runStatus, `${context}\nthe run as \`runs\` lists it`).toBe(expected.runStatus);
}


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
    // The process's high-water mark of resident memory, in KiB: how far a case raised it is its peak.
    const peakBefore = process.resourceUsage().maxRSS;
    const requestsBefore = api.seen.length;
    const observed = await runners[item.kind](item.input);
    const peakGrowthMb = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    const expected = item.expect;
    const context = `${item.file} (${item.description})\n--- messages:\n${observed.messages.slice(0, 3000)}`;

    expect(observed.outcome, context).toBe(expected.outcome);
    for (const message of (expected.messages ?? []) as string[]) expect(observed.messages, context).toContain(fill(message));
    if (expected.result !== undefined) expect(observed.result, context).toBe(fill(expected.result));
    if (expected.resultJson !== undefined) expect(JSON.parse(observed.result ?? 'null'), context).toEqual(fill(expected.resultJson));
    if (expected.output !== undefined) expect(observed.output, context).toEqual(fill(expected.output));
    for (const text of (expected.prompt ?? []) as string[]) expect(observed.prompts, context).toContain(fill(text));
    for (const text of (expected.excludes ?? []) as string[]) expect(observed.outputs, context).not.toContain(fill(text));
    if (expected.peakMemoryGrowthMb !== undefined) expect(peakGrowthMb, `${context}\nmemory`).toBeLessThan(expected.peakMemoryGrowthMb as number);
    checkChannels(item, observed, context);

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
    // A case that hangs fails by the test timeout; how long the big ones take, `npm run bench` measures (bench/hostile-inputs.ts).
    expect(observed.breaches ?? [], `${context}\nwritten outside the writable folders, or the checkout token shown`).toEqual([]);
    expect(secretsSentElsewhere(api.seen.slice(requestsBefore)), `${context}\na secret reached another origin`).toEqual([]);
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

const faultCases: HostileCase[] = (await loadCases()).filter((item) => (item.kind as string) === 'environment');
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

async function runEnvironmentCase(input: FaultInput): Promise<Observed & { readonly exits: readonly (number | null)[]; readonly dir: string }> {
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
    const observed = await runEnvironmentCase(item.input as unknown as FaultInput);
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
