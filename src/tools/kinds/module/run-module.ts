// The `module` tool kind: a function exported by a JS/TS module, called as fn(args, { signal, cwd,
// truncate }); what it returns (or resolves to) is the output. It runs in planexec's own process, so a
// timeout or cancel aborts its signal and fails the step at once, but only the function itself can
// stop its work.

import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { regularFileProblem } from '../../../source/read-regular-file.ts';
import { argumentText } from '../../argument-text.ts';
import { clipBytes, truncationNote } from '../../capped-output.ts';
import type { Redactor } from '../../create-redactor.ts';
import { ToolError, type ToolContext, type ToolResult } from '../../tool-call.ts';
import { describeToolOrigin, installedPackageOf, withoutPackagePaths } from '../../tool-origin.ts';
import { DEFAULT_WRITABLE } from '../../writable-folders.ts';
import type { ModuleTool } from './module-tool.ts';

const modules = new Map<string, Promise<Record<string, unknown>>>();

function loadModule(file: string): Promise<Record<string, unknown>> {
  // Keyed by the file's version too: a long-lived process (a worker) picks up an edited module instead
  // of running the code it loaded first. (Modules it imports in turn stay as first loaded.)
  let version = '';
  try {
    const { mtimeMs, size } = statSync(file);
    version = `${mtimeMs}-${size}`;
  } catch {
    /* import() reports the missing file */
  }
  const key = `${file}?${version}`;
  let loaded = modules.get(key);
  if (loaded === undefined) {
    const url = pathToFileURL(file);
    if (version) url.searchParams.set('version', version);
    loaded = import(url.href) as Promise<Record<string, unknown>>;
    modules.set(key, loaded);
    // A failed import is not cached: the file may be fixed by the next run of a long-lived process.
    loaded.catch(() => modules.delete(key));
  }
  return loaded;
}

/**
 * How messages name the call: the tool and where its user declared it, then the function and module
 * when they are the user's own. A module of an installed package (planexec's tool library in
 * node_modules/) is not named: it is not the user's to open, and its path differs on every machine.
 */
function callWords(tool: ModuleTool, cwd: string): { readonly subject: string; readonly scrub: (message: string) => string } {
  const origin = describeToolOrigin(tool);
  if (installedPackageOf(tool.module) !== undefined) return { subject: origin, scrub: (message) => withoutPackagePaths(message, tool.module) };
  // The module relative to the workspace, so messages read (and record) the same on every machine.
  const relative = path.relative(cwd, tool.module);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : tool.module;
  return { subject: `${origin}: ${tool.export}() of ${shown}`, scrub: (message) => message };
}

export async function runModule(tool: ModuleTool, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  const { subject, scrub } = callWords(tool, context.cwd);
  let exports: Record<string, unknown>;
  // import() of a named pipe would wait for a writer forever.
  const notRegular = regularFileProblem(tool.module);
  if (notRegular !== undefined && notRegular.code !== 'ENOENT') throw new ToolError(`${subject} cannot be loaded: ${scrub(notRegular.reason)}`);
  try {
    exports = await loadModule(tool.module);
  } catch (error) {
    throw new ToolError(`${subject} cannot be loaded: ${scrub(error instanceof Error ? error.message : String(error))}`);
  }
  const fn = exports[tool.export];
  if (typeof fn !== 'function') {
    const names = Object.keys(exports).filter((name) => typeof exports[name] === 'function');
    throw new ToolError(`${subject}: the module has no exported function "${tool.export}"${names.length ? ` (it exports ${names.join(', ')})` : ''}`);
  }

  const timeoutMs = tool.timeoutMs ?? context.timeoutMs;
  const controller = new AbortController();
  const stopped = new Promise<never>((_, reject) => {
    const stop = (error: ToolError) => {
      controller.abort(error);
      reject(error);
    };
    const timer = setTimeout(() => stop(new ToolError(`${subject} timed out after ${timeoutMs / 1000}s`, { timedOut: true })), timeoutMs);
    const onAbort = () => stop(new ToolError(`${subject} cancelled`));
    context.signal.addEventListener('abort', onAbort, { once: true });
    if (context.signal.aborted) onAbort();
    controller.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
    }, { once: true });
  });
  stopped.catch(() => undefined);

  let value: unknown;
  try {
    // A copy: the function may change its arguments without touching another step's output.
    // `writable`: the folders the pipeline lets a plan write under, for modules that write (tools/fs.yaml's write_file).
    // truncate: a module that shortens text itself cuts it as planexec does, never inside a secret.
    const truncate = (text: string | Uint8Array, maxBytes: number): string => clipBytes(text, maxBytes, context.redactor);
    const options: ModuleCallOptions = { signal: controller.signal, cwd: context.cwd, writable: [...(context.writable ?? DEFAULT_WRITABLE)], truncate };
    const call = Promise.resolve().then(() => (fn as (a: unknown, o: ModuleCallOptions) => unknown)(structuredClone(args), options));
    call.catch(() => undefined);
    value = await Promise.race([call, stopped]);
  } catch (error) {
    if (error instanceof ToolError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const transient = (error as { retryable?: unknown } | null)?.retryable === true;
    throw new ToolError(`${subject} threw: ${scrub(message)}`, { transient });
  } finally {
    if (!controller.signal.aborted) controller.abort(new ToolError('the step finished'));
  }
  return moduleOutput(tool, subject, value, context.maxOutputBytes, context.redactor);
}

/** The returned value in the tool's output format, within the size limit. */
function moduleOutput(tool: ModuleTool, subject: string, value: unknown, maxBytes: number, redactor: Redactor | undefined): ToolResult {
  switch (tool.output) {
    case 'json': {
      let text: string | undefined;
      try {
        text = JSON.stringify(value);
      } catch (error) {
        throw new ToolError(`${subject} returned a value that is not JSON (the tool declares output: json): ${(error as Error).message}`);
      }
      if (text === undefined) return { output: null };
      if (Buffer.byteLength(text) > maxBytes) throw new ToolError(`${subject} returned ${Buffer.byteLength(text)} bytes of JSON, more than execution.maxOutputBytes (${maxBytes})`);
      // Plain data from here on: no class instances, getters or shared references.
      return { output: JSON.parse(text) };
    }
    case 'text': {
      const text = value === undefined || value === null ? '' : argumentText(value);
      return capText(text, maxBytes, redactor, (kept) => kept);
    }
    case 'lines': {
      const lines = Array.isArray(value) ? value.map(argumentText) : argumentText(value ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
      return capText(lines.join('\n'), maxBytes, redactor, (kept) => kept.split('\n'));
    }
  }
}

function capText(text: string, maxBytes: number, redactor: Redactor | undefined, shape: (kept: string) => unknown): ToolResult {
  // Characters are at most 3 UTF-8 bytes per UTF-16 unit, so short text needs no byte count.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return { output: shape(text) };
  return { output: shape(clipBytes(text, maxBytes, redactor)), note: truncationNote(maxBytes) };
}

/** What a module's function gets besides its arguments. */
interface ModuleCallOptions {
  readonly signal: AbortSignal;
  /** The workspace. */
  readonly cwd: string;
  /** The folders the pipeline lets a plan write under (`writable:`). */
  readonly writable: readonly string[];
  /** The first `maxBytes` bytes of a text as text; a secret of the run that the cut falls inside becomes `***`. */
  readonly truncate: (text: string | Uint8Array, maxBytes: number) => string;
}
