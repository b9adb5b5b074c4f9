// A small Language Server Protocol client over stdio (JSON-RPC with Content-Length framing), enough
// to drive the real yaml-language-server as an editor does: initialize, open a file, read the
// diagnostics it publishes, ask for completion.

import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Diagnostic {
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  readonly message: string;
  readonly severity?: number;
  readonly source?: string;
}

export interface CompletionItem {
  readonly label: string;
  readonly kind?: number;
  readonly insertText?: string;
}

interface Message {
  readonly jsonrpc: '2.0';
  readonly id?: number | string;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

/** The yaml-language-server entry point installed as a dev dependency; throws (never skips) if it is missing. */
export function yamlLanguageServerEntry(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('yaml-language-server/package.json');
  return path.join(path.dirname(manifest), 'bin', 'yaml-language-server');
}

export class LspClient {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Set<(message: Message) => void>();
  /** Every notification the server sent, in order. */
  readonly notifications: { readonly method: string; readonly params: unknown }[] = [];
  #nextId = 1;
  #buffer = Buffer.alloc(0);
  #stderr = '';
  #exited: Error | undefined;
  readonly #settings: Readonly<Record<string, unknown>>;
  /** Resolved once the server has asked for the settings and been given them. */
  readonly #configured: Promise<void>;
  #markConfigured: () => void = () => undefined;
  /** Rejected when the server exits or cannot start. */
  readonly #gone: Promise<never>;
  #markGone: (error: Error) => void = () => undefined;

  private constructor(child: ChildProcess, settings: Readonly<Record<string, unknown>>) {
    this.#child = child;
    this.#settings = settings;
    this.#configured = new Promise((resolve) => (this.#markConfigured = resolve));
    this.#gone = new Promise((_, reject) => (this.#markGone = reject));
    this.#gone.catch(() => undefined); // awaited where it matters
    child.stdout!.on('data', (chunk: Buffer) => this.#receive(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    child.on('exit', (code, signal) => this.#fail(new Error(`the language server exited (${signal ?? `code ${String(code)}`}); stderr:\n${this.#stderr}`)));
    child.on('error', (error) => this.#fail(new Error(`the language server did not start: ${error.message}`)));
  }

  /**
   * Start `yaml-language-server --stdio` on this Node, with `env` as its whole environment. `settings`
   * are the editor's settings by section (`yaml`, `http`, …): the server asks for them
   * (`workspace/configuration`) as it starts and whenever told they changed.
   */
  static start(options: { cwd: string; env: NodeJS.ProcessEnv; settings: Readonly<Record<string, unknown>> }): LspClient {
    const child = spawn(process.execPath, [yamlLanguageServerEntry(), '--stdio'], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspClient(child, options.settings);
  }

  /** What the server wrote on stderr so far (for failure messages). */
  get stderr(): string {
    return this.#stderr;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.#exited !== undefined) return reject(this.#exited);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or still to come) that `accept` takes. */
  waitForNotification<T>(method: string, accept: (params: T) => boolean = () => true): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && accept(n.params as T));
    if (seen !== undefined) return Promise.resolve(seen.params as T);
    return new Promise<T>((resolve, reject) => {
      if (this.#exited !== undefined) return reject(this.#exited);
      const listener = (message: Message) => {
        if (message === undefined) {
          this.#listeners.delete(listener);
          return reject(this.#exited!);
        }
        if (message.method === method && message.id === undefined && accept(message.params as T)) {
          this.#listeners.delete(listener);
          resolve(message.params as T);
        }
      };
      this.#listeners.add(listener);
    });
  }

  /**
   * initialize + initialized, as an editor with completion snippets does; resolves once the server has
   * pulled the settings, so no document is opened under its defaults.
   */
  async initialize(rootDir: string): Promise<unknown> {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(rootDir).href,
      workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: path.basename(rootDir) }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          publishDiagnostics: { relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      },
    });
    this.notify('initialized', {});
    await Promise.race([this.#configured, this.#gone]);
    return result;
  }

  /** Open a document; its diagnostics come later as `textDocument/publishDiagnostics`. */
  open(file: string, text: string): string {
    const uri = pathToFileURL(file).href;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return uri;
  }

  /** The diagnostics of the first publication for `uri` that `accept` takes. */
  async diagnostics(uri: string, accept: (diagnostics: readonly Diagnostic[]) => boolean = () => true): Promise<readonly Diagnostic[]> {
    const params = await this.waitForNotification<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri && accept(p.diagnostics));
    return params.diagnostics;
  }

  async completion(uri: string, line: number, character: number): Promise<readonly CompletionItem[]> {
    const result = await this.request<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    if (result === null) return [];
    return Array.isArray(result) ? result : result.items;
  }

  /** shutdown + exit, then wait for the process to end (killed if it does not). */
  async stop(): Promise<void> {
    if (this.#exited === undefined) {
      const ended = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
      try {
        await this.request('shutdown', null);
        this.notify('exit', null);
      } catch {
        // It has gone already, or cannot answer: make sure it ends.
      }
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
      await ended;
      clearTimeout(timer);
    }
  }

  #send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.#child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.#buffer.subarray(0, headerEnd).toString('ascii');
      const length = /Content-Length: *(\d+)/i.exec(header);
      if (length === null) throw new Error(`a message from the language server has no Content-Length: ${header}`);
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.#buffer.length < end) return;
      const message = JSON.parse(this.#buffer.subarray(start, end).toString('utf8')) as Message;
      this.#buffer = this.#buffer.subarray(end);
      this.#dispatch(message);
    }
  }

  #dispatch(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      // A response to one of our requests.
      const pending = this.#pending.get(Number(message.id));
      if (pending === undefined) return;
      this.#pending.delete(Number(message.id));
      if (message.error !== undefined) pending.reject(new Error(`${message.error.message} (code ${message.error.code})`));
      else pending.resolve(message.result);
      return;
    }
    if (message.id !== undefined && message.method === 'workspace/configuration') {
      const items = (message.params as { items?: { section?: string }[] }).items ?? [];
      this.#send({ jsonrpc: '2.0', id: message.id, result: items.map((item) => (item.section === undefined ? this.#settings : (this.#settings[item.section] ?? null))) });
      this.#markConfigured();
      return;
    }
    if (message.id !== undefined) {
      // Another request from the server (registerCapability, workDoneProgress/create, …): an editor accepts it.
      this.#send({ jsonrpc: '2.0', id: message.id, result: null });
      return;
    }
    this.notifications.push({ method: message.method!, params: message.params });
    for (const listener of [...this.#listeners]) listener(message);
  }

  #fail(error: Error): void {
    if (this.#exited !== undefined) return;
    this.#exited = error;
    this.#markGone(error);
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
    for (const listener of [...this.#listeners]) listener(undefined as unknown as Message);
  }
}
