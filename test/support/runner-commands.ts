// The GitHub runner's reading of a step's stdout, for tests: lines split at \n, \r\n and a lone \r
// (.NET's ReadLine), a line run as a command when its trimmed text starts with `::` (TryParseV2) or
// holds the legacy `##[command]` form of a registered command anywhere (TryParse).

/** What the runner's own line reader and command parser find in what was printed. */
export function runnerCommands(stdout: string): string[] {
  // .NET's String.Trim: Unicode white space, NEL, and the C0 separators it counts as white space.
  const trimmed = (line: string) => line.replace(/^[\s\u0085\u180e\u001c-\u001f]+/, '');
  const registered = ['add-mask', 'add-matcher', 'add-path', 'debug', 'echo', 'endgroup', 'error', 'group', 'notice', 'remove-matcher', 'save-state', 'set-env', 'set-output', 'stop-commands', 'warning'];
  return stdout.split(/\r\n|\r|\n/).filter((line) => {
    if (trimmed(line).startsWith('::')) return true;
    const legacy = /##\[([^\s\]]+)/.exec(line);
    return legacy !== null && registered.includes(legacy[1]!.toLowerCase());
  });
}

