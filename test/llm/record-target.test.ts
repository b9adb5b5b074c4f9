// Where `--record <file>` may write: a new file, or a regular file it replaces (atomically: a new file
// renamed over it), also through a symbolic link to one. A device (as root, /dev/full was replaced by
// a regular file), a FIFO, a directory or a link to nothing is refused before the run, exit 2, and
// left as it was — also when one takes the file's place while the run goes on.

import { execFileSync } from 'node:child_process';
import { lstatSync, readlinkSync } from 'node:fs';
import { mkdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CompletionRequest, createRecordingClient, type LlmClient, LlmError } from '../../src/index.ts';
import { runCli, tempProject } from '../support/run-cli.ts';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.ts';

const posix = process.platform !== 'win32';
const inner: LlmClient = { complete: async () => ({ text: '{"steps":[]}', usage: { promptTokens: 1, completionTokens: 1 } }) };
const request: CompletionRequest = { purpose: 'plan', model: 'm', temperature: 0, messages: [{ role: 'user', content: 'hello' }] };

function refusal(file: string): LlmError {
  try {
    createRecordingClient(inner, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    return error as LlmError;
  }
  throw new Error(`expected --record ${file} to be refused`);
}

/** A character device in a temp folder with /dev/full's numbers, when this user may make one (root). */
function fullDevice(dir: string): string | undefined {
  try {
    execFileSync('mknod', [path.join(dir, 'full'), 'c', '1', '7'], { stdio: 'ignore' });
    return path.join(dir, 'full');
  } catch {
    return undefined;
  }
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.runIf(posix)('--record targets', () => {
  it('a FIFO, a directory, a link to a device and a dangling link are refused, and left as they were', async () => {
    const dir = await tempProject({});
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    await mkdir(path.join(dir, 'folder.json'));
    await symlink('/dev/null', path.join(dir, 'null.json'));
    await symlink('nowhere.json', path.join(dir, 'dangling.json'));
    expect(refusal(path.join(dir, 'fifo.json')).message).toMatch(/^cannot record to .*fifo\.json: it is a named pipe \(FIFO\), not a regular file; --record writes a new file or replaces a regular file, nothing else$/);
    expect(refusal(path.join(dir, 'folder.json')).message).toContain('folder.json: it is a directory, not a regular file');
    expect(refusal(path.join(dir, 'null.json')).message).toContain('null.json: it is a character device, not a regular file');
    expect(refusal(path.join(dir, 'dangling.json')).message).toContain('dangling.json: it is a symbolic link to a file that does not exist');
    expect(lstatSync(path.join(dir, 'fifo.json')).isFIFO()).toBe(true);
    expect(lstatSync(path.join(dir, 'folder.json')).isDirectory()).toBe(true);
    expect(readlinkSync(path.join(dir, 'null.json'))).toBe('/dev/null');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a character device (made with /dev/full\'s numbers) is refused, and still a device', async () => {
    const dir = await tempProject({});
    const device = fullDevice(dir);
    if (device === undefined) return; // not root: cannot make a device node to try
    expect(refusal(device).message).toContain('it is a character device, not a regular file');
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('a file under something that is not a folder is refused', async () => {
    const dir = await tempProject({ 'plain.txt': 'text\n' });
    expect(refusal(path.join(dir, 'plain.txt', 'rec.json')).message).toContain('a folder on its path is a file');
  });

  it('a regular file is replaced by the recording; a link to one keeps the link and replaces its target', async () => {
    const dir = await tempProject({ 'old.json': 'old\n', 'real.json': 'old\n' });
    await symlink('real.json', path.join(dir, 'link.json'));
    for (const name of ['old.json', 'link.json', 'sub/new.json']) await createRecordingClient(inner, path.join(dir, name)).complete(request);
    expect(JSON.parse(await readFile(path.join(dir, 'old.json'), 'utf8'))).toMatchObject({ version: 1, exchanges: [{ purpose: 'plan' }] });
    expect(readlinkSync(path.join(dir, 'link.json'))).toBe('real.json');
    expect(JSON.parse(await readFile(path.join(dir, 'real.json'), 'utf8'))).toMatchObject({ version: 1 });
    expect(JSON.parse(await readFile(path.join(dir, 'sub/new.json'), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('when something else takes the file\'s place during the run, it is left alone and the write fails', async () => {
    const dir = await tempProject({});
    const file = path.join(dir, 'rec.json');
    const client = createRecordingClient(inner, file);
    await client.complete(request);
    await rm(file);
    execFileSync('mkfifo', [file]);
    await expect(client.complete(request)).rejects.toThrow(/^cannot write recording .*rec\.json: .*rec\.json is no longer a regular file; it is left as it is$/);
    expect(lstatSync(file).isFIFO()).toBe(true);
  });

  it('through the CLI: refused with exit 2 before the model is asked anything', async () => {
    server = await startScriptedServer([{ json: { steps: [{ id: 1, tool: 'hello', args: {} }] } }]);
    const dir = await tempProject({
      'p.yaml': `version: 1
name: rec
task: t
model: { name: m }
tools:
  - name: hello
    description: Says hello
    command: [echo, hello]
    args: { type: object, properties: {}, additionalProperties: false }
`,
    });
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    for (const command of ['run', 'plan']) {
      const result = await runCli([command, 'p.yaml', '--record', 'fifo.json'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
      expect(result.code, command).toBe(2);
      expect(result.stderr, command).toBe('error: cannot record to fifo.json: it is a named pipe (FIFO), not a regular file; --record writes a new file or replaces a regular file, nothing else\n');
    }
    expect(server.calls).toHaveLength(0);
    expect(lstatSync(path.join(dir, 'fifo.json')).isFIFO()).toBe(true);
    // A regular target is written as before.
    const recorded = await runCli(['run', 'p.yaml', '--record', 'rec.json'], { cwd: dir, env: { OPENAI_BASE_URL: server.url } });
    expect(recorded.code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'rec.json'), 'utf8')).exchanges).toHaveLength(1);
  });
});
