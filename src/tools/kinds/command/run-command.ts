// The `command` tool kind: argv rendered from the tool's templates with the step's arguments as data,
// run with no shell, in its own process group so a timeout or Ctrl-C can stop it and its children.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { namesUnder, scanTemplate } from '../../../prompt/template-check.ts';
import { compileTemplate } from '../../../prompt/template-engine.ts';
import { argumentsAsText, argumentText, wholeArgumentPattern } from '../../argument-text.ts';
import { allowsOptionLike } from '../../argument-vocabulary.ts';
import { CappedOutput } from '../../capped-output.ts';
import { createRedactor, type Redactor } from '../../create-redactor.ts';
import { parseOutput } from '../../parse-output.ts';
import { signalProcessGroup, trackProcessGroup, untrackProcessGroup } from '../../process-groups.ts';
import { ToolError, type ToolContext, type ToolResult } from '../../tool-call.ts';
import { unsafeTextReason } from '../../unsafe-text.ts';
import type { CommandTool } from './command-tool.ts';
import { optionLikeMessage, optionPositions } from './option-injection.ts';

const defaultKillGraceMs = 2000;
const stderrTailBytes = 2000;
/** What a command sees of the runner's environment; everything else (API keys…) stays out. */
const inheritedEnv = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TERM', 'SYSTEMROOT'];

/** Render argv: each element is rendered on its own, so a value can never split into or join other arguments. */
export function renderArgv(tool: CommandTool, args: Readonly<Record<string, unknown>>): string[] {
  // Optional arguments the step left out read as empty text inside an element...
  const declared = Object.keys((tool.args as { properties?: object }).properties ?? {});
  const textArgs = { ...Object.fromEntries(declared.map((name) => [name, ''])), ...argumentsAsText(args) };
  const argv: string[] = [];
  tool.command.forEach((element, index) => {
    const whole = wholeArgumentPattern.exec(element);
    // ...and an element that is only such an argument is left out, so `[git, log, "{{args.path}}"]` runs `git log`.
    if (index > 0 && whole && !Object.hasOwn(args, whole[1]!)) return;
    const value = whole && Object.hasOwn(args, whole[1]!) ? args[whole[1]!] : undefined;
    if (index > 0 && Array.isArray(value)) {
      // `{{args.files}}` alone, given a list: one argv element per item.
      for (const item of value) argv.push(refuseOptionLike(tool, index, argumentText(item)));
      return;
    }
    const render = compileTemplate(element, `tool "${tool.name}" command[${index}]`);
    argv.push(refuseOptionLike(tool, index, render({ args: textArgs }), () => render({ args: markedValues(textArgs) })));
  });
  return argv;
}

/** Every non-empty value with a marker in front (truthiness unchanged), to tell whose a leading `-` is. */
function markedValues(textArgs: Readonly<Record<string, string>>): Record<string, string> {
  const marked: Record<string, string> = {};
  for (const [name, text] of Object.entries(textArgs)) Object.defineProperty(marked, name, { value: text === '' ? text : `\u0001${text}`, enumerable: true });
  return marked;
}

/**
 * The rendered element, unless its leading `-` came from a value rather than the pipeline: that is
 * refused before the program starts (option injection), unless the element follows a literal `--` or
 * every argument in it has `allowOptionLike: true`. `withMarkedValues` renders the element again with
 * a marker before each value: if it still starts with `-`, the dash is the pipeline's own
 * (`{{#if args.all}}-a{{/if}}`).
 */
function refuseOptionLike(tool: CommandTool, index: number, text: string, withMarkedValues?: () => string): string {
  if (!text.startsWith('-') || !optionPositions(tool).includes(index)) return text;
  if (withMarkedValues !== undefined && withMarkedValues().startsWith('-')) return text;
  const names = namesUnder(scanTemplate(tool.command[index]!), 'args');
  if (names.length > 0 && names.every((name) => allowsOptionLike(tool.args, name))) return text;
  throw new ToolError(`refused to run ${path.basename(tool.command[0]!)}: ${optionLikeMessage(tool, names.length === 1 ? names[0] : undefined, text)}`);
}

/** The command line for a message, at most 200 characters: cut with `secrets`, so no part of one is left. */
function displayArgv(argv: readonly string[], secrets?: Redactor): string {
  const shown = argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
  if (shown.length <= 200) return shown;
  return `${secrets ? secrets.clipEnd(shown, 200) : shown.slice(0, 200)}…`;
}

