// Editor support, offline: the real yaml-language-server (the engine of VS Code's YAML extension and
// of most editors' YAML support), driven over LSP stdio, checks and completes a pipeline, a tool file
// and a config file through their schema modelines, with every network request refused.

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterFiles } from '../../src/cli/starter-files.ts';
import { LspClient, type Diagnostic } from '../support/lsp-client.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The modeline of every file of a kind, as the repository's own files (and, but for the config, the README) write it. */
async function modelineOf(file: string): Promise<string> {
  const first = (await readFile(path.join(repoRoot, file), 'utf8')).split('\n')[0]!;
  expect(first).toMatch(/^# yaml-language-server: \$schema=\S+\.schema\.json$/);
  if (!file.startsWith('planexec.config')) expect(await readFile(path.join(repoRoot, 'README.md'), 'utf8')).toContain(`${first} `);
  return first;
}

/** The `yaml.schemas` map of the README's VS Code settings.json. */
async function readmeSchemaSettings(): Promise<Record<string, string>> {
  const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /```json\n(\s*\{\s*"yaml\.schemas"[\s\S]*?)```/.exec(readme);
  expect(block, 'README.md shows a settings.json with "yaml.schemas"').not.toBeNull();
  return (JSON.parse(block![1]!) as { 'yaml.schemas': Record<string, string> })['yaml.schemas'];
}

/**
 * A proxy that refuses everything and remembers what was asked: the server is pointed at it for http
 * and https, so a schema that needs the network gets an error, never an answer, and the test sees it.
 */
function startNetworkTrap(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(502).end('offline');
  });
  server.on('connect', (request, socket) => {
    requests.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

let project: string;
let trap: Awaited<ReturnType<typeof startNetworkTrap>> | undefined;
let client: LspClient | undefined;
/**
 * The server, started once for the file. Every test awaits it, so a server that is missing or cannot
 * start fails each test with why, rather than leaving them skipped behind a failed hook.
 */
let ready: Promise<LspClient>;

async function startServer(): Promise<LspClient> {
  project = await mkdtemp(path.join(tmpdir(), 'planexec-editor-'));
  await cp(path.join(repoRoot, 'schemas'), path.join(project, 'schemas'), { recursive: true });
  // Where a project that installed planexec has them: the README's yaml.schemas setting points there, and
  // so do the modelines `planexec init` writes in app/, a project of its own.
  await cp(path.join(repoRoot, 'schemas'), path.join(project, 'node_modules/planexec/schemas'), { recursive: true });
  await cp(path.join(repoRoot, 'schemas'), path.join(project, 'app/node_modules/planexec/schemas'), { recursive: true });
  await mkdir(path.join(project, 'pipelines'));
  await mkdir(path.join(project, 'tools'));
  trap = await startNetworkTrap();
  const proxy = { HTTP_PROXY: trap.url, HTTPS_PROXY: trap.url, http_proxy: trap.url, https_proxy: trap.url };
  const settings = {
    // The catalog of schemastore.org is the one download the server makes on its own; it has nothing
    // to do with planexec's files, so it is off here and every request the trap sees is ours.
    yaml: {
      validate: true,
      completion: true,
      hover: true,
      schemaStore: { enable: false },
      // The other way to associate the schemas: the README's settings.json for VS Code, word for word.
      schemas: await readmeSchemaSettings(),
    },
    http: { proxy: trap.url, proxyStrictSSL: false },
  };
  client = LspClient.start({ cwd: project, env: { PATH: process.env.PATH, HOME: project, ...proxy }, settings });
  await client.initialize(project);
  return client;
}

beforeAll(() => {
  ready = startServer();
  ready.catch(() => undefined); // reported by each test that awaits it
});

afterAll(async () => {
  await client?.stop();
  if (trap !== undefined) await new Promise((resolve) => trap!.server.close(resolve));
  if (project !== undefined) await rm(project, { recursive: true, force: true });
});

/** Open `text` as `file` in the project and return its uri and the first diagnostics published for it. */
async function openAndCheck(file: string, text: string): Promise<{ uri: string; diagnostics: readonly Diagnostic[] }> {
  const client = await ready;
  const absolute = path.join(project, file);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, text);
  const uri = client.open(absolute, text);
  const diagnostics = await client.diagnostics(uri);
  return { uri, diagnostics };
}

/** The messages of `diagnostics` that say a schema could not be loaded or resolved. */
function schemaLoadProblems(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.message).filter((m) => /problems loading|unable to load|cannot be resolved|not resolvable/i.test(m));
}

function onLine(diagnostics: readonly Diagnostic[], line: number): string[] {
  return diagnostics.filter((d) => d.range.start.line === line).map((d) => d.message);
}

