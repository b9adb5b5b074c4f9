// One layer of settings (from planexec.config.yaml or from a pipeline), normalized from its YAML
// form, and the field-by-field merge of layers over the built-in defaults.

import path from 'node:path';
import { parseDuration } from '../source/duration.ts';
import { isRecord } from '../source/is-record.ts';
import type { ModelProvider, ModelSettings } from '../llm/types.ts';
import type { BackendSettings, BudgetSettings, ExecutionSettings, FailurePolicy, PlanningSettings, PolicySettings, ReplanSettings, ReplanStrategyName, Settings, UntrustedFlowPolicy } from './settings.ts';
import { DEFAULT_API_KEY_ENV, DEFAULT_SETTINGS } from './defaults.ts';

export interface SettingsLayer {
  readonly model?: Partial<ModelSettings>;
  readonly planning?: Partial<PlanningSettings>;
  readonly replan?: Partial<ReplanSettings>;
  readonly budget?: Partial<BudgetSettings>;
  readonly execution?: Partial<ExecutionSettings>;
  readonly policy?: Partial<PolicySettings>;
}

type Raw = Readonly<Record<string, unknown>>;

/**
 * The `model`, `planning`, `replan` and `execution` sections of a schema-valid file as a layer:
 * durations become milliseconds, a `replay` path becomes absolute (relative to `baseDir`).
 */
export function settingsLayerFrom(raw: Raw, baseDir: string): SettingsLayer {
  const model = section(raw.model);
  const planning = section(raw.planning);
  const replan = section(raw.replan);
  const budget = section(raw.budget);
  const execution = section(raw.execution);
  const policy = section(raw.policy);
  return {
    model: model && defined({
      name: string(model.name),
      provider: string(model.provider) as ModelProvider | undefined,
      baseURL: string(model.baseURL),
      apiKeyEnv: string(model.apiKeyEnv),
      deployment: string(model.deployment),
      apiVersion: string(model.apiVersion),
      temperature: number(model.temperature),
      replay: model.replay === undefined ? undefined : path.resolve(baseDir, String(model.replay)),
      maxRetries: number(model.maxRetries),
      timeoutMs: duration(model.timeout),
    }),
    planning: planning && defined({
      maxSteps: number(planning.maxSteps),
      maxRepairs: number(planning.maxRepairs),
      maxArgumentBytes: number(planning.maxArgumentBytes),
      maxArgumentDepth: number(planning.maxArgumentDepth),
      cache: typeof planning.cache === 'boolean' ? planning.cache : undefined,
      maxPlanBytes: number(planning.maxPlanBytes),
      stream: typeof planning.stream === 'boolean' ? planning.stream : undefined,
    }),
    replan: replan && defined({
      strategy: string(replan.strategy) as ReplanStrategyName | undefined,
      maxReplans: number(replan.maxReplans),
      retries: number(replan.retries),
      fixArgs: typeof replan.fixArgs === 'boolean' ? replan.fixArgs : undefined,
      fallback: string(replan.fallback) as ReplanSettings['fallback'] | undefined,
    }),
    budget: budget && defined({ maxLlmCalls: number(budget.maxLlmCalls), maxTokens: number(budget.maxTokens) }),
    execution: execution && defined({
      concurrency: number(execution.concurrency),
      stepTimeoutMs: duration(execution.stepTimeout),
      maxOutputBytes: number(execution.maxOutputBytes),
      onFailure: string(execution.onFailure) as FailurePolicy | undefined,
      backend: backend(execution.backend),
    }),
    policy: policy && defined({ untrustedFlow: string(policy.untrustedFlow) as UntrustedFlowPolicy | undefined }),
  };
}

/**
 * Defaults, then each layer in order; a later layer wins field by field. The key variable's default
 * follows the provider (AZURE_OPENAI_API_KEY for azure), unless a layer names one.
 */
export function mergeSettings(...layers: readonly (SettingsLayer | undefined)[]): Settings {
  const pick = <K extends keyof SettingsLayer>(key: K): Settings[K] =>
    Object.assign({}, DEFAULT_SETTINGS[key], ...layers.map((layer) => layer?.[key] ?? {})) as Settings[K];
  const model = pick('model');
  const keyNamed = layers.some((layer) => layer?.model?.apiKeyEnv !== undefined);
  const apiKeyEnv = keyNamed ? model.apiKeyEnv : DEFAULT_API_KEY_ENV[model.provider ?? 'openai'];
  return { model: { ...model, apiKeyEnv }, planning: pick('planning'), replan: pick('replan'), budget: pick('budget'), execution: pick('execution'), policy: pick('policy') };
}

function section(value: unknown): Raw | undefined {
  return isRecord(value) ? value : undefined;
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** `execution.backend`, schema-valid: `{ kind: local }` or `{ kind: bullmq, redis, queue? }`. */
function backend(value: unknown): BackendSettings | undefined {
  const raw = section(value);
  if (raw?.kind === 'local') return { kind: 'local' };
  if (raw?.kind !== 'bullmq' || typeof raw.redis !== 'string') return undefined;
  return { kind: 'bullmq', redis: raw.redis, ...(typeof raw.queue === 'string' ? { queue: raw.queue } : {}) };
}

function duration(value: unknown): number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
}

/** Drops undefined fields, so merging never overwrites a value with "not set". */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
