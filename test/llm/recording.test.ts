import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatMessage, type CompletionRequest, createOpenAiClient, DiagnosticError, type LlmClient, LlmError } from '../../src/index.ts';
import { createRecordingClient, createReplayClient, exchangeKey, formatRecording, type RecordedExchange } from '../../src/llm/recording.ts';
import { startScriptedServer, type Rule, type ScriptedServer } from '../support/scripted-server.ts';

let dir: string;
let server: ScriptedServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'planexec-recording-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function liveClient(rules: Rule[]): Promise<LlmClient> {
  server = await startScriptedServer(rules);
  return createOpenAiClient({ name: 'gpt-4o-mini', baseURL: server.url, apiKeyEnv: 'UNSET_KEY', maxRetries: 0, timeoutMs: 5_000 }, {});
}

const system: ChatMessage = { role: 'system', content: 'You are a planner.\nAnswer with JSON.' };
function ask(user: string, purpose: CompletionRequest['purpose'] = 'plan'): CompletionRequest {
  return { purpose, model: 'gpt-4o-mini', temperature: 0, messages: [system, { role: 'user', content: user }] };
}
const releaseNotes = 'Task:\nWrite release notes for acme/widgets\nsince v1.0.0\nTools: list_commits';

function replayFailure(promise: Promise<unknown>): Promise<LlmError> {
  return promise.then(
    () => expect.unreachable('expected the replay to fail'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(LlmError);
      expect((error as LlmError).kind).toBe('replay');
      return error as LlmError;
    },
  );
}

async function diagnosticFor(content: string): Promise<DiagnosticError> {
  const file = join(dir, 'bad.json');
  await writeFile(file, content);
  const error = await createReplayClient(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiagnosticError);
  return error as DiagnosticError;
}

function exchange(user: string, text: string): RecordedExchange {
  const messages = [system, { role: 'user' as const, content: user }];
  return { key: exchangeKey(messages, undefined), purpose: 'plan', model: 'gpt-4o-mini', messages, response: { text, usage: { promptTokens: 10, completionTokens: 2 } } };
}

