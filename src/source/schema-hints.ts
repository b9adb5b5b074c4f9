// What to add to a schema message when the mistake behind it is a common one: a field left empty
// because the lines below it are not indented, a command written as a shell line, a tool without
// `args`, an args schema without `type: object`, a list written without "- ", a GitHub Actions
// field, a tool with the fields of two kinds.

import type { InstancePath } from './yaml-source.ts';

const ARGS_EXAMPLE = 'args: { type: object, properties: { file: { type: string } }, required: [file] }';

/** Hint for "must be <types> (got …)", or ''. */
export function typeHint(path: InstancePath, expected: readonly string[], data: unknown): string {
  const field = String(path[path.length - 1] ?? '');
  if (field === 'command' && typeof data === 'string') {
    return `; write the program and each argument as one list item, e.g. [${argvSuggestion(data)}] (a command never runs through a shell)`;
  }
  if (expected.length === 1 && expected[0] === 'array' && data !== null && typeof data === 'object') {
    return '; start each item with "- "';
  }
  return '';
}

/** Hint for "missing required field …", or ''. */
export function requiredHint(path: InstancePath, missing: readonly string[]): string {
  const field = String(path[path.length - 1] ?? '');
  if (missing.length === 1 && missing[0] === 'args' && isToolPath(path)) {
    return ` (the JSON Schema of the arguments a plan may pass, e.g. ${ARGS_EXAMPLE}; for none, args: { type: object })`;
  }
  if (missing.includes('type') && field === 'args') {
    return ' (args is a JSON Schema: write type: object and put the arguments under properties:)';
  }
  return '';
}

/** Hint for an unknown field that belongs in the empty field just before it, or ''. */
export function misplacedFieldHint(container: unknown, name: string): string {
  if (container === null || typeof container !== 'object' || Array.isArray(container)) return '';
  const keys = Object.keys(container);
  const previous = keys[keys.indexOf(name) - 1];
  if (previous === undefined || (container as Record<string, unknown>)[previous] !== null) return '';
  return ` (is it meant to be inside "${previous}", which is empty? indent it under that field)`;
}

/** `timeout-minutes: 10` → `10m`: the same duration as planexec writes it. */
function minutes(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? `${value}m` : '10m';
}

const NO_IF = 'none: the model decides which tools a plan uses, so say in the tool\'s description when it is the one to use';
const NO_NEEDS = 'none: the model plans the steps, and a step waits for those whose output it reads, ${steps.ID.output}, and those in its dependsOn';
const NO_RUNS_ON = 'none: steps run where planexec runs, or on workers with --backend redis://…';
const NO_STEPS = 'none: the model plans the steps from task: and tools:';

/**
 * Fields of GitHub Actions workflows and steps, and what planexec has instead, for a tool and for a
 * pipeline: `write …` for an equivalent, `none: …` for what works otherwise.
 */
const GITHUB_ACTIONS_FIELDS: Readonly<Record<string, { readonly tool?: (value: unknown) => string; readonly pipeline?: (value: unknown) => string }>> = {
  'timeout-minutes': { tool: (value) => `write timeout: ${minutes(value)}`, pipeline: (value) => `write execution: { stepTimeout: ${minutes(value)} } for every step, or timeout: on a tool` },
  'continue-on-error': { tool: () => 'write critical: false, and a failure no other step needs does not stop the run', pipeline: () => 'write critical: false on each tool whose failure may be passed over' },
  needs: { tool: () => NO_NEEDS, pipeline: () => NO_NEEDS },
  if: { tool: () => NO_IF, pipeline: () => NO_IF },
  'runs-on': { tool: () => NO_RUNS_ON, pipeline: () => NO_RUNS_ON },
  steps: { pipeline: () => NO_STEPS },
  jobs: { pipeline: () => NO_STEPS },
  env: { pipeline: () => 'write secrets: [NAME, …] for the variables tools may read, as {{secrets.NAME}} in a command tool\'s env or an http tool\'s headers, or env: on a command tool' },
  with: { tool: () => 'write args:, the JSON Schema of what a plan passes, read as {{args.NAME}}', pipeline: () => 'write inputs:, given with --input name=value' },
  run: { tool: () => 'write command: [program, arg, …], an argument list, never a shell line' },
  uses: { tool: () => 'write use: path/to/tools.yaml to import a tool file' },
  shell: { tool: () => 'none: a command never runs through a shell, so write command: [program, arg, …]' },
  'working-directory': { tool: () => 'write cwd:' },
  concurrency: { pipeline: () => 'write execution: { concurrency: N }' },
  on: { pipeline: () => 'none: planexec runs when it is run; in a workflow, run it with the planexec GitHub Action' },
};

/** Hint for an unknown field that is a GitHub Actions one, naming planexec's equivalent, or ''. */
export function githubActionsFieldHint(path: InstancePath, name: string, value: unknown): string {
  const known = Object.prototype.hasOwnProperty.call(GITHUB_ACTIONS_FIELDS, name) ? GITHUB_ACTIONS_FIELDS[name] : undefined;
  const equivalent = (isToolPath(path) ? known?.tool : path.length === 0 ? known?.pipeline : undefined)?.(value);
  if (equivalent === undefined) return '';
  return equivalent.startsWith('none: ') ? ` (a GitHub Actions field; planexec has ${equivalent})` : ` (a GitHub Actions field: ${equivalent})`;
}

/** The field that chooses each kind of tool, in the order the tool schema tries them (`url` first). */
const TOOL_KIND_FIELDS: readonly (readonly [field: string, kind: string])[] = [
  ['url', 'http'],
  ['module', 'module'],
  ['command', 'command'],
];

/**
 * Where and what to say when a tool declaration has the fields of two kinds (`command:` and `url:`):
 * the schema took the first kind and calls the other's field unknown, which hides the real mistake.
 * Said once, at the field of the declaration that came second.
 */
export function toolKindConflict(path: InstancePath, declaration: unknown, name: string): { readonly field: string; readonly message: string } | undefined {
  if (!isToolPath(path) || declaration === null || typeof declaration !== 'object' || Array.isArray(declaration)) return undefined;
  const keys = Object.keys(declaration);
  const chosen = TOOL_KIND_FIELDS.filter(([field]) => keys.includes(field)).sort((a, b) => keys.indexOf(a[0]) - keys.indexOf(b[0]));
  if (chosen.length < 2 || !chosen.some(([field]) => field === name)) return undefined;
  const named = chosen.map(([field, kind]) => `"${field}" (${kind})`);
  const list = named.length === 2 ? named.join(' and ') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return {
    field: chosen[1]![0],
    message: `a tool has one kind: command (command:), http (url:) or module (module:), but this one has ${list}; keep one, and declare any other as a tool of its own`,
  };
}

/** `tools[2]` in a pipeline, or `[2]` at the top of a tool file. */
function isToolPath(path: InstancePath): boolean {
  return (path.length === 2 && path[0] === 'tools') || (path.length === 1 && /^\d+$/.test(String(path[0])));
}

/** `grep -c TODO src/*.ts` → `grep, -c, TODO, "src/*.ts"`. */
function argvSuggestion(line: string): string {
  return line
    .trim()
    .split(/\s+/)
    .map((word) => (/^[A-Za-z0-9_./=:@%+-]+$/.test(word) && !/^[-:]$/.test(word) ? word : JSON.stringify(word)))
    .join(', ');
}
