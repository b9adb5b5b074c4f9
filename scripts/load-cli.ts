// Bundled into the CLI's entry (dist/bin/planexec.js) by scripts/build-cli.ts: runs dist/bin/cli.cjs,
// the whole CLI in one script, through a V8 code cache made after the command ran.
//
// Node's compile cache keeps only what V8 compiles when it first reads a module; a function that runs
// later is compiled again at every start, and for validate or an offline run that was most of the
// start. A cache V8 makes once the command has run holds every function it ran. One cache per
// command (what `validate` runs is not what `runs` runs), written once: when there was none, or V8
// refused it (another Node.js, other flags).
//
// The cache is executable code, so it lives only in a folder of this user's that nobody else can
// write: planexec-code-cache/ in Node's compile cache folder (the OS temp folder unless
// NODE_COMPILE_CACHE moves it), and NODE_DISABLE_COMPILE_CACHE=1 turns it off with Node's. A cache
// that cannot be read or written means compiling, never failing.

import { accessSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** What cli.cjs and help.cjs export: main.ts's `start`, which runs the command line of this process. */
interface Cli {
  readonly start: () => Promise<void>;
}

/** Commands with a cache of their own (main.ts's, read by the build); any other first argument shares one. */
let commands: ReadonlySet<string> = new Set();

/**
 * Runs the command line. `ids`: a digest of each script (cli.cjs, help.cjs, and the parts beside
 * them, such as sdk.cjs) made when it was built, which keys its caches; `names`: the commands main.ts
 * declares.
 */
export async function startCli(ids: Readonly<Record<string, string>>, names: readonly string[]): Promise<void> {
  commands = new Set(names);
  await (runScript(onlyHelp(process.argv.slice(2), commands) ? 'help' : 'cli', ids) as Cli).start();
  // Only once the command is done: a command that never settled must not exit as if it had.
  process.once('beforeExit', exitAtOnce);
}

/**
 * Node found nothing left to wait for (no timer, handle, request, worker or thread-pool job, which
 * is when it emits beforeExit): exit there. A natural exit would go on to free the heap page by page
 * (1-1.5 ms of a start) before the process ends; the exit listeners (the code cache's writing) run
 * either way, and the exit code is process.exitCode. When another listener waits for beforeExit (it
 * may start more work), Node's own exit does the rest.
 */
function exitAtOnce(): void {
  if (process.listenerCount('beforeExit') === 0) process.exit();
}

/**
 * A command line commander answers with help or the version, running no command: `planexec`,
 * `--help`, `-h`, `--version`, `-v`, `help [command]`, `<command> --help`. help.cjs, main.ts with no
 * command's code, serves it, a twentieth of cli.cjs; any other line, a mistaken one too, gets cli.cjs.
 */
export function onlyHelp(argv: readonly string[], known: ReadonlySet<string>): boolean {
  const [first, second, ...rest] = argv;
  if (rest.length > 0) return false;
  if (first === undefined) return true;
  if (second === undefined) return first === '--help' || first === '-h' || first === '--version' || first === '-v' || first === 'help';
  return (first === 'help' && known.has(second)) || (known.has(first) && (second === '--help' || second === '-h'));
}

/** The parts loaded so far: scripts the CLI loads on the path that needs them (the model SDK). */
const parts = new Map<string, unknown>();

/** Runs dist/bin/<name>.cjs, compiled through its code cache; returns its `module.exports`. */
function runScript(name: string, ids: Readonly<Record<string, string>>): unknown {
  // This module is bundled into dist/bin/planexec.js, beside the scripts.
  const file = path.join(import.meta.dirname, `${name}.cjs`);
  // ASCII, and the function the script is (scripts/build-cli.ts): read as Latin-1, compiled as read.
  const source = readFileSync(file, 'latin1');
  const id = ids[name];
  const cache = id === undefined ? undefined : codeCacheFile(name, id);
  let cachedData: Buffer | undefined;
  try {
    if (cache !== undefined) cachedData = readOwnFile(cache.file);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(source, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  if (cache?.writable === true && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => writeCodeCache(cache.file, script));
  }
  const exported: { exports: unknown } = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    exported.exports,
    module.createRequire(file),
    exported,
    file,
    path.dirname(file),
    pathToFileURL(file).href,
    // Resolves as the script would: this module sits in the same folder.
    (specifier: string) => import(specifier),
    (part: string) => {
      if (!parts.has(part)) parts.set(part, runScript(part, ids));
      return parts.get(part);
    },
  );
  return exported.exports;
}

/**
 * Where this command's cache of a script is, and whether it may be written there (a read-only folder,
 * say one filled when an image was built, is read all the same); nothing when there is no private
 * folder for it.
 */
function codeCacheFile(script: string, id: string): { readonly file: string; readonly writable: boolean } | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE !== undefined && process.env.NODE_DISABLE_COMPILE_CACHE !== '') return undefined;
  const base = module.getCompileCacheDir?.();
  if (base === undefined) return undefined;
  try {
    const dir = path.join(base, 'planexec-code-cache');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Not followed if a link: another user's folder, or one others may write to, could hold code
    // planted for us (and our sweep of old caches would delete in it).
    const folder = lstatSync(dir);
    if (!folder.isDirectory() || (process.getuid !== undefined && folder.uid !== process.getuid()) || (folder.mode & 0o022) !== 0) return undefined;
    const argument = process.argv[2] ?? '';
    const command = commands.has(argument) ? argument : 'other';
    // help.cjs has one cache whatever the command line; a part has one per command that loads it.
    const name = script === 'cli' ? command : script === 'help' ? 'help' : `${command}+${script}`;
    // V8 checks its version, its flags and the source's length, not the source: the digest tells one build from another.
    const file = path.join(dir, `${name}-${process.version}-${id}.bin`);
    // A folder we may not write to would cost making a cache at every exit for nothing.
    return { file, writable: isWritable(dir) };
  } catch {
    return undefined;
  }
}

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A file's bytes, when this user owns it and nobody else may write it. */
function readOwnFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || (process.getuid !== undefined && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeCodeCache(file: string, script: vm.Script): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeFileSync(fd, data);
    } finally {
      closeSync(fd);
    }
    // Whole or not at all: another start reading it meanwhile sees the old file or the new one.
    renameSync(temporary, file);
  } catch {
    // Starting matters more than starting fast.
    try {
      unlinkSync(temporary);
    } catch {
      // Not made.
    }
    return;
  }
  try {
    sweepOldCaches(file);
  } catch {
    // The folder could not be listed: the old caches stay until the next write.
  }
}

/**
 * Caches of this command's other builds (on this Node.js) are kept while they may still be used (a
 * global and a project's planexec of two versions, started in turn, each keep theirs): the newest
 * few stay, older ones go, and so does a temporary file a start left behind long ago.
 */
const KEPT_BUILDS = 3;

function sweepOldCaches(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file).split('-').slice(0, 2).join('-')}-`;
  const caches: { name: string; mtimeMs: number }[] = [];
  // Another start may sweep or rename at the same time: a file gone meanwhile is passed over.
  const unlinkIfThere = (name: string) => {
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      // Removed by another start.
    }
  };
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    let mtimeMs: number;
    try {
      ({ mtimeMs } = lstatSync(path.join(dir, name)));
    } catch {
      continue;
    }
    if (name.endsWith('.bin')) caches.push({ name, mtimeMs });
    else if (name.endsWith('.tmp') && mtimeMs < Date.now() - 60_000) unlinkIfThere(name);
  }
  caches.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of caches.slice(KEPT_BUILDS)) unlinkIfThere(name);
}
