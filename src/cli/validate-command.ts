// `planexec validate <file|folder|glob>… [--plan plan.json]`: check pipeline, tool and config files,
// the fixed plans of pipelines and a plan file, without calling a model.

import type { Diagnostic } from '../source/diagnostic.ts';
import { formatDiagnostic } from '../source/diagnostic.ts';
import { validatePaths } from '../pipeline/validate-files.ts';
import { checkFixedPlans } from '../run/check-fixed-plans.ts';
import { CommandLineError, exitCode } from './cli-io.ts';

export async function validateCommand(files: string[], flags: { readonly json?: boolean; readonly plan?: string } = {}): Promise<number> {
  const found = await validatePaths(files, process.cwd());
  const plans = await checkFixedPlans(found.pipelines, process.cwd(), flags.plan);
  if (flags.plan !== undefined && plans.pipelineFiles !== 1) {
    throw new CommandLineError(`--plan checks a plan file against one pipeline; ${plans.pipelineFiles === 0 ? 'no pipeline file was given' : `${plans.pipelineFiles} pipeline files were given`}`);
  }
  const validation = { ...found, diagnostics: [...found.diagnostics, ...plans.diagnostics] };
  // Each file's problems in reading order; files in the order found (a pipeline before the tool files it imports).
  const fileOrder = [...new Set(validation.diagnostics.map((d) => d.file))];
  const diagnostics = [...validation.diagnostics].sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line || a.col - b.col);
  for (const diagnostic of diagnostics) {
    if (flags.json) process.stdout.write(`${JSON.stringify(diagnosticJson(diagnostic))}\n`);
    else process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  }
  const skipped = validation.skipped;
  if (skipped.length > 0) process.stderr.write(`skipped ${skipped.length} YAML file${skipped.length === 1 ? '' : 's'} that ${skipped.length === 1 ? 'is not a' : 'are not'} pipeline, tool or config file${skipped.length === 1 ? '' : 's'}: ${namedAtMost(skipped, 10)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const filesWithErrors = new Set(errors.map((d) => d.file)).size;
    process.stderr.write(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${filesWithErrors} file${filesWithErrors === 1 ? '' : 's'}\n`);
    return exitCode.invalidInput;
  }
  const count = validation.checked.length + (flags.plan !== undefined ? 1 : 0);
  process.stderr.write(`${count} file${count === 1 ? '' : 's'} valid\n`);
  return exitCode.ok;
}

/** The README's shape of one `validate --json` line: positions 1-based, `hint` and `fix` when known. */
function diagnosticJson(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line,
    column: d.col,
    severity: d.severity,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    ...(d.fix !== undefined ? { fix: { text: d.fix.text, endLine: d.fix.end.line, endColumn: d.fix.end.col } } : {}),
  };
}

/** The first names, and how many more: a folder of hundreds of YAML data files is one short line, not a screenful. */
function namedAtMost(names: readonly string[], shown: number): string {
  if (names.length <= shown + 1) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
