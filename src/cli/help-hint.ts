// The pointer to --help under a usage error, in a module of its own so `planexec --help` loads nothing
// more than it needs.

/** The line under a usage error: where the usage of `command` (or of planexec) is. */
export function helpHint(command?: string): string {
  return `(see planexec ${command ? `${command} ` : ''}--help)`;
}