describe('record and replay', () => {
  it('replays recorded text and usage with the endpoint gone', async () => {
    const file = join(dir, 'recordings', 'run.json');
    const recording = createRecordingClient(await liveClient([{ match: 'release notes', json: { steps: [] } }, { content: 'Drafted.' }]), file);
    const live = [await recording.complete(ask(releaseNotes)), await recording.complete(ask('Draft the notes', 'tool'))];
    await server!.close();
    server = undefined;

    const replay = await createReplayClient(file);
    expect([await replay.complete(ask(releaseNotes)), await replay.complete(ask('Draft the notes', 'tool'))]).toEqual(live);
  });

  it('writes a reviewable file: version, key, purpose, model, messages, response', async () => {
    const file = join(dir, 'run.json');
    const recording = createRecordingClient(await liveClient([{ content: 'ok' }]), file);
    await recording.complete({ ...ask('Hello'), jsonSchema: { name: 'plan', schema: {} } });

    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^\{\n {2}"version": 1,\n {2}"exchanges": \[/);
    const parsed = JSON.parse(text) as { exchanges: RecordedExchange[] };
    expect(parsed.exchanges).toEqual([
      {
        key: exchangeKey(ask('Hello').messages, 'plan'),
        purpose: 'plan',
        model: 'gpt-4o-mini',
        jsonSchemaName: 'plan',
        messages: ask('Hello').messages,
        response: { text: 'ok', usage: { promptTokens: expect.any(Number), completionTokens: 1 } },
      },
    ]);
    expect(parsed.exchanges[0]!.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the exchanges so far when a later call fails', async () => {
    const file = join(dir, 'run.json');
    const recording = createRecordingClient(await liveClient([{ content: 'first', times: 1 }, { status: 500 }]), file);
    await recording.complete(ask('one'));
    await expect(recording.complete(ask('two'))).rejects.toThrow(LlmError);

    const parsed = JSON.parse(await readFile(file, 'utf8')) as { exchanges: RecordedExchange[] };
    expect(parsed.exchanges.map((e) => e.response.text)).toEqual(['first']);
  });

  it('matches on messages only: another model or temperature still replays', async () => {
    const file = join(dir, 'run.json');
    await writeFile(file, formatRecording({ version: 1, exchanges: [exchange(releaseNotes, 'recorded plan')] }));
    const replay = await createReplayClient(file);
    expect((await replay.complete({ ...ask(releaseNotes), model: 'llama3', temperature: 0.9 })).text).toBe('recorded plan');
  });

  it('serves the same prompt asked twice its two answers in recorded order, then says they are used up', async () => {
    const file = join(dir, 'run.json');
    await writeFile(file, formatRecording({ version: 1, exchanges: [exchange('again', 'first'), exchange('other', 'x'), exchange('again', 'second')] }));
    const replay = await createReplayClient(file);

    expect((await replay.complete(ask('again'))).text).toBe('first');
    expect((await replay.complete(ask('again'))).text).toBe('second');
    const error = await replayFailure(replay.complete(ask('again')));
    expect(error.message).toContain('already served');
    expect(error.message).toContain(`re-record with --record ${file}`);
  });

  it('shows where a changed prompt differs from the closest recorded one', async () => {
    const file = join(dir, 'run.json');
    await writeFile(file, formatRecording({ version: 1, exchanges: [exchange('Something else entirely', 'x'), exchange(releaseNotes, 'plan')] }));
    const replay = await createReplayClient(file);

    const error = await replayFailure(replay.complete(ask(releaseNotes.replace('v1.0.0', 'v2.0.0'))));
    expect(error.message).toContain(`no recorded answer for this plan request in ${file}`);
    expect(error.message).toContain('exchange (#2 in the file) differs in message 2 (user), line 3:');
    expect(error.message).toContain('    recorded: since v1.0.0\n    current:  since v2.0.0');
    expect(error.message).toMatch(new RegExp(`re-record with --record ${file.replace(/[.]/g, '\\.')}$`));
  });

  it('keeps long differing lines short and the difference visible', async () => {
    const file = join(dir, 'run.json');
    const long = `${'context '.repeat(40)}since v1.0.0 ${'tail '.repeat(40)}`;
    await writeFile(file, formatRecording({ version: 1, exchanges: [exchange(long, 'plan')] }));
    const replay = await createReplayClient(file);

    const error = await replayFailure(replay.complete(ask(long.replace('v1.0.0', 'v2.0.0'))));
    const shown = error.message.split('\n').filter((line) => /^\s+(recorded|current):/.test(line));
    expect(shown).toHaveLength(2);
    for (const line of shown) expect(line.length).toBeLessThan(150);
    expect(shown[0]).toContain('since v1.0.0');
    expect(shown[1]).toContain('since v2.0.0');
  });

  it('says when the recording has no exchange of that purpose', async () => {
    const file = join(dir, 'run.json');
    await writeFile(file, formatRecording({ version: 1, exchanges: [exchange('plan it', 'x')] }));
    const error = await replayFailure((await createReplayClient(file)).complete(ask('fix it', 'repair')));
    expect(error.message).toContain('the recording has no repair exchanges');
  });

  it('reports a missing recording', async () => {
    const error = await replayFailure(createReplayClient(join(dir, 'nope.json')));
    expect(error.message).toMatch(/^cannot read replay file .*nope\.json: the file does not exist$/);
  });

  it('reports a corrupt recording with line and column', async () => {
    const error = await diagnosticFor('{\n  "version": 1,\n  "exchanges": [\n    { "key": "abc" "purpose": "plan" }\n  ]\n}\n');
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({ line: 4, col: 20, severity: 'error' });
    expect(error.message).toMatch(/bad\.json:4:20 error: not valid JSON: Expected ',' or '}' after property value$/);
  });

  it('locates syntax errors the JSON parser gives no position for', async () => {
    const error = await diagnosticFor('{\n  "version": 1,\n  "exchanges": [\n    {},\n  ]\n}\n');
    expect(error.diagnostics[0]).toMatchObject({ line: 5, col: 3 });
    expect(error.diagnostics[0]!.message).toBe("not valid JSON: Unexpected token ']'");
  });

  it('names every badly shaped field at once', async () => {
    const good = exchange('hi', 'x');
    const error = await diagnosticFor(
      JSON.stringify({ version: 2, exchanges: [{ ...good, purpose: 'chat' }, { ...good, response: { text: 1, usage: { promptTokens: 1 } } }] }),
    );
    expect(error.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '1:1 "version" must be 1, found 2',
      '1:1 exchanges[0].purpose must be one of plan, repair, replan, tool, found "chat"',
      '1:1 exchanges[1].response.text must be a string, found 1',
      '1:1 exchanges[1].response.usage.completionTokens must be a whole number, found nothing',
    ]);
  });

  it('rejects an exchange whose messages were edited without its key', async () => {
    const edited = { ...exchange('hi', 'x'), messages: [system, { role: 'user', content: 'hello' }] };
    const error = await diagnosticFor(formatRecording({ version: 1, exchanges: [edited as RecordedExchange] }));
    expect(error.diagnostics[0]!.message).toContain('exchanges[0].key does not match the exchange\'s messages');
  });
});
