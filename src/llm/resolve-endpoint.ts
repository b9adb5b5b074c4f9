// Where a model's requests go and with which key, worked out from the settings and the environment
// the way each provider's users set it up (OpenAI-compatible base URL, Azure OpenAI, Ollama), and
// every variable that is missing named at once, before any request is made.

import { LlmError, type ModelProvider, type ModelSettings } from './types.ts';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Sent when no key is set but a server needs none (Ollama, llama.cpp, vLLM ignore it). */
const KEYLESS_PLACEHOLDER = 'not-needed';
const OLLAMA_DEFAULT_PORT = '11434';

export type ResolvedEndpoint =
  | {
      readonly provider: 'openai' | 'ollama';
      /** null: OpenAI itself. */
      readonly baseURL: string | null;
      readonly apiKey: string;
      /** The key came from the environment (not a placeholder). */
      readonly keySet: boolean;
      /** The endpoint as messages show it. */
      readonly shown: string;
    }
  | {
      readonly provider: 'azure';
      /** The resource endpoint, https://<resource>.openai.azure.com (the SDK adds /openai). */
      readonly endpoint: string;
      readonly deployment: string;
      readonly apiVersion: string;
      readonly apiKey: string;
      readonly keySet: true;
      readonly shown: string;
    };

/** A model endpoint that cannot be set up: the environment variables (or settings) it lacks, all named. */
export class EndpointSetupError extends LlmError {
  /** The variables to set, for hints (a workflow's `env:`). */
  readonly variables: readonly string[];
  constructor(message: string, variables: readonly string[]) {
    super('endpoint', message);
    this.name = 'EndpointSetupError';
    this.variables = variables;
  }
}

export function resolveEndpoint(settings: ModelSettings, env: NodeJS.ProcessEnv): ResolvedEndpoint {
  const provider: ModelProvider = settings.provider ?? 'openai';
  // The key exactly as set: the redactor masks that value, so a trimmed one could show.
  const key = env[settings.apiKeyEnv];
  const apiKey = key === undefined || key === '' ? undefined : key;
  if (provider === 'azure') return azureEndpoint(settings, env, apiKey);
  if (provider === 'ollama') {
    const baseURL = nonEmpty(settings.baseURL) ?? ollamaBaseUrl(env['OLLAMA_HOST']);
    return { provider, baseURL, apiKey: apiKey ?? 'ollama', keySet: apiKey !== undefined, shown: withoutUserInfo(baseURL) };
  }
  const baseURL = nonEmpty(settings.baseURL) ?? nonEmpty(env['OPENAI_BASE_URL']);
  if (apiKey === undefined && baseURL === undefined) {
    throw new EndpointSetupError(`no API key: set ${settings.apiKeyEnv} (or model.baseURL, OPENAI_BASE_URL or --base-url for a local server)`, [settings.apiKeyEnv]);
  }
  return { provider, baseURL: baseURL ?? null, apiKey: apiKey ?? KEYLESS_PLACEHOLDER, keySet: apiKey !== undefined, shown: withoutUserInfo(baseURL ?? OPENAI_BASE_URL) };
}

function azureEndpoint(settings: ModelSettings, env: NodeJS.ProcessEnv, apiKey: string | undefined): ResolvedEndpoint {
  const endpoint = nonEmpty(settings.baseURL) ?? nonEmpty(env['AZURE_OPENAI_ENDPOINT']);
  const apiVersion = nonEmpty(settings.apiVersion) ?? nonEmpty(env['OPENAI_API_VERSION']);
  const missing: { readonly variable: string; readonly why: string }[] = [];
  if (endpoint === undefined) missing.push({ variable: 'AZURE_OPENAI_ENDPOINT', why: "to the resource's endpoint, https://<resource>.openai.azure.com (or give model.baseURL or --base-url)" });
  if (apiKey === undefined) missing.push({ variable: settings.apiKeyEnv, why: "to a key of the resource (Keys and Endpoint in the Azure portal)" });
  if (apiVersion === undefined) missing.push({ variable: 'OPENAI_API_VERSION', why: 'to an Azure OpenAI API version such as 2024-10-21 (or give model.apiVersion)' });
  if (endpoint === undefined || apiKey === undefined || apiVersion === undefined) {
    const names = missing.map((m) => m.variable);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    const verb = names.length === 1 ? 'is' : 'are';
    throw new EndpointSetupError(`model.provider is azure, but ${list} ${verb} not set: set ${missing.map((m) => `${m.variable} ${m.why}`).join('; ')}`, names);
  }
  // The SDK adds /openai to the endpoint: an endpoint copied with it would get it twice.
  const resource = endpoint.replace(/\/+$/, '').replace(/\/openai$/, '');
  const deployment = nonEmpty(settings.deployment) ?? settings.name;
  return { provider: 'azure', endpoint: resource, deployment, apiVersion, apiKey, keySet: true, shown: `${withoutUserInfo(resource)}/openai (deployment ${deployment})` };
}

/**
 * The OpenAI-compatible API of the Ollama server OLLAMA_HOST names, read as the ollama CLI reads it:
 * `host`, `host:port`, `:port` or a URL (http, https, with a path); port 11434 unless a scheme is given
 * (then 80 or 443); unset, 127.0.0.1:11434.
 */
export function ollamaBaseUrl(value: string | undefined): string {
  const text = (value ?? '').trim();
  let scheme = 'http';
  let rest = text;
  let defaultPort = OLLAMA_DEFAULT_PORT;
  const schemeEnd = text.indexOf('://');
  if (schemeEnd >= 0) {
    scheme = text.slice(0, schemeEnd).toLowerCase();
    rest = text.slice(schemeEnd + 3);
    if (scheme !== 'http' && scheme !== 'https') {
      throw new EndpointSetupError(`OLLAMA_HOST is ${JSON.stringify(text)}: it must be a host (127.0.0.1:11434) or an http:// or https:// URL`, ['OLLAMA_HOST']);
    }
    defaultPort = scheme === 'https' ? '443' : '80';
  }
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const pathPart = slash >= 0 ? rest.slice(slash).replace(/\/+$/, '') : '';
  const { host, port } = splitHostPort(hostPort);
  const validPort = /^\d{1,5}$/.test(port) && Number(port) <= 65535 ? port : defaultPort;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `${scheme}://${shownHost}:${validPort}${pathPart}/v1`;
}

function splitHostPort(hostPort: string): { host: string; port: string } {
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1] || '127.0.0.1', port: bracketed[2] ?? '' };
  const colons = hostPort.split(':').length - 1;
  // One colon: host:port; more: an IPv6 address without brackets (no port).
  if (colons === 1) {
    const [host = '', port = ''] = hostPort.split(':');
    return { host: host || '127.0.0.1', port };
  }
  return { host: hostPort || '127.0.0.1', port: '' };
}

/** Credentials written into a URL are never shown (fetch quotes such URLs in its errors). */
export function withoutUserInfo(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, '//');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
