// The `http` kind of tool declaration: url, query, header and body templates checked against the
// declared arguments, the url's host against `allowHosts`, and the conversion to a typed HttpTool.

import type { Diagnostic } from '../../../source/diagnostic.ts';
import { isRecord } from '../../../source/is-record.ts';
import { diagnosticAt } from '../../../source/yaml-source.ts';
import type { InstancePath } from '../../../source/yaml-source.ts';
import { checkTemplateField } from '../../check-template-field.ts';
import type { KindFields, ToolCheckContext } from '../../tool-kind.ts';
import { hostAllowed, staticHostOf } from './allowed-hosts.ts';
import type { HttpMethod, HttpTool } from './http-tool.ts';
import { ALLOW_LINK_LOCAL_HINT, linkLocalReason } from './link-local-hosts.ts';
import { literalDotSegment } from './url-path-segments.ts';

export function checkHttpTool(context: ToolCheckContext): Diagnostic[] {
  const { raw, at, source, fieldOk } = context;
  const diagnostics: Diagnostic[] = [];
  const allowHosts = Array.isArray(raw.allowHosts) && fieldOk('allowHosts') ? (raw.allowHosts as string[]) : undefined;
  if (typeof raw.url === 'string' && fieldOk('url')) {
    const where = [...at, 'url'];
    diagnostics.push(...checkTemplateField(context, where, raw.url, { label: 'url' }));
    // Arguments may not remove a segment of the path; the template itself says the path it means.
    const dot = literalDotSegment(raw.url);
    if (dot !== undefined) diagnostics.push(diagnosticAt(source, where, `the url's path has the segment ${JSON.stringify(dot)}, which the URL resolves away; write the path it stands for`));
    const host = staticHostOf(raw.url);
    if (host === undefined && raw.allowHosts === undefined) {
      diagnostics.push(diagnosticAt(source, where, 'the url\'s host depends on the arguments: list the hosts it may be in allowHosts'));
    } else if (host !== undefined && allowHosts !== undefined && !hostAllowed(new URL(`http://${host}/`), allowHosts)) {
      diagnostics.push(diagnosticAt(source, where, `the url's host ${host} is not in allowHosts (${allowHosts.join(', ')})`));
    }
    const reason = host === undefined || raw.allowLinkLocal === true ? undefined : linkLocalReason(new URL(`http://${host}/`).hostname);
    if (reason !== undefined) diagnostics.push(diagnosticAt(source, where, `the url's host ${reason}; ${ALLOW_LINK_LOCAL_HINT}`));
  }
  if (allowHosts !== undefined && raw.allowLinkLocal !== true) {
    allowHosts.forEach((entry, index) => {
      const reason = linkLocalReason(entry.replace(/:\d+$/, ''));
      if (reason !== undefined) diagnostics.push(diagnosticAt(source, [...at, 'allowHosts', index], `allowHosts lists ${entry}, but ${reason}; ${ALLOW_LINK_LOCAL_HINT}`));
    });
  }
  for (const field of ['query', 'headers'] as const) {
    const map = raw[field];
    if (!isRecord(map) || !fieldOk(field)) continue;
    for (const [name, template] of Object.entries(map)) {
      const label = field === 'query' ? `query parameter "${name}"` : `header "${name}"`;
      diagnostics.push(...checkTemplateField(context, [...at, field, name], template, { label, allowEnv: field === 'headers' }));
    }
  }
  if (raw.body !== undefined && fieldOk('body')) diagnostics.push(...checkBody(context, [...at, 'body'], raw.body));
  const method = typeof raw.method === 'string' ? raw.method : 'GET';
  if ((method === 'GET' || method === 'HEAD') && raw.body !== undefined) {
    const hint = raw.method === undefined ? ' (GET is the default: set e.g. method: POST)' : '';
    diagnostics.push(diagnosticAt(source, [...at, 'body'], `a ${method} request cannot have a body${hint}`));
  }
  return diagnostics;
}

/** Every string in the body is a template; walk maps and lists down to them. */
function checkBody(context: ToolCheckContext, where: InstancePath, value: unknown): Diagnostic[] {
  if (typeof value === 'string') return checkTemplateField(context, where, value, { label: 'body' });
  if (Array.isArray(value)) return value.flatMap((item, index) => checkBody(context, [...where, index], item));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => checkBody(context, [...where, key], item));
  return [];
}

export function httpFields(context: ToolCheckContext): KindFields<HttpTool> {
  const { raw } = context;
  const url = raw.url as string;
  const allowHosts = Array.isArray(raw.allowHosts) ? [...(raw.allowHosts as string[])] : [staticHostOf(url)!];
  return {
    kind: 'http',
    method: (raw.method as HttpMethod | undefined) ?? 'GET',
    url,
    ...(isRecord(raw.query) ? { query: { ...(raw.query as Record<string, string>) } } : {}),
    ...(isRecord(raw.headers) ? { headers: { ...(raw.headers as Record<string, string>) } } : {}),
    ...(raw.body !== undefined ? { body: structuredClone(raw.body) } : {}),
    allowHosts,
    ...(raw.allowLinkLocal === true ? { allowLinkLocal: true } : {}),
  };
}
