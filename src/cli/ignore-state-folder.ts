// `planexec init` keeps the run store out of git: `.planexec/` in the project's .gitignore, created or
// appended to, never twice, and with every line the user wrote kept as it was.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Lines that already ignore the state folder, as users write them. */
const ignoringLines = new Set(['.planexec', '.planexec/', '/.planexec', '/.planexec/', '.planexec/*', '.planexec/**', '/.planexec/*', '/.planexec/**']);

/** The .gitignore text with `.planexec/` ignored; undefined when it already is. */
export function withStateFolderIgnored(text: string): string | undefined {
  if (text.split(/\r?\n/).some((line) => ignoringLines.has(line.trim()))) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separated = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
  return `${separated}# planexec's run history and plan cache${eol}.planexec/${eol}`;
}

/** Ignore `.planexec/` in `<dir>/.gitignore`: what was done, for init's list of what it changed. */
export async function ignoreStateFolder(dir: string): Promise<'created' | 'updated' | 'unchanged'> {
  const file = path.join(dir, '.gitignore');
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const text = withStateFolderIgnored(existing ?? '');
  if (text === undefined) return 'unchanged';
  // 'wx' when there was none: a .gitignore that appeared meanwhile is not replaced.
  await writeFile(file, text, existing === undefined ? { flag: 'wx' } : {});
  return existing === undefined ? 'created' : 'updated';
}
