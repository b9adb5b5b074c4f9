// A --debug stack trace read back to planexec's source. The bundled CLI's names are minified
// (scripts/build-cli.ts); each of its scripts in dist/bin/ has a source map beside it, read here only
// when a trace is printed, so a frame `at Xe (…/dist/bin/cli.cjs:1:2345)` names the file, line and
// column it was written at (`src/cli/main.ts:60:20`; the function's name stays minified). A frame of
// any other file (the source run, Node's own, a module tool's) is left as V8 wrote it.

import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<path or file: URL>.cjs|.js:line:column`, as V8 writes a frame's place. */
const FRAME_PLACE = /((?:file:\/\/)?[^\s()]+\.(?:cjs|js)):(\d+):(\d+)/g;

/** The folder of the bundle's scripts: this module is bundled into them (run from source, no frame is there). */
const bundleFolder = import.meta.dirname;

export function sourceStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack.replace(FRAME_PLACE, (frame: string, where: string, line: string, column: string) => {
    try {
      const file = where.startsWith('file://') ? fileURLToPath(where) : where;
      if (path.dirname(file) !== bundleFolder) return frame;
      if (!maps.has(file)) maps.set(file, readMap(file));
      const entry = maps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (entry === undefined || !('originalSource' in entry)) return frame;
      // The build names sources from the repository root: src/…, node_modules/….
      return `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      // A trace is printed all the same: this frame as V8 wrote it.
      return frame;
    }
  });
}

function readMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    // No map, or an unreadable one: the frame stays as V8 wrote it.
    return undefined;
  }
}