/**
 * The process's environment: a minimal part of the runner's, then the tool's `env`, with
 * `{{secrets.NAME}}` filled from the runner's environment. Also the secret values handed over, to
 * redact them from whatever the command prints.
 */
function commandEnv(tool: CommandTool, env: NodeJS.ProcessEnv): { readonly env: NodeJS.ProcessEnv; readonly secrets: readonly string[] } {
  const picked: NodeJS.ProcessEnv = {};
  for (const name of inheritedEnv) if (env[name] !== undefined) picked[name] = env[name];
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(tool.env ?? {})) {
    if (!value.includes('{{')) {
      picked[name] = value;
      continue;
    }
    const given: Record<string, string> = {};
    for (const secret of namesUnder(scanTemplate(value), 'secrets')) {
      const secretValue = env[secret];
      if (secretValue === undefined || secretValue === '') throw new ToolError(`env ${name} of tool "${tool.name}" uses the secret ${secret}, which is not set in the environment`);
      given[secret] = secretValue;
      secrets.push(secretValue);
    }
    picked[name] = compileTemplate(value, `tool "${tool.name}" env.${name}`)({ secrets: given });
  }
  return { env: picked, secrets };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

export async function runCommand(tool: CommandTool, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  const argv = renderArgv(tool, args);
  for (const arg of argv) {
    const reason = unsafeTextReason(arg);
    if (reason !== undefined) throw new ToolError(`refused to run ${path.basename(argv[0]!)}: an argument ${reason}: ${displayArgv(argv, context.redactor)}`);
  }
  if (context.signal.aborted) throw new ToolError(`${displayArgv(argv, context.redactor)} cancelled before it started`);
  const { env, secrets } = commandEnv(tool, context.env);
  // Whatever the command prints of a secret it was given comes back as ***.
  const redactor = createRedactor(secrets);
  try {
    return await spawnCommand(tool, argv, env, context, redactor);
  } catch (error) {
    if (error instanceof ToolError && redactor.active) throw new ToolError(redactor.redactText(error.message), error);
    throw error;
  }
}

/**
 * Failures to *start* a process that pass once other processes finish: planexec (EMFILE) or the
 * system (ENFILE) is out of file descriptors, or out of processes (EAGAIN). Retried with backoff.
 */
const transientSpawnCodes: ReadonlySet<string> = new Set(['EMFILE', 'ENFILE', 'EAGAIN']);
const spawnAttempts = 6;
const spawnBackoffMs = 50;
const spawnMaxBackoffMs = 2000;

/** The process could not be started at all (as opposed to a command that ran and failed). */
class SpawnFailure extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.code = code;
  }
}

/** Runs the command; a start that fails for want of descriptors or processes is tried again, with backoff. */
async function spawnCommand(tool: CommandTool, argv: readonly string[], env: NodeJS.ProcessEnv, context: ToolContext, redactor: Redactor): Promise<ToolResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(tool, argv, env, context, redactor);
    } catch (error) {
      if (!(error instanceof SpawnFailure)) throw error;
      const transient = error.code !== undefined && transientSpawnCodes.has(error.code);
      if (!transient || attempt >= spawnAttempts || context.signal.aborted) {
        const tries = transient && attempt > 1 ? ` (tried ${attempt} times)` : '';
        throw new ToolError(`${error.message}${tries}`, { transient });
      }
      const base = Math.min(spawnMaxBackoffMs, spawnBackoffMs * 2 ** (attempt - 1));
      try {
        await delay(base / 2 + (Math.random() * base) / 2, undefined, { signal: context.signal });
      } catch {
        throw new ToolError(`${displayArgv(argv, cutsFor(context, redactor))} cancelled before it started`);
      }
    }
  }
}

/** The run's secrets (which hold the tool's own) decide where cuts may not fall; else the tool's own. */
function cutsFor(context: ToolContext, redactor: Redactor): Redactor {
  return context.redactor?.active ? context.redactor : redactor;
}

