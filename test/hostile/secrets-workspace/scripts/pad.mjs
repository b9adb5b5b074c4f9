// A module tool: the file's text after `pad` filler characters (as a module might return it).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function padded(args, { cwd }) {
  return `${'x'.repeat(args.pad)}${readFileSync(path.join(cwd, args.file), 'utf8').trim()}`;
}
