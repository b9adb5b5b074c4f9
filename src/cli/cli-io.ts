// How the CLI talks to the user: errors on stderr in one format, exit codes from the contract.

import type { ModelSettings } from '../pipeline/types.ts';
import { LlmError } from '../llm/types.ts';
import { DiagnosticError, formatDiagnostic } from '../source/diagnostic.ts';
import { visibleLines } from '../source/visible-text.ts';
import { RunStoreError } from '../store/read-run.ts';
import { exitCode } from './exit-code.ts';
import { helpHint } from './help-hint.ts';
import { sourceStack } from './source-stack.ts';

// Kept here too, where every command already imports them from.
export { exitCode, helpHint };

/** A problem with what the user asked for (flags, files): message already worded for them. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A mistake in the command line itself (a flag's value, an argument): said like a UsageError, then
 * pointed at the command's --help, as commander's own usage errors are.
 */
export class CommandLineError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'CommandLineError';
  }
}

/** An error on stderr, `error: ` first; model or tool text in it cannot act on the terminal. */
export function printError(message: string): void {
  process.stderr.write(`${visibleLines(message).split('\n').map((line, index) => (index === 0 ? `error: ${line}` : line)).join('\n')}\n`);
}

/** Report an error that escaped a command; returns the exit code. No stack trace unless --debug. */
export function reportFailure(error: unknown, debug: boolean, command?: string): number {
  if (error instanceof DiagnosticError) {
    for (const diagnostic of error.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    return exitCode.invalidInput;
  }
  // The run store cannot be used (its folder is a file, a run's log is damaged): the user's to fix.
  if (error instanceof UsageError || error instanceof RunStoreError) {
    printError(error.message);
    if (error instanceof CommandLineError) process.stderr.write(`${helpHint(command)}\n`);
    return exitCode.invalidInput;
  }
  // Setting up the model client before a run (no key, an unreadable replay file) is a setup problem.
  if (error instanceof LlmError) {
    printError(error.message);
    return exitCode.invalidInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  // A file system problem (an unwritable state dir, a full disk) is the machine's, not a bug of ours.
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string') {
    printError(message);
    if (debug && error.stack) process.stderr.write(`${sourceStack(error.stack)}\n`);
    return exitCode.runFailed;
  }
  printError(`internal error: ${message}${debug ? '' : ' (run with --debug for details)'}`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${sourceStack(error.stack)}\n`);
  return exitCode.runFailed;
}

/** The format `--json` or `--format` asks for; both naming different ones is a usage error. */
export function jsonOrFormat(flags: { readonly format: string; readonly json?: boolean }, defaultFormat: string): string {
  if (flags.json !== true) return flags.format;
  if (flags.format !== defaultFormat && flags.format !== 'json') throw new CommandLineError(`--json and --format ${flags.format} ask for different output; give one of them`);
  return 'json';
}

/** `--input k=v` values, in order; a later value for the same name wins. */
export function parseInputFlags(values: readonly string[]): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new CommandLineError(`--input expects name=value, got "${value}"`);
    const name = value.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new CommandLineError(`--input name "${name}" is not a valid input name`);
    Object.defineProperty(inputs, name, { value: value.slice(eq + 1), enumerable: true, writable: true, configurable: true });
  }
  return inputs;
}

export function parsePositiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new CommandLineError(`${flag} expects a whole number of at least 1, got "${value}"`);
  return number;
}

/** `--model` and `--base-url` over the pipeline's model settings. */
export function modelWithFlags(model: ModelSettings, flags: { readonly model?: string | undefined; readonly baseUrl?: string | undefined }): ModelSettings {
  checkBaseUrl(flags.baseUrl);
  return { ...model, ...(flags.model ? { name: flags.model } : {}), ...(flags.baseUrl !== undefined ? { baseURL: flags.baseUrl } : {}) };
}

/** A usage error (exit 2) unless --base-url is absent or an http(s) URL. */
export function checkBaseUrl(baseUrl: string | undefined): void {
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]/.test(baseUrl)) {
    throw new CommandLineError(`--base-url expects an http:// or https:// URL, such as http://localhost:11434/v1, got "${baseUrl}"`);
  }
}

