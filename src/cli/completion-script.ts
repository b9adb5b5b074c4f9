// `planexec completion bash|zsh|fish`: a shell completion script written from the commands as
// main.ts declares them to commander, so the completed commands and options are the real ones.

export type Shell = 'bash' | 'zsh' | 'fish';
export const completionShells: readonly Shell[] = ['bash', 'zsh', 'fish'];

/** What a positional argument completes to: file names, the ids of stored runs (`last`), or words. */
export type ArgumentValues = { readonly kind: 'files' } | { readonly kind: 'run-id' } | { readonly kind: 'words'; readonly words: readonly string[] } | { readonly kind: 'none' };

export interface CompletedOption {
  /** `--input`, and `-i` when it has a short form. */
  readonly long: string;
  readonly short?: string;
  readonly takesValue: boolean;
  readonly description: string;
}

export interface CompletedCommand {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CompletedOption[];
  readonly argument: ArgumentValues;
}

export interface CompletionSpec {
  readonly commands: readonly CompletedCommand[];
  /** Options of planexec itself (`--help`, `--version`, `--debug`). */
  readonly options: readonly CompletedOption[];
}

export function completionScript(shell: Shell, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}

const flagsOf = (options: readonly CompletedOption[]) => options.flatMap((o) => (o.short ? [o.short, o.long] : [o.long]));
/** Flags that take a value, so the word after them is that value, not a command or an argument. */
const valueFlagsOf = (options: readonly CompletedOption[]) => flagsOf(options.filter((o) => o.takesValue));
/** One line of a description, as a shell word may hold it. */
const summary = (text: string) => text.split('\n')[0]!.replace(/\s+/g, ' ').trim();
const singleQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

// Run ids are the folder names under the nearest .planexec/runs above the working directory.
const bashRunIds = `
_planexec_run_ids() {
  local dir="$PWD"
  while [[ -n "$dir" && ! -d "$dir/.planexec/runs" ]]; do
    [[ "$dir" == / ]] && return
    dir="$(dirname "$dir")"
  done
  [[ -d "$dir/.planexec/runs" ]] && ls -1 "$dir/.planexec/runs" 2>/dev/null
}`;

/** The shell-neutral name of what an argument completes to, and its words. */
function argumentWords(argument: ArgumentValues): { readonly kind: string; readonly words: string } {
  if (argument.kind === 'words') return { kind: 'words', words: argument.words.join(' ') };
  return { kind: argument.kind, words: '' };
}

function bashScript(spec: CompletionSpec): string {
  const cases = spec.commands.map((command) => {
    const { kind, words } = argumentWords(command.argument);
    return `    ${command.name}) opts="${flagsOf(command.options).join(' ')}" valued="${valueFlagsOf(command.options).join(' ')}" values=${kind} choices="${words}" ;;`;
  });
  return `# bash completion for planexec: eval "$(planexec completion bash)" (in ~/.bashrc), or save it as
# /etc/bash_completion.d/planexec
${bashRunIds.trim()}

_planexec() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  if [[ -z "$command" ]]; then
    COMPREPLY=( $(compgen -W "${spec.commands.map((c) => c.name).join(' ')} ${flagsOf(spec.options).join(' ')}" -- "$cur") )
    return 0
  fi
  local opts="" valued="" values="" choices=""
  case "$command" in
${cases.join('\n')}
    *) return 0 ;;
  esac
  # The word after a flag that takes a value is that value: file names.
  if [[ " $valued " == *" $prev "* ]]; then
    COMPREPLY=( $(compgen -f -- "$cur") )
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    case "$values" in
      files) COMPREPLY=( $(compgen -f -- "$cur") ) ;;
      run-id) COMPREPLY=( $(compgen -W "last $(_planexec_run_ids)" -- "$cur") ) ;;
      words) COMPREPLY=( $(compgen -W "$choices" -- "$cur") ) ;;
      *) COMPREPLY=() ;;
    esac
  fi
  return 0
}
complete -o filenames -F _planexec planexec
`;
}

function zshScript(spec: CompletionSpec): string {
  const commandList = spec.commands.map((c) => `    ${singleQuoted(`${c.name}:${summary(c.description)}`)}`).join('\n');
  const cases = spec.commands.map((command) => {
    const options = command.options.map((o) => singleQuoted(`${o.long}[${summary(o.description).replace(/[[\]]/g, '')}]`)).join(' ');
    const { kind, words } = argumentWords(command.argument);
    return `    ${command.name}) opts=(${options}) values=${kind} choices=(${words}) ;;`;
  });
  return `#compdef planexec
# zsh completion for planexec: source <(planexec completion zsh) (in ~/.zshrc), or save it as _planexec
# in a folder of your $fpath.
_planexec_run_ids() {
  local dir="$PWD"
  while [[ "$dir" != / && ! -d "$dir/.planexec/runs" ]]; do dir="\${dir:h}"; done
  [[ -d "$dir/.planexec/runs" ]] && ls -1 "$dir/.planexec/runs" 2>/dev/null
}

_planexec() {
  local -a commands opts choices
  local values
  commands=(
${commandList}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'planexec command' commands
    return
  fi
  case "$words[2]" in
${cases.join('\n')}
    *) return 1 ;;
  esac
  if [[ "$PREFIX" == -* ]]; then
    _values 'option' $opts
  else
    case "$values" in
      files) _files ;;
      run-id) compadd -- last \${(f)"$(_planexec_run_ids)"} ;;
      words) compadd -- $choices ;;
    esac
  fi
}

if [[ "$funcstack[1]" == _planexec ]]; then
  _planexec "$@"
else
  compdef _planexec planexec
fi
`;
}

function fishScript(spec: CompletionSpec): string {
  const lines = [
    '# fish completion for planexec: planexec completion fish > ~/.config/fish/completions/planexec.fish',
    'function __planexec_run_ids',
    '    set -l dir $PWD',
    '    while test "$dir" != / -a ! -d "$dir/.planexec/runs"',
    '        set dir (dirname $dir)',
    '    end',
    '    test -d "$dir/.planexec/runs"; and ls -1 "$dir/.planexec/runs" 2>/dev/null',
    'end',
    'complete -c planexec -f',
    ...spec.options.map((o) => `complete -c planexec -n __fish_use_subcommand -l ${o.long.slice(2)}${o.short ? ` -s ${o.short.slice(1)}` : ''} -d ${singleQuoted(summary(o.description))}`),
  ];
  for (const command of spec.commands) {
    const when = `'__fish_seen_subcommand_from ${command.name}'`;
    lines.push(`complete -c planexec -n __fish_use_subcommand -a ${command.name} -d ${singleQuoted(summary(command.description))}`);
    for (const o of command.options) lines.push(`complete -c planexec -n ${when} -l ${o.long.slice(2)}${o.short ? ` -s ${o.short.slice(1)}` : ''}${o.takesValue ? ' -r' : ''} -d ${singleQuoted(summary(o.description))}`);
    const argument = command.argument;
    if (argument.kind === 'files') lines.push(`complete -c planexec -n ${when} -F`);
    if (argument.kind === 'run-id') lines.push(`complete -c planexec -n ${when} -a 'last (__planexec_run_ids)'`);
    if (argument.kind === 'words') lines.push(`complete -c planexec -n ${when} -a ${singleQuoted(argument.words.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
