// How the user starts planexec in this project, for the commands the CLI suggests (`next: …`,
// `planexec resume <id>`): `npx planexec` when it is a dependency of the project (not on the PATH).

import path from 'node:path';
import { readRegularFileSync } from '../source/read-regular-file.ts';
import { isRecord } from '../source/is-record.ts';

const dependencyFields = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** `npx planexec` when the nearest package.json above `cwd` depends on planexec (or is planexec), else `planexec`. */
export function planexecInvocation(cwd: string): string {
  const manifest = nearestPackageJson(path.resolve(cwd));
  if (manifest === undefined) return 'planexec';
  const local = manifest.name === 'planexec' || dependencyFields.some((field) => isRecord(manifest[field]) && Object.hasOwn(manifest[field], 'planexec'));
  return local ? 'npx planexec' : 'planexec';
}

function nearestPackageJson(start: string): Record<string, unknown> | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const read = readRegularFileSync(path.join(dir, 'package.json'), 1024 * 1024);
    if (read.ok) {
      try {
        const value: unknown = JSON.parse(read.bytes.toString('utf8'));
        return isRecord(value) ? value : undefined;
      } catch {
        // A package.json npm cannot read either: no reason to suggest npx.
        return undefined;
      }
    }
    if (read.code !== 'ENOENT' && read.code !== 'ENOTDIR') return undefined;
    if (path.dirname(dir) === dir) return undefined;
  }
}
