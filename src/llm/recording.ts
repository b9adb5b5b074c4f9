// Record and replay model exchanges, so a run is reproducible offline: examples, tests and CI run
// from a reviewed JSON file instead of a live endpoint.

import { randomUUID } from 'node:crypto';
import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { readRegularFile, regularFileProblem } from '../source/read-regular-file.ts';
import { sha256Hex } from '../source/sha256.ts';
import { LlmError, type CompletionRequest, type CompletionResult, type CompletionStream, type LlmClient } from './types.ts';
import { describeUnmatched } from './replay-mismatch.ts';
import { exchangeKey, exchangeKeyText, formatRecording, parseRecording, type RecordedExchange } from './recording-file.ts';

export { exchangeKey, formatRecording, parseRecording, type Recording, type RecordedExchange } from './recording-file.ts';

export function createRecordingClient(inner: LlmClient, target: string): LlmClient {
  // Checked before the run, so a target that cannot be one stops it before any model call.
  const file = recordingFile(target);
  const exchanges: RecordedExchange[] = [];
  let writing: Promise<void> = Promise.resolve();
  const record = async (request: CompletionRequest, result: CompletionResult): Promise<void> => {
    // The messages are kept as they were sent (a redacting client masked them already), so replay finds
    // them by the same key; the reply, which the run read as the model wrote it, is masked here.
    const redact = request.redact ?? ((text: string) => text);
    exchanges.push({
      key: exchangeKey(request.messages, request.jsonSchema?.name),
      purpose: request.purpose,
      model: request.model,
      ...(request.jsonSchema ? { jsonSchemaName: request.jsonSchema.name } : {}),
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      response: { text: redact(result.text), usage: { promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens } },
    });
    const snapshot = formatRecording({ version: 1, exchanges });
    // Writes are chained so a slower earlier write can never replace a later, longer snapshot.
    writing = writing.catch(() => undefined).then(() => writeAtomically(file, snapshot));
    await writing;
  };
  const stream = inner.stream?.bind(inner);
  return {
    async complete(request) {
      const result = await inner.complete(request);
      await record(request, result);
      return result;
    },
    // A streamed reply is recorded whole, once it has ended: replay serves it as one answer.
    ...(stream
      ? {
          async *stream(request: CompletionRequest): CompletionStream {
            const result = yield* stream(request);
            await record(request, result);
            return result;
          },
        }
      : {}),
  };
}

/** Largest recording read back; real ones are kilobytes to a few megabytes. */
const maxRecordingBytes = 64 * 1024 * 1024;

/** Serves recorded responses with no network; same-key exchanges are served in recorded order. */
export async function createReplayClient(file: string): Promise<LlmClient> {
  const shown = displayPath(file);
  const read = await readRegularFile(file, maxRecordingBytes);
  if (!read.ok) throw new LlmError('replay', `cannot read replay file ${shown}: ${read.code === 'ENOENT' ? 'the file does not exist' : read.reason}`);
  const recording = parseRecording(read.bytes.toString('utf8'), shown);

  const byKey = new Map<string, RecordedExchange[]>();
  // The key of each recorded exchange's text (parseRecording checked each against it): a request
  // the recording answers has one of these texts, and is not hashed again.
  const keyOfText = new Map<string, string>();
  for (const exchange of recording.exchanges) {
    const same = byKey.get(exchange.key);
    if (same) same.push(exchange);
    else byKey.set(exchange.key, [exchange]);
    keyOfText.set(exchangeKeyText(exchange.messages, exchange.jsonSchemaName), exchange.key);
  }
  const served = new Map<string, number>();

  return {
    async complete(request) {
      request.signal?.throwIfAborted();
      const text = exchangeKeyText(request.messages, request.jsonSchema?.name);
      const key = keyOfText.get(text) ?? sha256Hex(text);
      const recorded = byKey.get(key) ?? [];
      const count = served.get(key) ?? 0;
      const exchange = recorded[count];
      if (exchange) {
        served.set(key, count + 1);
        return { text: exchange.response.text, usage: { ...exchange.response.usage } };
      }
      if (recorded.length > 0) {
        throw new LlmError(
          'replay',
          `replay: every recorded answer for this ${request.purpose} request in ${shown} was already served ` +
            `(${recorded.length} recorded; the run asks it more often than the recorded run did); re-record with --record ${shown}`,
        );
      }
      throw new LlmError('replay', describeUnmatched(request, recording.exchanges, shown));
    },
  };
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Where a recording of `target` is written: `target` when it does not exist yet or is a regular file,
 * the file a symbolic link leads to when that is one. Anything else (a device such as /dev/full, a
 * FIFO, a directory, a link to nothing) is refused rather than replaced: the recording is written
 * atomically, by renaming a new file over the target, which would put a regular file in its place.
 */
function recordingFile(target: string): string {
  const refuse = (why: string): never => {
    throw new LlmError('replay', `cannot record to ${displayPath(target)}: ${why}; --record writes a new file or replaces a regular file, nothing else`);
  };
  let stats: Stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing folder is made when the first exchange is written.
    if (code === 'ENOENT') return target;
    return refuse(code === 'ENOTDIR' ? 'a folder on its path is a file' : error instanceof Error ? error.message : String(error));
  }
  if (stats.isFile()) return target;
  const problem = regularFileProblem(target);
  if (stats.isSymbolicLink() && problem === undefined) return realpathSync(target);
  if (stats.isSymbolicLink() && problem?.code === 'ENOENT') return refuse('it is a symbolic link to a file that does not exist');
  return refuse(problem?.reason ?? 'it is not a regular file');
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    // Checked again right before each write: something else may have taken the file's place meanwhile.
    const now = await lstat(file).catch(() => undefined);
    if (now !== undefined && !now.isFile()) throw new Error(`${displayPath(file)} is no longer a regular file; it is left as it is`);
    // 'wx': never through something already at the temporary name.
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw new LlmError('replay', `cannot write recording ${displayPath(file)}: ${why}`);
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
