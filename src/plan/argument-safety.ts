// Checks of a step's arguments beyond their schema, for what a hostile plan could do with valid
// values: text no program can receive (NUL, broken Unicode), a value that a command would read as an
// option (`--upload-pack=…`), and a `format: path` argument leading out of the workspace. The compiler
// runs them on the plan as written; the runners run them again on the final values, because output
// references are only filled in then (the pieces both use are the tools' own: tools/unsafe-text.ts,
// tools/path-arguments.ts, and what each kind adds, e.g. tools/kinds/command/option-injection.ts).

import path from 'node:path';
import type { ToolSpec } from '../pipeline/types.ts';
import { argumentPathOf, lexicalEscape, outsideWorkspaceMessage, type PathArguments } from '../tools/path-arguments.ts';
import { toolKindOf } from '../tools/tool-kinds.ts';
import { findUnsafeText, unsafeTextReason } from '../tools/unsafe-text.ts';
import { DEFAULT_WRITABLE, gitMessage, gitPart, notWritableMessage, pathParts, protectedPart, stateFolderMessage, writableFolderOf } from '../tools/writable-folders.ts';
import { quoteName } from './check-arguments.ts';
import type { PlanProblem } from './plan-types.ts';

type Args = Readonly<Record<string, unknown>>;

interface SafetyOptions {
  /** The directory the run will use as its workspace; without it, only what needs no location is checked. */
  readonly workspace?: string;
  /** The pipeline's writable folders (normalized); default out. */
  readonly writable?: readonly string[];
}

const referenceStart = '${steps.';

/**
 * Problems of one step's arguments as the plan wrote them; references are checked once filled in.
 * `paths`: their path arguments, as the argument check found them (check-arguments.ts).
 */
export function checkArgumentSafety(label: string, stepId: string, tool: ToolSpec, args: Args, paths: PathArguments, options: SafetyOptions = {}): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const unsafe = findUnsafeText(args);
  if (unsafe) problems.push({ code: 'unsafe-text', stepId, message: `${label}: argument ${quoteName(unsafe.where)} ${unsafe.reason}` });
  const kind = toolKindOf(tool);
  for (const problem of kind.argumentProblems(tool, args)) problems.push({ code: problem.code, stepId, message: `${label}: ${problem.message}` });
  const base = kind.pathBase(tool);
  if (base.kind === 'none') return problems;
  const cwd = base.kind === 'directory' ? base.path : undefined;
  for (const value of paths.all) {
    if (value.includes(referenceStart) || unsafeTextReason(value) !== undefined) continue;
    const where = argumentPathOf(args, value);
    let escaped: string | undefined;
    if (options.workspace !== undefined) {
      const workspace = path.resolve(options.workspace);
      const at = lexicalEscape(value, cwd ?? workspace, workspace);
      if (at !== undefined) escaped = outsideWorkspaceMessage(where, value, at, workspace);
    } else if (cwd === undefined && !path.isAbsolute(value)) {
      // Relative to the workspace itself: a ".." above it leaves it wherever it is.
      const normal = path.normalize(value);
      if (normal === '..' || normal.startsWith(`..${path.sep}`)) escaped = `argument ${quoteName(where)} is the path ${JSON.stringify(value)}, which climbs out of the workspace with ".."; only paths inside the workspace (the directory planexec runs in) are allowed`;
    }
    if (escaped !== undefined) {
      problems.push({ code: 'path-outside-workspace', stepId, message: `${label}: ${escaped}` });
      continue;
    }
    const refused = placeProblem(where, value, paths.written.has(value), cwd, options);
    if (refused !== undefined) problems.push({ code: 'path-not-allowed', stepId, message: `${label}: ${refused}` });
  }
  return problems;
}

/**
 * Why a path inside the workspace is still off limits, as far as the text tells (the runner decides on
 * the disk): a part naming .git, or a written path outside the writable folders. Compared without
 * regard to case here, so only what no file system would allow is refused before the run.
 */
function placeProblem(where: string, value: string, writes: boolean, cwd: string | undefined, options: SafetyOptions): string | undefined {
  if (gitPart(pathParts(path.normalize(value))) !== undefined) return gitMessage(where, value);
  if (!writes) return undefined;
  let relative: string;
  if (options.workspace !== undefined) relative = path.relative(path.resolve(options.workspace), path.resolve(options.workspace, cwd ?? '.', value));
  else if (cwd === undefined && !path.isAbsolute(value)) relative = path.normalize(value);
  else return undefined;
  const parts = pathParts(relative);
  const state = protectedPart(parts);
  if (state !== undefined) return stateFolderMessage(where, value, state);
  const writable = options.writable ?? DEFAULT_WRITABLE;
  return writableFolderOf(parts, writable, true) === undefined ? notWritableMessage(where, value, writable) : undefined;
}
