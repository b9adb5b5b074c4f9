// `planexec completion <shell>`: prints the completion script for the commands planexec declares.

import type { Command, Option } from 'commander';
import { CommandLineError, exitCode } from './cli-io.ts';
import { completionScript, completionShells, type ArgumentValues, type CompletedOption, type CompletionSpec, type Shell } from './completion-script.ts';

export function completionCommand(shell: string, program: Command): number {
  if (!completionShells.includes(shell as Shell)) throw new CommandLineError(`the shell must be one of ${completionShells.join(', ')}, got "${shell}"`);
  process.stdout.write(completionScript(shell as Shell, completionSpecOf(program)));
  return exitCode.ok;
}

/** The commands, options and arguments of `program` as completion offers them: read off commander, so they cannot drift. */
export function completionSpecOf(program: Command): CompletionSpec {
  const withHelp = (options: readonly Option[]) => [...options.filter((o) => !o.hidden).map(completedOption), { long: '--help', short: '-h', takesValue: false, description: 'display help' }];
  return {
    options: withHelp(program.options),
    commands: program.commands.map((command) => ({
      name: command.name(),
      description: command.description(),
      options: withHelp(command.options),
      argument: argumentValues(command.registeredArguments[0]?.name()),
    })),
  };
}

function completedOption(option: Option): CompletedOption {
  return { long: option.long ?? option.flags, ...(option.short ? { short: option.short } : {}), takesValue: option.required || option.optional, description: option.description };
}

/** What an argument completes to, by the name main.ts gives it. */
function argumentValues(name: string | undefined): ArgumentValues {
  switch (name) {
    case 'pipeline':
    case 'files':
      return { kind: 'files' };
    case 'run-id':
      return { kind: 'run-id' };
    case 'shell':
      return { kind: 'words', words: completionShells };
    default:
      return { kind: 'none' };
  }
}
