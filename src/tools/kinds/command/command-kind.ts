// The `command` kind: an argv run without a shell. Secrets reach it only through `env`; its
// `format: path` arguments are read from its `cwd`; a value must not become an option.

import type { ToolKind } from '../../tool-kind.ts';
import { checkCommandTool, commandFields } from './check-command-tool.ts';
import type { CommandTool } from './command-tool.ts';
import { findOptionLike, optionLikeMessage } from './option-injection.ts';

/** The runner, once loaded. */
let runner: typeof import('./run-command.ts').runCommand | undefined;

export const commandKind: ToolKind<CommandTool> = {
  declaration: { field: 'command', check: checkCommandTool, fields: commandFields },
  // Loaded on the first call: checking a pipeline or a plan needs the kind's facts, not its runner.
  run: async (tool, args, context) => (runner ??= (await import('./run-command.ts')).runCommand)(tool, args, context),
  secretTemplates: (tool) => Object.values(tool.env ?? {}),
  envTemplates: () => [],
  pathBase: (tool) => (tool.cwd === undefined ? { kind: 'workspace' } : { kind: 'directory', path: tool.cwd }),
  argumentProblems: (tool, args) => {
    const optionLike = findOptionLike(tool, args);
    return optionLike ? [{ code: 'option-like-argument', message: optionLikeMessage(tool, optionLike.name, optionLike.value) }] : [];
  },
  streamHold: () => undefined,
  identity: () => undefined,
  retries: (tool) => tool.retries,
  runsOnWorker: true,
};
