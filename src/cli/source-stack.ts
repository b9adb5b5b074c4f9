// A --debug stack trace read back to planexec's source. The bundled CLI's names are minified
// (scripts/build-cli.ts); each script in dist/bin/ has a source map beside it, read here only when a
// trace is printed, so a frame `at Xe (…/dist/bin/cli.cjs:1:2345)` names the TypeScript file, line
// and column it was written at. A frame of any other file (the source run, Node's own) is left as it is.

import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/** `…/dist/bin/<script>.cjs:line:column` or `….js:line:column`, as V8 writes a frame's place (a path or a file: URL). */
const BUNDLED_FRAME = /((?:file:\/\/)?[^\s()]*[\\/]dist[\\/]bin[\\/][\w-]+\.(?:cjs|js)):(\d+):(\d+)/g;

export function sourceStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack.replace(BUNDLED_FRAME, (frame: string, where: string, line: string, column: string) => {
    const file = where.startsWith('file://') ? new URL(where).pathname : where;
    if (!maps.has(file)) maps.set(file, readMap(file));
    const map = maps.get(file);
    const entry = map?.findEntry(Number(line) - 1, Number(column) - 1);
    if (entry === undefined || !('originalSource' in entry)) return frame;
    // The build names sources from the repository root: src/…, node_modules/….
    return `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

function readMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    // No map (an unbundled start), or an unreadable one: the frame stays as V8 wrote it.
    return undefined;
  }
}