/** Why a process could not start, worded for the user; the cwd is checked when the system only says ENOENT. */
function describeSpawnFailure(tool: CommandTool, argv: readonly string[], shownArgv: string, cwd: string, error: NodeJS.ErrnoException): string {
  const program = argv[0]!;
  switch (error.code) {
    case 'ENOENT':
      return existsSync(cwd) ? `command not found: ${program} (tool "${tool.name}")` : `could not start ${program} (tool "${tool.name}"): its working directory ${cwd} does not exist`;
    case 'EACCES':
      return `could not start ${program} (tool "${tool.name}"): permission denied (EACCES); is it an executable file?`;
    case 'EMFILE':
      return `could not start ${program} (tool "${tool.name}"): planexec has too many open files (EMFILE); fewer steps at once (execution.concurrency) or a higher open-file limit (ulimit -n) avoids this`;
    case 'ENFILE':
      return `could not start ${program} (tool "${tool.name}"): the system has too many open files (ENFILE)`;
    case 'EAGAIN':
      return `could not start ${program} (tool "${tool.name}"): the system refused a new process (EAGAIN; too many processes?)`;
    default:
      return `could not start ${shownArgv}: ${error.message}`;
  }
}

function spawnOnce(tool: CommandTool, argv: readonly string[], env: NodeJS.ProcessEnv, context: ToolContext, redactor: Redactor): Promise<ToolResult> {
  const timeoutMs = tool.timeoutMs ?? context.timeoutMs;
  const killGraceMs = context.killGraceMs ?? defaultKillGraceMs;
  const cwd = tool.cwd ?? context.cwd;
  const secrets = cutsFor(context, redactor);
  const shownArgv = displayArgv(argv, secrets);
  // The tail is kept longer than shown by what a secret can span, so a cut inside one is seen whole.
  const stderrKept = stderrTailBytes + secrets.reach;

  return new Promise<ToolResult>((resolve, reject) => {
    const failedToStart = (error: unknown) => {
      const errno = error as NodeJS.ErrnoException;
      reject(new SpawnFailure(describeSpawnFailure(tool, argv, shownArgv, cwd, errno), typeof errno?.code === 'string' ? errno.code : undefined));
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(argv[0]!, argv.slice(1), { cwd, env, shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      return failedToStart(error);
    }
    const pid = child.pid;
    const stdout = new CappedOutput(context.maxOutputBytes, secrets);
    let stderrTail = '';
    let stop: { readonly reason: string; readonly timedOut: boolean } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let started = true;
    const onAbort = () => stopGroup('cancelled', false);
    const cleanUp = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      context.signal.removeEventListener('abort', onAbort);
      if (pid !== undefined) untrackProcessGroup(pid);
    };
    // Before anything else: a process that cannot start reports it as an 'error' event, and an
    // 'error' event nobody listens to ends planexec.
    child.once('error', (error) => {
      started = false;
      cleanUp();
      failedToStart(error);
    });
    // Out of descriptors, Node cannot even make the output pipes; its 'error' event follows.
    if (!child.stdout || !child.stderr) {
      started = false;
      child.stdout?.destroy();
      child.stderr?.destroy();
      return;
    }
    if (pid !== undefined) trackProcessGroup(pid);

    // SIGTERM to the whole group, then SIGKILL to whatever is left after the grace period.
    const stopGroup = (reason: string, timedOut: boolean) => {
      if (stop || pid === undefined) return;
      stop = { reason, timedOut };
      signalProcessGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => signalProcessGroup(pid, 'SIGKILL'), killGraceMs);
    };

    timer = setTimeout(() => stopGroup(`timed out after ${seconds(timeoutMs)}`, true), timeoutMs);
    context.signal.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-stderrKept);
    });

    // The command is done: whatever it left running in its group goes too, which also closes the
    // pipes a background child may hold open.
    child.on('exit', () => {
      if (pid !== undefined) signalProcessGroup(pid, 'SIGKILL');
    });
    child.on('close', (code, signal) => {
      cleanUp();
      if (!started) return;
      const shownTail = secrets.clipStart(stderrTail, stderrTail.length - stderrTailBytes).trim();
      const tail = shownTail ? `: ${shownTail}` : '';
      if (stop) return reject(new ToolError(`${shownArgv} ${stop.reason}${tail}`, { timedOut: stop.timedOut }));
      if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        const transient = code !== null && (tool.retryOn?.includes(code) ?? false);
        return reject(new ToolError(`${shownArgv} ${how}${tail}`, { transient }));
      }
      try {
        const output = parseOutput(redactor.redactText(stdout.text()), tool.output, stdout.truncated);
        const note = stdout.note();
        resolve(note ? { output, note } : { output });
      } catch (error) {
        reject(error);
      }
    });
  });
}
