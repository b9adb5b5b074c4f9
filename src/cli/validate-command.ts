// `planexec validate <file>…`: check pipeline, tool and config files without calling a model.

import { formatDiagnostic } from '../source/diagnostic.ts';
import { validateFiles } from '../pipeline/validate-files.ts';
import { exitCode } from './cli-io.ts';

export async function validateCommand(files: string[]): Promise<number> {
  const found = await validateFiles(files, process.cwd());
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
  process.stderr.write(`${files.length} file${files.length === 1 ? '' : 's'} valid\n`);
  return exitCode.ok;
}
