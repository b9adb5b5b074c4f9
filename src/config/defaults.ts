// Built-in settings: what a pipeline gets for every field neither it nor planexec.config.yaml sets.

import type { ModelProvider } from '../llm/types.ts';
import type { Settings } from './settings.ts';

export const DEFAULT_SETTINGS: Settings = {
  model: { name: 'gpt-4o-mini', apiKeyEnv: 'OPENAI_API_KEY', maxRetries: 2, timeoutMs: 60_000 },
  planning: { maxSteps: 50, maxRepairs: 2, maxArgumentBytes: 65_536, maxArgumentDepth: 16, cache: false, maxPlanBytes: 1_048_576, stream: true },
  replan: { strategy: 'full', maxReplans: 2, retries: 2, fixArgs: false, fallback: 'tail-only' },
  budget: {},
  execution: { concurrency: 4, stepTimeoutMs: 5 * 60_000, maxOutputBytes: 1_048_576, onFailure: 'wait' },
  policy: { untrustedFlow: 'reject' },
};

/** The variable the API key is read from when no file names one, by provider (Ollama needs none; one set is sent). */
export const DEFAULT_API_KEY_ENV: Readonly<Record<ModelProvider, string>> = {
  openai: 'OPENAI_API_KEY',
  azure: 'AZURE_OPENAI_API_KEY',
  ollama: 'OLLAMA_API_KEY',
};
