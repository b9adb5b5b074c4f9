// The `command` tool kind: argv rendered from the tool's templates with the step's arguments as data,
// run with no shell, in its own process group so a timeout or Ctrl-C can stop it and its children.

import { spawn } from 'node:child_process';
import type { CommandTool, OutputFormat } from '../pipeline/types.ts';
import { compileTemplate } from '../prompt/template-engine.ts';
import { ToolError, type ToolContext, type ToolResult } from './tool-runner.ts';

const killGraceMs = 2000;
const stderrTailBytes = 2000;
/** What a command sees of the runner's environment; everything else (API keys…) stays out. */
const inheritedEnv = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TERM', 'SYSTEMROOT'];

function argumentText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

const wholeArgPattern = /^\{\{\s*args\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/** Render argv: each element is rendered on its own, so a value can never split into or join other arguments. */
export function renderArgv(tool: CommandTool, args: Readonly<Record<string, unknown>>): string[] {
  const textArgs = Object.fromEntries(Object.entries(args).map(([key, value]) => [key, argumentText(value)]));
  const argv: string[] = [];
  tool.command.forEach((element, index) => {
    const whole = wholeArgPattern.exec(element);
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

export function parseOutput(text: string, format: OutputFormat, truncated: boolean): unknown {
  switch (format) {
    case 'text':
      return text.replace(/\r?\n$/, '');
    case 'lines':
      return text.split(/\r?\n/).filter((line) => line.trim() !== '');
    case 'json':
      if (truncated) throw new ToolError('the output was truncated at the size limit, so it is not complete JSON (raise execution.maxOutputBytes)');
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new ToolError(`the output is not JSON (the tool declares output: json): ${(error as Error).message}`);
      }
  }
}

export async function runCommand(tool: CommandTool, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  const argv = renderArgv(tool, args);
  if (argv.some((arg) => arg.includes('\0'))) throw new ToolError(`an argument contains a NUL byte, which no program can receive: ${displayArgv(argv)}`);
  const timeoutMs = tool.timeoutMs ?? context.timeoutMs;

  return new Promise<ToolResult>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: tool.cwd ?? context.cwd,
      env: commandEnv(tool, context.env),
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let truncated = false;
    let stderrTail = '';
    let stopReason: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const stopGroup = (reason: string) => {
      if (stopReason || child.exitCode !== null || child.pid === undefined) return;
      stopReason = reason;
      const pid = child.pid;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      killTimer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, killGraceMs);
      killTimer.unref();
    };

    const timer = setTimeout(() => stopGroup(`timed out after ${timeoutMs / 1000}s`), timeoutMs);
    const onAbort = () => stopGroup('cancelled');
    context.signal.addEventListener('abort', onAbort, { once: true });
    if (context.signal.aborted) onAbort();

    child.stdout!.on('data', (chunk: Buffer) => {
      const room = context.maxOutputBytes - stdoutBytes;
      if (room <= 0) {
        truncated = true;
        return;
      }
      if (chunk.length > room) truncated = true;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      stdout.push(kept);
      stdoutBytes += kept.length;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-stderrTailBytes);
    });

    const finish = () => {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      clearTimeout(killTimer);
      const message = error.code === 'ENOENT' ? `command not found: ${argv[0]} (tool "${tool.name}")` : `could not start ${displayArgv(argv)}: ${error.message}`;
      reject(new ToolError(message));
    });
    child.on('close', (code, signal) => {
      finish();
      // Kill anything the command left behind in its group, then stop waiting.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* group already empty */
        }
      }
      clearTimeout(killTimer);
      const tail = stderrTail.trim() ? `: ${stderrTail.trim()}` : '';
      if (stopReason) return reject(new ToolError(`${displayArgv(argv)} ${stopReason}${tail}`));
      if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        return reject(new ToolError(`${displayArgv(argv)} ${how}${tail}`));
      }
      try {
        const output = parseOutput(Buffer.concat(stdout).toString('utf8'), tool.output, truncated);
        resolve(truncated ? { output, note: `output truncated at ${context.maxOutputBytes} bytes` } : { output });
      } catch (error) {
        reject(error);
      }
    });
  });
}
