// Special files where planexec expects a file a user wrote: /dev/zero (stat says 0 bytes, it never
// ends), a FIFO (opening it waits for a writer forever), a directory, a device behind a symbolic link.
// Every place that reads such a file — pipelines, tool files (`use:`), prompts, the config, replay
// recordings, module tools — refuses it at once, with the file and why; nothing hangs or grows.

import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile, readRegularFileSync } from '../../src/source/read-regular-file.ts';
import { runCli, tempProject } from '../support/run-cli.ts';

const posix = process.platform !== 'win32';
const stackTrace = /\n\s+at .+[:(].*\d+:\d+\)?/;

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

const pipeline = (extra = '', use?: string) => `version: 1
name: special
task: "read special files"
model: { name: m }
${extra}tools:
${use === undefined ? '' : `  - use: ${use}\n`}  - name: hello
    description: Says hello
    command: [echo, hello]
    args: { type: object, properties: {}, additionalProperties: false }
`;

describe.runIf(posix)('readRegularFile', () => {
  it('refuses a character device, a FIFO and a directory without reading them', async () => {
    const dir = await tempProject({});
    mkfifo(path.join(dir, 'fifo'));
    expect(await readRegularFile('/dev/zero', 1024)).toEqual({ ok: false, reason: 'it is a character device, not a regular file', code: 'ENOTREG' });
    expect(await readRegularFile(path.join(dir, 'fifo'), 1024)).toEqual({ ok: false, reason: 'it is a named pipe (FIFO), not a regular file', code: 'ENOTREG' });
    expect(await readRegularFile(dir, 1024)).toEqual({ ok: false, reason: 'it is a directory, not a regular file', code: 'ENOTREG' });
    expect(readRegularFileSync(path.join(dir, 'fifo'), 1024)).toMatchObject({ ok: false, code: 'ENOTREG' });
  });

  it('follows a symbolic link and judges what it points at', async () => {
    const dir = await tempProject({ 'real.yaml': 'a: 1\n' });
    await symlink('/dev/zero', path.join(dir, 'zero.yaml'));
    await symlink('real.yaml', path.join(dir, 'link.yaml'));
    expect(await readRegularFile(path.join(dir, 'zero.yaml'), 1024)).toMatchObject({ ok: false, code: 'ENOTREG' });
    expect(await readRegularFile(path.join(dir, 'link.yaml'), 1024)).toEqual({ ok: true, bytes: Buffer.from('a: 1\n') });
  });

  it.runIf(process.platform === 'linux')('bounds by the bytes actually read, not by the size stat reports', async () => {
    // Files in /proc are regular files whose stat size is 0, whatever they hold.
    expect(await readRegularFile('/proc/self/maps', 100)).toEqual({ ok: false, reason: 'the file is more than 100 bytes; planexec reads files of at most 100 bytes', code: 'EFBIG' });
    expect(readRegularFileSync('/proc/self/maps', 100)).toMatchObject({ ok: false, code: 'EFBIG' });
    const whole = await readRegularFile('/proc/self/limits', 1 << 20);
    expect(whole.ok && whole.bytes.toString()).toContain('Max open files');
  });

  it('reads a regular file whole, and an empty one', async () => {
    const dir = await tempProject({ 'big.txt': 'x'.repeat(200_000), 'empty.txt': '' });
    const big = readRegularFileSync(path.join(dir, 'big.txt'), 1 << 20);
    expect(big.ok && big.bytes.length).toBe(200_000);
    expect(await readRegularFile(path.join(dir, 'empty.txt'), 10)).toEqual({ ok: true, bytes: Buffer.alloc(0) });
    expect(await readRegularFile(path.join(dir, 'big.txt'), 1000)).toEqual({ ok: false, reason: 'the file is 200000 bytes; planexec reads files of at most 1000 bytes', code: 'EFBIG' });
  });
});

