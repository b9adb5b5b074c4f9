// A tool's raw text output read in the format its declaration names: text, lines or json.

import { ToolError } from './tool-call.ts';
import type { OutputFormat } from './tool-spec.ts';

export function parseOutput(text: string, format: OutputFormat, truncated: boolean): unknown {
  switch (format) {
    case 'text':
      return text.replace(/\r?\n$/, '');
    case 'lines':
      return text.split(/\r?\n/).filter((line) => line.trim() !== '');
    case 'json':
      if (truncated) throw new ToolError('the output was truncated at the size limit, so it is not complete JSON (raise execution.maxOutputBytes)');
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new ToolError(`the output is not JSON (the tool declares output: json): ${(error as Error).message}`);
      }
  }
}
