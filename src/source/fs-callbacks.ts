// node:fs calls as promises, made from its callbacks. Not node:fs/promises: loading that loads
// readline, the REPL's history and the file watchers (about 1.5 ms of a start) for the few calls a
// run makes (reading its files, confining path arguments, cosmiconfig's search in the bundled CLI).

import { lstat as lstatCallback, opendir as opendirCallback, readdir as readdirCallback, readFile as readFileCallback, readlink as readlinkCallback, realpath as realpathCallback, stat as statCallback, type BigIntStats, type Dir, type Stats } from 'node:fs';

/** A callback of node:fs as a promise. */
export function fsCall<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

export const stat = (file: string): Promise<Stats> => fsCall((done) => statCallback(file, done));
export const lstat = (file: string): Promise<Stats> => fsCall((done) => lstatCallback(file, done));
/** lstat with 64-bit inode and device numbers. */
export const lstatBigInt = (file: string): Promise<BigIntStats> => fsCall((done) => lstatCallback(file, { bigint: true }, done));
export const opendir = (dir: string): Promise<Dir> => fsCall((done) => opendirCallback(dir, done));
export const readdir = (dir: string): Promise<string[]> => fsCall((done) => readdirCallback(dir, done));
export const readlink = (file: string): Promise<string> => fsCall((done) => readlinkCallback(file, done));
export const readFile = (file: string): Promise<Buffer> => fsCall((done) => readFileCallback(file, done));
/** The operating system's realpath(3), as node:fs/promises' realpath is (not node:fs's realpath, which walks in JavaScript). */
export const realpath = (file: string): Promise<string> => fsCall((done) => realpathCallback.native(file, done));