describe('yaml-language-server on a pipeline with the README modeline, offline', { timeout: 60_000 }, () => {
  it('flags a misspelled field and a bad args schema, and loads the schema with no network', async () => {
    const modeline = await modelineOf('pipelines/release-notes.yaml');
    expect(modeline).toBe('# yaml-language-server: $schema=../schemas/pipeline.schema.json');
    const text = [
      modeline,
      'version: 1',
      'name: notes',
      'taks: Write release notes', // line 3: misspelled task
      'tools:',
      '  - name: grep_lines',
      '    description: Lines of a file matching a pattern',
      '    command: [grep, -e, "{{args.pattern}}"]',
      '    args:',
      '      type: object',
      '      properties:',
      '        pattern: { type: strin }', // line 11: not a JSON Schema type (draft-07 meta-schema)
      '',
    ].join('\n');
    const { diagnostics } = await openAndCheck('pipelines/notes.yaml', text);
    expect(schemaLoadProblems(diagnostics)).toEqual([]);
    expect(onLine(diagnostics, 3)).toEqual([expect.stringMatching(/taks/)]);
    expect(onLine(diagnostics, 11)).toEqual([expect.stringMatching(/"object".*"string"/)]);
    expect(trap!.requests).toEqual([]);
  });

  it('completes the pipeline fields', async () => {
    const modeline = await modelineOf('pipelines/release-notes.yaml');
    const { uri } = await openAndCheck('pipelines/complete.yaml', `${modeline}\nversion: 1\n\n`);
    const labels = (await (await ready).completion(uri, 2, 0)).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['name', 'task', 'tools', 'model', 'replan', 'execution']));
    expect(labels).not.toContain('version');
    expect(trap!.requests).toEqual([]);
  });
});

describe('yaml-language-server on a tool file with its modeline, offline', { timeout: 60_000 }, () => {
  it('flags a misspelled field of a tool', async () => {
    const modeline = await modelineOf('tools/git.yaml');
    expect(modeline).toBe('# yaml-language-server: $schema=../schemas/tool.schema.json');
    const text = [modeline, '- name: count_lines', '  descriptoin: Lines of a file', '  command: [wc, -l, "{{args.file}}"]', '  args: { type: object, properties: { file: { type: string } } }', ''].join('\n');
    const { diagnostics } = await openAndCheck('tools/mine.yaml', text);
    expect(schemaLoadProblems(diagnostics)).toEqual([]);
    expect(onLine(diagnostics, 2)).toEqual([expect.stringMatching(/descriptoin/)]);
    expect(trap!.requests).toEqual([]);
  });

  it('completes the fields of a tool declaration', async () => {
    const modeline = await modelineOf('tools/git.yaml');
    const { uri } = await openAndCheck('tools/new.yaml', `${modeline}\n- name: count_lines\n  \n`);
    // Below a new tool's name: the fields of a command tool, the kind a tool is unless it has url or module.
    const labels = (await (await ready).completion(uri, 2, 2)).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['description', 'command', 'args', 'output', 'cwd', 'env']));
    expect(trap!.requests).toEqual([]);
  });

  it('completes a command tool, not an http tool, on an empty list item', async () => {
    // An empty item is null, which a bare `required: [url]` accepts: the editor took it for an http tool.
    const modeline = await modelineOf('tools/git.yaml');
    const { uri } = await openAndCheck('tools/empty-item.yaml', `${modeline}\n- \n`);
    const labels = (await (await ready).completion(uri, 1, 2)).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['name', 'description', 'command', 'args']));
    expect(labels).not.toContain('url');
  });
});

describe('yaml-language-server on planexec.config.yaml with its modeline, offline', { timeout: 60_000 }, () => {
  it('flags a misspelled field and completes the config fields', async () => {
    const modeline = await modelineOf('planexec.config.yaml');
    const text = [modeline, 'model:', '  nmae: gpt-4o-mini', '', ''].join('\n');
    const { uri, diagnostics } = await openAndCheck('planexec.config.yaml', text);
    expect(schemaLoadProblems(diagnostics)).toEqual([]);
    expect(onLine(diagnostics, 2)).toEqual([expect.stringMatching(/nmae/)]);
    const labels = (await (await ready).completion(uri, 3, 0)).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['planning', 'replan', 'budget', 'execution']));
    expect(trap!.requests).toEqual([]);
  });
});

describe('yaml-language-server on the files `planexec init` writes in a project that installed planexec, offline', { timeout: 60_000 }, () => {
  it('finds nothing wrong and loads the schemas from node_modules/planexec/schemas', async () => {
    const files = starterFiles({ name: 'weekly', dir: 'pipelines', schemasFromPipeline: '../node_modules/planexec/schemas', schemasFromRoot: './node_modules/planexec/schemas' });
    expect(files.config.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/planexec/schemas/config.schema.json');
    const pipeline = await openAndCheck(`app/${files.pipeline.path}`, files.pipeline.text);
    const config = await openAndCheck('app/planexec.config.yaml', files.config);
    expect(pipeline.diagnostics.map((d) => d.message)).toEqual([]);
    expect(config.diagnostics.map((d) => d.message)).toEqual([]);
    // The schema is in force (not just absent): completion on the config's last, empty line offers its fields.
    const lastLine = files.config.split('\n').length - 1;
    const labels = (await (await ready).completion(config.uri, lastLine, 0)).map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['budget']));
    expect(trap!.requests).toEqual([]);
  });
});

describe('yaml-language-server with the yaml.schemas setting of the README instead of modelines, offline', { timeout: 60_000 }, () => {
  it('checks a pipeline and a tool file by where they are', async () => {
    const pipeline = await openAndCheck('pipelines/no-modeline.yaml', ['version: 1', 'name: p', 'taks: t', 'tools: []', ''].join('\n'));
    expect(schemaLoadProblems(pipeline.diagnostics)).toEqual([]);
    expect(onLine(pipeline.diagnostics, 2)).toEqual([expect.stringMatching(/taks/)]);
    const tools = await openAndCheck('tools/no-modeline.yaml', ['- name: t', '  descriptoin: d', '  command: [true]', '  args: { type: object }', ''].join('\n'));
    expect(onLine(tools.diagnostics, 1)).toEqual([expect.stringMatching(/descriptoin/)]);
    expect(trap!.requests).toEqual([]);
  });
});
