#!/usr/bin/env node
// The `planexec` command: parse arguments, dispatch to one command, exit with the contract's code.

import { Command, CommanderError, Option } from 'commander';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exitCode } from './exit-code.ts';
import { helpHint } from './help-hint.ts';
import { ignoreClosedPipe } from './ignore-closed-pipe.ts';
import { version } from './version.ts';

const TEST_HELP = `
A test runs the pipeline with its inputs, the model's answers served from its recording (never a
live model; the tools run for real), and checks expect: status, result (equals, contains, matches,
jsonSchema) and maxLlmCalls. With no pipeline given: every pipeline in pipelines/ with tests:.
Exit 0: all passed; 1: a test failed (a stale recording too: the failure names the
planexec run ... --record command that makes it again); 2: invalid input.`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The help text's closing section: two commands that show what the command is for. */
function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  let code: number = exitCode.ok;
  const debug = argv.includes('--debug');
  const program = new Command('planexec')
    .description('Run declarative plan-and-execute LLM pipelines: the model writes a plan, planexec checks it and runs it.')
    .version(version, '-v, --version', 'print the version')
    .option('--debug', 'show stack traces for internal errors')
    .exitOverride();
  // The command that is running, so a usage error it finds points at its own --help.
  let running: string | undefined;
  program.hook('preAction', (_program, command) => {
    running = command.name();
  });

  program
    .command('run')
    .description('plan, check and run a pipeline; print its result on stdout')
    .argument('<pipeline>', 'pipeline file (YAML)')
    .option('-i, --input <name=value>', 'an input value (repeatable)', collect, [])
    .option('--json', 'print every event as one JSON line on stdout instead of the result')
    .option('--yes', 'approve the plan without asking (pipelines with approve: true or tools with confirm: true)')
    .option('--replay <file>', 'serve model responses from a recording (offline)')
    .option('--record <file>', 'save the model exchanges of this run to a recording')
    .option('--concurrency <n>', 'steps to run at once (overrides execution.concurrency); with --data: rows to run at once')
    .option('--data <rows.jsonl|rows.csv>', 'run once per row of a data file (each row an object of inputs); with --out')
    .option('--out <results.jsonl>', 'with --data: one result line per row, in row order; rerunning continues it')
    .option('--strategy <name>', 'replanning strategy: full, tail-only, retry-step or none (overrides replan.strategy)')
    .addOption(new Option('--model <name>', 'model name (overrides model.name)'))
    .option('--base-url <url>', 'model endpoint (overrides model.baseURL and OPENAI_BASE_URL; with model.provider azure the resource endpoint, ollama instead of OLLAMA_HOST)')
    .option('--no-cache', 'ask the model even when the plan cache (planning.cache) holds this plan')
    .option('--backend <redis-url>', 'run steps on workers through Redis (planexec worker), or "local" (overrides execution.backend)')
    .option('--plan <file>', 'run this plan (planexec plan --out) with no planning call; checked against the pipeline first; with --data, every row runs it')
    .action(async (file: string, flags) => {
      const { runCommand } = await import('./run-command.ts');
      code = await runCommand(file, flags);
    })
    .addHelpText('after', examples('planexec run pipelines/release-notes.yaml --input version=v2.0.0', 'planexec run pipelines/repo-health.yaml --json > events.ndjson'));

  program
    .command('plan')
    .description('ask the model for a plan and check it; print the compiled plan, run nothing')
    .argument('<pipeline>', 'pipeline file (YAML)')
    .option('-i, --input <name=value>', 'an input value (repeatable)', collect, [])
    .option('--format <format>', 'json, mermaid or dot', 'json')
    .option('--json', 'print the plan as JSON (the same as --format json)')
    .option('--replay <file>', 'serve model responses from a recording (offline)')
    .option('--record <file>', 'save the model exchanges to a recording')
    .addOption(new Option('--model <name>', 'model name (overrides model.name)'))
    .option('--base-url <url>', 'model endpoint (overrides model.baseURL and OPENAI_BASE_URL)')
    .option('--out <file>', 'also write the plan to a file you can check in and run with planexec run --plan')
    .action(async (file: string, flags) => {
      const { planCommand } = await import('./plan-command.ts');
      code = await planCommand(file, flags);
    })
    .addHelpText('after', examples('planexec plan pipelines/repo-health.yaml --format mermaid', 'planexec plan pipelines/release-notes.yaml --json > plan.json'));

  program
    .command('runs')
    .description("list recent runs, kept under the project's .planexec/runs/")
    .option('--json', 'print the list as JSON')
    .option('--limit <n>', 'how many runs to list (newest first)', '20')
    .action(async (flags) => {
      const { runsCommand } = await import('./runs-commands.ts');
      code = await runsCommand(flags);
    })
    .addHelpText('after', examples('planexec runs', 'planexec runs --json --limit 5'));

  program
    .command('show')
    .description('show a run: its plans with each step\'s status, duration and output, the replans and why')
    .argument('<run-id>', 'a run id from planexec runs, a unique start of one, or last (the newest)')
    .option('--format <format>', 'tree, json or markdown', 'tree')
    .option('--json', 'print the run as JSON (the same as --format json)')
    .action(async (runId: string, flags) => {
      const { showCommand } = await import('./runs-commands.ts');
      code = await showCommand(runId, flags);
    })
    .addHelpText('after', examples('planexec show last', 'planexec show 20261126-1309 --format markdown > run.md'));

  program
    .command('resume')
    .description('continue a run that stopped: succeeded steps do not run again')
    .argument('<run-id>', 'a run id from planexec runs, a unique start of one, or last (the newest)')
    .option('--force', 'resume even though the pipeline changed since the run began')
    .option('--yes', 'approve the plan without asking')
    .option('--json', 'print every event as one JSON line on stdout instead of the result')
    .option('--replay <file>', 'serve model responses from a recording (offline)')
    .option('--base-url <url>', 'model endpoint for the rest of the run (overrides model.baseURL and OPENAI_BASE_URL)')
    .option('--backend <redis-url>', 'run steps on workers through Redis, re-attaching to steps still queued or running (overrides execution.backend)')
    .action(async (runId: string, flags) => {
      const { resumeCommand } = await import('./resume-command.ts');
      code = await resumeCommand(runId, flags);
    })
    .addHelpText('after', examples('planexec resume last', 'planexec resume 20261126-130901-ac63 --force'));

  program
    .command('worker')
    .description('run steps that planexec run puts on a Redis queue (execution.backend bullmq), until SIGTERM')
    .option('--redis <url>', 'redis://[user:password@]host[:port][/db] or rediss://… (default $PLANEXEC_REDIS_URL; password also from $PLANEXEC_REDIS_PASSWORD)')
    .option('--concurrency <n>', 'steps to run at once', '4')
    .option('--queue <name>', 'queue name (execution.backend.queue)', 'planexec')
    .option('--pipeline-dir <dir>', 'the project directory jobs name pipelines relative to (where coordinators run); commands run here (default: the current directory)')
    .option('--name <name>', 'name shown as the worker of each step it runs (default: host-pid)')
    .option('--lock-duration <duration>', 'how long a step stays claimed without a heartbeat before another worker takes it over', '30s')
    .option('--stalled-interval <duration>', 'how often to look for steps whose worker stopped', '30s')
    .option('--shutdown-grace <duration>', 'on SIGTERM, how long running steps may finish before they are put back in the queue', '30s')
    .action(async (flags) => {
      const { workerCommand } = await import('./worker-command.ts');
      code = await workerCommand(flags);
    })
    .addHelpText('after', examples('planexec worker --redis redis://localhost:6379', 'planexec worker --redis redis://redis.internal:6379 --concurrency 8 --pipeline-dir /srv/project'));

  program
    .command('validate')
    .description('check pipeline, tool and config files without calling a model')
    .argument('<files...>', 'files, folders (every YAML file inside) or quoted globs (\'pipelines/**/*.yaml\') to check')
    .option('--json', 'print each problem as one JSON object per line on stdout')
    .option('--plan <file>', 'also check this plan file (planexec plan --out) against the pipeline given')
    .action(async (files: string[], flags: { json?: boolean; plan?: string }) => {
      const { validateCommand } = await import('./validate-command.ts');
      code = await validateCommand(files, flags);
    })
    .addHelpText('after', examples('planexec validate pipelines/release-notes.yaml', "planexec validate pipelines/ 'tools/*.yaml' --json"));

  program
    .command('test')
    .description('run the tests of pipelines (their tests: lists) offline from recordings; one line per test, then N passed, N failed')
    .argument('[pipelines...]', 'pipeline files (default: every pipeline in pipelines/ that declares tests)')
    .option('--junit <file>', 'also write the verdicts as JUnit XML, for CI')
    .addHelpText('after', TEST_HELP)
    .addHelpText('after', examples('planexec test pipelines/release-notes.yaml', 'planexec test --junit out/pipeline-tests.xml'))
    .action(async (files: string[], flags) => {
      const { testCommand } = await import('./test-command.ts');
      code = await testCommand(files, flags);
    });

  program
    .command('tools')
    .description('print the tools a pipeline exposes, as the model sees them in its plan prompt')
    .argument('<pipeline>', 'pipeline file (YAML)')
    .option('--json', 'print the tool contracts (name, description, args schema, output) as JSON')
    .option('--plan-schema', "print the response_format planning requests send: the pipeline's plan schema, and whether it is strict")
    .action(async (file: string, flags) => {
      const { toolsCommand } = await import('./tools-command.ts');
      code = await toolsCommand(file, flags);
    })
    .addHelpText('after', examples('planexec tools pipelines/repo-health.yaml', 'planexec tools pipelines/repo-health.yaml --json'));

  program
    .command('init')
    .description('write a starter pipeline that runs offline (and planexec.config.yaml if the project has none)')
    .argument('[name]', 'pipeline name, also its file name', 'my-pipeline')
    .option('--dir <folder>', 'folder for the pipeline, its data and its recording', 'pipelines')
    .action(async (name: string, flags) => {
      const { initCommand } = await import('./init-command.ts');
      code = await initCommand(name, flags);
    })
    .addHelpText('after', examples('planexec init', 'planexec init weekly-report --dir automation'));

  program
    .command('completion')
    .description('print a shell completion script for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .action(async (shell: string) => {
      const { completionCommand } = await import('./completion-command.ts');
      code = completionCommand(shell, program);
    })
    .addHelpText('after', examples('eval "$(planexec completion bash)"', 'planexec completion fish > ~/.config/fish/completions/planexec.fish'));

  // commander's own usage errors (an unknown option, a missing argument) point at the command's --help.
  program.showHelpAfterError(helpHint());
  for (const command of program.commands) command.showHelpAfterError(helpHint(command.name()));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCode.ok : exitCode.invalidInput;
    }
    // Loaded only on failure: reporting knows every error type, and so imports much of planexec.
    const { reportFailure } = await import('./cli-io.ts');
    return reportFailure(error, debug, running);
  }
}

/** Runs the command line of this process and sets its exit code. */
export async function start(): Promise<void> {
  ignoreClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}

// Run as a file (the source, dist/cli/main.js). The bundled CLI's loader calls start() itself
// (scripts/load-cli.ts). import.meta.main is Node 24.2's and 22.18's; before them, the file Node ran.
if (import.meta.main ?? isMainFile()) await start();

function isMainFile(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
