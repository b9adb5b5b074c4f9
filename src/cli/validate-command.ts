// `planexec validate <file>… [--plan plan.json]`: check pipeline, tool and config files, the fixed
// plans of pipelines and a plan file, without calling a model.

import { formatDiagnostic } from '../source/diagnostic.ts';
import { validateFiles } from '../pipeline/validate-files.ts';
import { checkFixedPlans } from '../run/check-fixed-plans.ts';
import { exitCode, UsageError } from './cli-io.ts';

export async function validateCommand(files: string[], flags: { readonly plan?: string } = {}): Promise<number> {
  const plans = await checkFixedPlans(files, process.cwd(), flags.plan);
  if (flags.plan !== undefined && plans.pipelineFiles !== 1) {
    throw new UsageError(`--plan checks a plan file against one pipeline; ${plans.pipelineFiles === 0 ? 'no pipeline file was given' : `${plans.pipelineFiles} pipeline files were given`}`);
  }
  const found = [...(await validateFiles(files, process.cwd())), ...plans.diagnostics];
  // Each file's problems in reading order; files in the order found (a pipeline before the tool files it imports).
  const fileOrder = [...new Set(found.map((d) => d.file))];
  const diagnostics = [...found].sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line || a.col - b.col);
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const filesWithErrors = new Set(errors.map((d) => d.file)).size;
    process.stderr.write(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${filesWithErrors} file${filesWithErrors === 1 ? '' : 's'}\n`);
    return exitCode.invalidInput;
  }
  const checked = files.length + (flags.plan !== undefined ? 1 : 0);
  process.stderr.write(`${checked} file${checked === 1 ? '' : 's'} valid\n`);
  return exitCode.ok;
}