describe.runIf(posix)('special files through the CLI: refused with exit 2, at once', () => {
  it('validate /dev/zero', async () => {
    const result = await runCli(['validate', '/dev/zero'], { timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/dev/zero:1:1 error: cannot read file: it is a character device, not a regular file\n');
  });

  it('validate and run a pipeline file that is a FIFO, or a link to /dev/zero', async () => {
    const dir = await tempProject({});
    mkfifo(path.join(dir, 'fifo.yaml'));
    await symlink('/dev/zero', path.join(dir, 'zero.yaml'));
    for (const args of [['validate', 'fifo.yaml'], ['run', 'fifo.yaml'], ['tools', 'zero.yaml'], ['run', 'zero.yaml']]) {
      const result = await runCli(args, { cwd: dir, timeoutMs: 10_000 });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^(fifo|zero)\.yaml:1:1 error: cannot read file: it is (a named pipe \(FIFO\)|a character device), not a regular file\n/);
    }
  });

  it('a FIFO named by use:', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline('', 'tools/git.yaml') });
    await mkdir(path.join(dir, 'tools'));
    mkfifo(path.join(dir, 'tools/git.yaml'));
    const result = await runCli(['run', 'p.yaml'], { cwd: dir, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it is a named pipe (FIFO), not a regular file');
    expect(result.stderr).not.toMatch(stackTrace);
  });

  it('a folder named by use:', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline('', 'tools/'), 'tools/ok.yaml': '[]\n' });
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: cannot read tool file "tools/": it is a directory, not a regular file');
  });

  it('a prompt file that is a FIFO', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline('prompts: { plan: plan.hbs }\n') });
    mkfifo(path.join(dir, 'plan.hbs'));
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: cannot read prompt file "plan.hbs": it is a named pipe (FIFO), not a regular file');
  });

  it('a planexec.config.yaml that is a FIFO, or a link to /dev/zero', async () => {
    for (const make of [(file: string) => mkfifo(file), (file: string) => symlink('/dev/zero', file)]) {
      const dir = await tempProject({ 'p.yaml': pipeline(), 'package.json': '{}\n' });
      await make(path.join(dir, 'planexec.config.yaml'));
      const result = await runCli(['tools', 'p.yaml'], { cwd: dir, timeoutMs: 10_000 });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/planexec\.config\.yaml:1:1 error: cannot read file: it is (a named pipe \(FIFO\)|a character device), not a regular file/);
    }
  });

  it('a replay recording that is a FIFO or /dev/zero', async () => {
    const dir = await tempProject({ 'p.yaml': pipeline() });
    mkfifo(path.join(dir, 'rec.json'));
    for (const replay of ['rec.json', '/dev/zero']) {
      const result = await runCli(['run', 'p.yaml', '--replay', replay], { cwd: dir, timeoutMs: 10_000 });
      expect(result.code, replay).toBe(2);
      expect(result.stderr, replay).toMatch(/^error: cannot read replay file .*: it is (a named pipe \(FIFO\)|a character device), not a regular file\n$/);
    }
  });

  it('a module tool whose file is a FIFO', async () => {
    const dir = await tempProject({
      'p.yaml': `version: 1
name: special
task: t
model: { name: m }
tools:
  - name: mod
    description: a module
    module: mod.mjs
    args: { type: object }
`,
    });
    mkfifo(path.join(dir, 'mod.mjs'));
    const result = await runCli(['validate', 'p.yaml'], { cwd: dir, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: module file mod.mjs cannot be used: it is a named pipe (FIFO), not a regular file');
  });

  it('a regular pipeline file over 1 MiB is still refused unread, by its size', async () => {
    const dir = await tempProject({});
    await writeFile(path.join(dir, 'big.yaml'), `version: 1\nname: big\ntask: big\ntools: []\ndescription: "${'x'.repeat(1100 * 1024)}"\n`);
    const result = await runCli(['validate', 'big.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/big\.yaml:1:1 error: the file is \d+ bytes; planexec reads files of at most 1048576 bytes \(1 MiB\)/);
  });
});
