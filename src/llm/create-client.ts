// Choose the model client a run uses: a recording served back (offline), or the OpenAI-compatible
// endpoint, optionally recorded to a file for later replay.

import path from 'node:path';
import type { ModelSettings } from './types.ts';
import { createRecordingClient, createReplayClient } from './recording.ts';
import type { LlmClient } from './types.ts';

export interface ClientChoice {
  /** `--replay <file>`: wins over `model.replay`. */
  readonly replay?: string | undefined;
  /** `--record <file>`: save every exchange of this run. */
  readonly record?: string | undefined;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export async function createLlmClient(model: ModelSettings, choice: ClientChoice = {}): Promise<LlmClient> {
  const cwd = choice.cwd ?? process.cwd();
  const replay = choice.replay !== undefined ? path.resolve(cwd, choice.replay) : choice.record === undefined ? model.replay : undefined;
  // The openai SDK is loaded only for a live endpoint: a replayed run starts without it.
  const client = replay !== undefined ? await createReplayClient(replay) : (await import('./openai-client.ts')).createOpenAiClient(model, choice.env ?? process.env);
  return choice.record !== undefined ? createRecordingClient(client, path.resolve(cwd, choice.record)) : client;
}
