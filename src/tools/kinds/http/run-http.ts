// The `http` tool kind: one request (guarded-request.ts: never to a link-local or metadata address
// unless the tool allows it), following redirects only to allowed hosts, reading at most
// maxOutputBytes of the body. Status 400 and above fails the step with the body's
// tail; 429, 5xx and network errors are marked transient so `retries` can try again.

import { CappedOutput } from '../../capped-output.ts';
import { createRedactor, type Redactor } from '../../create-redactor.ts';
import { parseOutput } from '../../parse-output.ts';
import { ToolError, type ToolContext, type ToolResult } from '../../tool-call.ts';
import { hostAllowed } from './allowed-hosts.ts';
import { ForbiddenAddressError, guardedRequest } from './guarded-request.ts';
import type { HttpTool } from './http-tool.ts';
import { ALLOW_LINK_LOCAL_HINT } from './link-local-hosts.ts';
import { renderHttpRequest, type HttpRequest } from './render-http-request.ts';

const maxRedirects = 10;
const errorBodyBytes = 64 * 1024;
const errorTailChars = 1000;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export async function runHttp(tool: HttpTool, args: Readonly<Record<string, unknown>>, context: ToolContext): Promise<ToolResult> {
  const request = renderHttpRequest(tool, args, context.env);
  // A server that echoes the credentials it was sent does not get them into the output or an error.
  const redactor = createRedactor(request.secrets);
  try {
    const result = await sendHttp(tool, request, context, redactor);
    return redactor.active ? { ...result, output: redactor.redactValue(result.output) } : result;
  } catch (error) {
    if (error instanceof ToolError && redactor.active) throw new ToolError(redactor.redactText(error.message), error);
    throw error;
  }
}

async function sendHttp(tool: HttpTool, request: HttpRequest, context: ToolContext, own: Redactor): Promise<ToolResult> {
  const timeoutMs = tool.timeoutMs ?? context.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([context.signal, timeout]);
  // The run's secrets (which hold the tool's own) decide where cuts may not fall; else the tool's own.
  const secrets = context.redactor?.active ? context.redactor : own;
  const what = `${request.method} ${displayUrl(request.url, secrets)}`;

  try {
    const { response, url } = await fetchFollowingRedirects(tool, request, signal, context);
    if (response.status >= 400) {
      const body = await readCapped(response, Math.min(errorBodyBytes, context.maxOutputBytes), secrets);
      // Masked before whitespace is collapsed and the tail cut: a secret spread over lines is found whole.
      const tail = secrets.redactText(own.redactText(body.text())).replace(/\s+/g, ' ').trim().slice(-errorTailChars);
      const transient = response.status === 429 || response.status >= 500;
      const retryAfterMs = transient ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      throw new ToolError(`${request.method} ${displayUrl(url, secrets)} answered ${status}${tail ? `: ${tail}` : ''}`, { transient, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    }
    const body = await readCapped(response, context.maxOutputBytes, secrets);
    const text = body.text();
    const output = tool.output === 'json' && text.trim() === '' && !body.truncated ? null : parseOutput(text, tool.output, body.truncated);
    const note = body.note();
    return note ? { output, note } : { output };
  } catch (error) {
    if (error instanceof ToolError) throw error;
    if (error instanceof ForbiddenAddressError) throw new ToolError(`refused ${what}: ${error.message}; ${ALLOW_LINK_LOCAL_HINT} (tool "${tool.name}")`);
    if (context.signal.aborted) throw new ToolError(`${what} cancelled`);
    if (timeout.aborted) throw new ToolError(`${what} timed out after ${timeoutMs / 1000}s`, { timedOut: true });
    throw new ToolError(`${what} failed: ${networkCause(error)}`, { transient: true });
  }
}

async function fetchFollowingRedirects(tool: HttpTool, request: HttpRequest, signal: AbortSignal, context: ToolContext): Promise<{ response: Response; url: URL }> {
  let { method, body } = request;
  const headers = { ...request.headers };
  let url = request.url;
  for (let hop = 0; ; hop++) {
    if (!hostAllowed(url, tool.allowHosts)) {
      const where = hop === 0 ? `the request to ${url.host}` : `a redirect to ${displayUrl(url, context.redactor)}`;
      throw new ToolError(`refused ${where}: ${url.host} is not in allowHosts of tool "${tool.name}" (${tool.allowHosts.join(', ')})`);
    }
    const response = await guardedRequest({
      method,
      url,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal,
      allowLinkLocal: tool.allowLinkLocal === true,
      ...(context.resolve ? { resolve: context.resolve } : {}),
    });
    const location = response.headers.get('location');
    if (!redirectStatuses.has(response.status) || location === null) return { response, url };
    await response.body?.cancel();
    if (hop >= maxRedirects) throw new ToolError(`${request.method} ${displayUrl(request.url, context.redactor)}: more than ${maxRedirects} redirects`);
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new ToolError(`refused a redirect to ${displayUrl(next, context.redactor)}: not http or https`);
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      delete headers['content-type'];
    }
    for (const name of headersToDrop(url, next, request.secretHeaders)) delete headers[name];
    url = next;
  }
}

const credentialHeaders = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * The headers a redirect from `from` to `to` must not carry on: none while the origin stays; on a
 * change of origin (another host or port, or https to http) the credentials browsers drop and every
 * header whose value came from a secret or an environment variable (X-Api-Key, PRIVATE-TOKEN…), which
 * were written for the first origin only.
 */
export function headersToDrop(from: URL, to: URL, secretHeaders: readonly string[]): readonly string[] {
  const downgrade = from.protocol === 'https:' && to.protocol !== 'https:';
  return to.origin === from.origin && !downgrade ? [] : [...credentialHeaders, ...secretHeaders];
}

async function readCapped(response: Response, limit: number, secrets: Redactor): Promise<CappedOutput> {
  const output = new CappedOutput(limit, secrets);
  if (response.body === null) return output;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    output.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    if (output.full) {
      // Enough: stop the download rather than read what would be thrown away.
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return output;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const inner = cause instanceof Error ? cause : error instanceof Error ? error : undefined;
  if (inner === undefined) return String(error);
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code) ? `${code}: ${inner.message}` : inner.message;
}

/** A URL for messages: no credentials, at most 200 characters (never cut inside a secret). */
function displayUrl(url: URL, secrets?: Redactor): string {
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  const text = shown.href;
  return text.length > 200 ? `${secrets ? secrets.clipEnd(text, 200) : text.slice(0, 200)}…` : text;
}
