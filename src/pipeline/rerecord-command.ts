// The command that makes (or remakes) a test's recording: the test's inputs, a live model, --record.
// Shown when a recording is missing or stale, ready to paste into a POSIX shell.

import path from 'node:path';
import type { Pipeline, PipelineTest } from './types.ts';

export function rerecordCommand(pipeline: { readonly file: string; readonly planning: Pick<Pipeline['planning'], 'cache'> }, test: Pick<PipelineTest, 'inputs'> & { readonly replay: string }, cwd: string = process.cwd()): string {
  const words = ['planexec', 'run', shown(pipeline.file, cwd)];
  for (const [name, value] of Object.entries(test.inputs)) words.push('--input', `${name}=${String(value)}`);
  // A plan cache hit would skip the planning call, and the recording would lack it.
  if (pipeline.planning.cache) words.push('--no-cache');
  words.push('--record', shown(test.replay, cwd));
  return words.map(shellWord).join(' ');
}

function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
