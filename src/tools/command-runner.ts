// The `command` tool kind: argv rendered from the tool's templates with the step's arguments as data,
// run with no shell, in its own process group so a timeout or Ctrl-C can stop it and its children.

import { spawn } from 'node:child_process';
import type { CommandTool } from '../pipeline/types.ts';
import { compileTemplate } from '../prompt/template-engine.ts';
import { argumentsAsText, argumentText, wholeArgumentPattern } from './argument-text.ts';
import { CappedOutput } from './capped-output.ts';
import { parseOutput } from './parse-output.ts';
import { signalProcessGroup, trackProcessGroup, untrackProcessGroup } from './process-groups.ts';
import { ToolError, type ToolContext, type ToolResult } from './tool-runner.ts';

const defaultKillGraceMs = 2000;
const stderrTailBytes = 2000;
/** What a command sees of the runner's environment; everything else (API keys…) stays out. */
const inheritedEnv = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TERM', 'SYSTEMROOT'];

/** Render argv: each element is rendered on its own, so a value can never split into or join other arguments. */
export function renderArgv(tool: CommandTool, args: Readonly<Record<string, unknown>>): string[] {
  const textArgs = argumentsAsText(args);
  const argv: string[] = [];
  tool.command.forEach((element, index) => {
    const whole = wholeArgumentPattern.exec(element);
    const value = whole && Object.hasOwn(args, whole[1]!) ? args[whole[1]!] : undefined;
    if (index > 0 && Array.isArray(value)) {
      // `{{args.files}}` alone, given a list: one argv element per item.
      for (const item of value) argv.push(argumentText(item));
      return;
    }
    argv.push(compileTemplate(element, `tool "${tool.name}" command[${index}]`)({ args: textArgs }));
  });
  return argv;
}

function displayArgv(argv: readonly string[]): string {
  const shown = argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

function commandEnv(tool: CommandTool, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const picked: NodeJS.ProcessEnv = {};
  for (const name of inheritedEnv) if (env[name] !== undefined) picked[name] = env[name];
  return { ...picked, ...tool.env };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

export async function runCommand(tool: CommandTool, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  const argv = renderArgv(tool, args);
  if (argv.some((arg) => arg.includes('\0'))) throw new ToolError(`an argument contains a NUL byte, which no program can receive: ${displayArgv(argv)}`);
  if (context.signal.aborted) throw new ToolError(`${displayArgv(argv)} cancelled before it started`);
  const timeoutMs = tool.timeoutMs ?? context.timeoutMs;
  const killGraceMs = context.killGraceMs ?? defaultKillGraceMs;

  return new Promise<ToolResult>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: tool.cwd ?? context.cwd,
      env: commandEnv(tool, context.env),
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    if (pid !== undefined) trackProcessGroup(pid);
    const stdout = new CappedOutput(context.maxOutputBytes);
    let stderrTail = '';
    let stop: { readonly reason: string; readonly timedOut: boolean } | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    // SIGTERM to the whole group, then SIGKILL to whatever is left after the grace period.
    const stopGroup = (reason: string, timedOut: boolean) => {
      if (stop || pid === undefined) return;
      stop = { reason, timedOut };
      signalProcessGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => signalProcessGroup(pid, 'SIGKILL'), killGraceMs);
    };

    const timer = setTimeout(() => stopGroup(`timed out after ${seconds(timeoutMs)}`, true), timeoutMs);
    const onAbort = () => stopGroup('cancelled', false);
    context.signal.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-stderrTailBytes);
    });

    const cleanUp = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      context.signal.removeEventListener('abort', onAbort);
      if (pid !== undefined) untrackProcessGroup(pid);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      const message = error.code === 'ENOENT' ? `command not found: ${argv[0]} (tool "${tool.name}")` : `could not start ${displayArgv(argv)}: ${error.message}`;
      reject(new ToolError(message));
    });
    // The command is done: whatever it left running in its group goes too, which also closes the
    // pipes a background child may hold open.
    child.on('exit', () => {
      if (pid !== undefined) signalProcessGroup(pid, 'SIGKILL');
    });
    child.on('close', (code, signal) => {
      cleanUp();
      const tail = stderrTail.trim() ? `: ${stderrTail.trim()}` : '';
      if (stop) return reject(new ToolError(`${displayArgv(argv)} ${stop.reason}${tail}`, { timedOut: stop.timedOut }));
      if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        const transient = code !== null && (tool.retryOn?.includes(code) ?? false);
        return reject(new ToolError(`${displayArgv(argv)} ${how}${tail}`, { transient }));
      }
      try {
        const output = parseOutput(stdout.text(), tool.output, stdout.truncated);
        const note = stdout.note();
        resolve(note ? { output, note } : { output });
      } catch (error) {
        reject(error);
      }
    });
  });
}
