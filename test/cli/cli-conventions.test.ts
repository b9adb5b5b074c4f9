// The command line's conventions: -v, two examples in each command's --help, usage errors that point
// at the command's --help, --json on plan and show, and completion scripts made from the commands
// themselves (bash's sourced and run; zsh's and fish's checked by their shell when it is installed), and
// a reader that closes stdout early (`| head -1`) ending no command with a stack trace.

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli, spawnCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const pipeline = `version: 1
name: conventions
task: "Say hello"
model: { name: m }
tools:
  - name: hello
    description: Says hello
    command: [echo, hello]
    args: { type: object, properties: {}, additionalProperties: false }
`;
const plan = { steps: [{ id: 1, action: 'Say it', tool: 'hello', args: {} }] };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The commands `planexec --help` lists, in its order. */
async function listedCommands(): Promise<string[]> {
  const help = await runCli(['--help']);
  const section = help.stdout.split('Commands:\n')[1]!;
  return section
    .split('\n')
    .map((line) => /^ {2}([a-z]+)\b/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

describe('version and help', () => {
  it('-v and --version print the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['-v', '--version']) {
      const result = await runCli([flag]);
      expect(result.code, flag).toBe(0);
      expect(result.stdout, flag).toBe(`${version}\n`);
    }
  });

  it("each command's --help ends with two examples of that command", async () => {
    const commands = await listedCommands();
    expect(commands).toContain('completion');
    for (const command of commands) {
      const help = await runCli([command, '--help']);
      expect(help.code, command).toBe(0);
      const examples = help.stdout.split('\nExamples:\n')[1];
      expect(examples, command).toBeDefined();
      const lines = examples!.split('\n').filter(Boolean);
      expect(lines, command).toHaveLength(2);
      for (const line of lines) expect(line, command).toMatch(new RegExp(`^ {2}\\$ (eval "\\$\\()?planexec ${command}\\b`));
    }
  });

  it("usage errors point at the command's --help: commander's and planexec's own", async () => {
    const unknownOption = await runCli(['run', 'p.yaml', '--bogus']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toBe("error: unknown option '--bogus'\n(see planexec run --help)\n");
    const missingArgument = await runCli(['show']);
    expect(missingArgument.code).toBe(2);
    expect(missingArgument.stderr).toBe("error: missing required argument 'run-id'\n(see planexec show --help)\n");
    const unknownCommand = await runCli(['rnu']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('(see planexec --help)\n');
    const badLimit = await runCli(['runs', '--limit', '0'], { cwd: await tempProject({}) });
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toBe('error: --limit expects a whole number of at least 1, got "0"\n(see planexec runs --help)\n');
    const badInput = await runCli(['run', 'p.yaml', '--input', 'novalue']);
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toBe('error: --input expects name=value, got "novalue"\n(see planexec run --help)\n');
  });

  it('problems that are not the command line (a missing run) do not point at --help', async () => {
    const result = await runCli(['show', 'nope'], { cwd: await tempProject({}) });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('--help');
  });
});

describe('--json on plan and show', () => {
  it('plan --json prints what plan --format json prints; --json with another --format is a usage error', async () => {
    server = await startScriptedServer([{ json: plan }, { json: plan }]);
    const dir = await tempProject({ 'p.yaml': pipeline });
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-key-0123456789' };
    const json = await runCli(['plan', 'p.yaml', '--json'], { cwd: dir, env });
    const format = await runCli(['plan', 'p.yaml', '--format', 'json'], { cwd: dir, env });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(format.stdout);
    expect(JSON.parse(json.stdout).steps).toHaveLength(1);
    const both = await runCli(['plan', 'p.yaml', '--json', '--format', 'mermaid'], { cwd: dir, env });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('error: --json and --format mermaid ask for different output; give one of them\n(see planexec plan --help)\n');
  });

  it('show --json prints what show --format json prints', async () => {
    server = await startScriptedServer([{ json: plan }]);
    const dir = await tempProject({ 'p.yaml': pipeline });
    expect((await runCli(['run', 'p.yaml'], { cwd: dir, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-key-0123456789' } })).code).toBe(0);
    const json = await runCli(['show', 'last', '--json'], { cwd: dir });
    const format = await runCli(['show', 'last', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(format.stdout);
    expect(JSON.parse(json.stdout).status).toBe('succeeded');
    const both = await runCli(['show', 'last', '--json', '--format', 'markdown'], { cwd: dir });
    expect(both.code).toBe(2);
  });
});

describe('planexec completion', () => {
  /** Runs bash's completion function for `words` (the last one being completed) in `cwd`; the candidates. */
  function completeInBash(script: string, words: readonly string[], cwd: string): string[] {
    const quoted = words.map((word) => `'${word}'`).join(' ');
    const program = `${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _planexec; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['--norc', '--noprofile', '-c', program], { cwd, encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  it("bash: the script is valid bash, is what `complete` registers, and completes the commands planexec --help lists", async () => {
    const result = await runCli(['completion', 'bash']);
    expect(result.code).toBe(0);
    const dir = await tempProject({});
    const file = path.join(dir, 'planexec.bash');
    await writeFile(file, result.stdout);
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);
    expect(execFileSync('bash', ['--norc', '-c', `source ${file}; complete -p planexec`], { encoding: 'utf8' })).toBe('complete -o filenames -F _planexec planexec\n');

    const commands = await listedCommands();
    const completed = completeInBash(result.stdout, ['planexec', ''], dir).filter((word) => !word.startsWith('-'));
    expect(completed).toEqual(commands);
    expect(completeInBash(result.stdout, ['planexec', 're'], dir)).toEqual(['resume']);
    expect(completeInBash(result.stdout, ['planexec', '--debug', 'sh'], dir)).toEqual(['show']);
    expect(completeInBash(result.stdout, ['planexec', 'completion', ''], dir)).toEqual(['bash', 'zsh', 'fish']);
  });

  it("bash: a command's options are the ones its --help lists; show and resume complete last and the stored run ids", async () => {
    const script = (await runCli(['completion', 'bash'])).stdout;
    const dir = await tempProject({ '.planexec/runs/20260101-000000-abcd/events.ndjson': '', 'sub/.keep': '' });
    for (const command of await listedCommands()) {
      const help = (await runCli([command, '--help'])).stdout;
      const documented = [...help.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) => (m[1] ? [m[1], m[2]!] : [m[2]!]));
      expect(completeInBash(script, ['planexec', command, '-'], dir).sort(), command).toEqual(documented.sort());
    }
    expect(completeInBash(script, ['planexec', 'show', ''], path.join(dir, 'sub'))).toEqual(['last', '20260101-000000-abcd']);
    expect(completeInBash(script, ['planexec', 'resume', 'l'], dir)).toEqual(['last']);
  });

  it('zsh and fish: every command is in the script, and the script parses when the shell is installed', async () => {
    const commands = await listedCommands();
    for (const shell of ['zsh', 'fish']) {
      const result = await runCli(['completion', shell]);
      expect(result.code, shell).toBe(0);
      for (const command of commands) expect(result.stdout, `${shell}: ${command}`).toMatch(shell === 'zsh' ? new RegExp(`^ {4}'${command}:`, 'm') : new RegExp(`-a ${command} -d `));
      if (hasShell(shell)) {
        const dir = await tempProject({ [`planexec.${shell}`]: result.stdout });
        const check = spawnSync(shell, ['-n', path.join(dir, `planexec.${shell}`)], { encoding: 'utf8' });
        expect(check.status, `${shell} -n: ${check.stderr}`).toBe(0);
      }
    }
    expect((await runCli(['completion', 'zsh'])).stdout.startsWith('#compdef planexec\n')).toBe(true);
  });

  it('an unknown shell is a usage error', async () => {
    const result = await runCli(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: the shell must be one of bash, zsh, fish, got "powershell"\n(see planexec completion --help)\n');
  });

  it("README's command table has a row for every command", async () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const table = readme.split('## Commands\n')[1]!.trimStart().split('\n\n')[0]!;
    for (const command of await listedCommands()) expect(table, command).toContain(`| \`planexec ${command}`);
  });
});

describe('a reader that stops early', () => {
  it('run --json | head -1: the run goes on once stdout is closed and ends with its own exit code, no EPIPE stack trace', async () => {
    // The step waits for a file the test writes only after it has closed the pipe, so the later
    // events are certainly written to a pipe nobody reads.
    const waiting = `version: 1
name: waits
model: { name: m }
tools:
  - name: wait_for_go
    description: Waits until the file go exists
    command: [sh, -c, "while [ ! -e go ]; do sleep 0.05; done; echo went"]
    args: { type: object, additionalProperties: false }
plan:
  steps:
    - { id: 1, action: Wait, tool: wait_for_go, args: {} }
`;
    const dir = await tempProject({ 'p.yaml': waiting });
    const { child, done } = spawnCli(['run', 'p.yaml', '--json'], { cwd: dir });
    child.stdout.once('data', () => {
      child.stdout.destroy();
      void writeFile(path.join(dir, 'go'), '');
    });
    const result = await done;
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|\bat .*\.(?:ts|js):\d+/);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/run id: \d{8}-\d{6}-[0-9a-f]{4}/);
  });
});
