// `planexec validate <file>…`: check pipeline, tool and config files without calling a model.

import { formatDiagnostic } from '../source/diagnostic.ts';
import { validateFiles } from '../pipeline/validate-files.ts';
import { exitCode } from './cli-io.ts';

export async function validateCommand(files: string[]): Promise<number> {
  const diagnostics = await validateFiles(files, process.cwd());
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}\n`);
    return exitCode.invalidInput;
  }
  process.stderr.write(`${files.length} file${files.length === 1 ? '' : 's'} valid\n`);
  return exitCode.ok;
}
