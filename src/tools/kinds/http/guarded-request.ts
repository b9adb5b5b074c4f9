// One HTTP request over node:http(s) whose connection may only go to an address the tool may reach:
// the host name is resolved inside the connection itself and every address it resolves to is checked,
// so a DNS answer that changes between a check and the connect (DNS rebinding) cannot slip through.
// The answer comes back as a web Response, as fetch would give it.

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { isLinkLocalAddress, linkLocalReason } from './link-local-hosts.ts';

/** The host is off limits; never worth a retry. */
export class ForbiddenAddressError extends Error {
  readonly host: string;
  constructor(host: string, reason: string) {
    super(reason);
    this.name = 'ForbiddenAddressError';
    this.host = host;
  }
}

export type Resolve = (hostname: string, options: dns.LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => void;

interface GuardedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
  /** Let link-local and metadata addresses through (the tool's `allowLinkLocal`). */
  readonly allowLinkLocal: boolean;
  /** Name resolution; dns.lookup by default (tests inject answers). */
  readonly resolve?: Resolve;
}

/** A lookup for net.connect that fails when any address the name resolves to is link-local or metadata. */
export function guardedLookup(allowLinkLocal: boolean, resolve: Resolve = dns.lookup as Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const forbidden = allowLinkLocal ? undefined : addresses.find((entry) => isLinkLocalAddress(entry.address));
      if (forbidden !== undefined) {
        return callback(new ForbiddenAddressError(hostname, `${hostname} resolves to ${forbidden.address}, a link-local or cloud metadata address`), '', 0);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** Sends the request; resolves with the response once its headers are in. */
export function guardedRequest(request: GuardedRequest): Promise<Response> {
  const { url } = request;
  if (!request.allowLinkLocal) {
    const reason = linkLocalReason(url.hostname);
    if (reason !== undefined) return Promise.reject(new ForbiddenAddressError(url.hostname, reason));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<Response>((resolve, reject) => {
    const headers: Record<string, string> = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br', ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = transport.request(url, {
      method: request.method,
      headers,
      signal: request.signal,
      // A fresh connection each time: nothing pooled outlives the step, and each connect is checked.
      agent: false,
      lookup: guardedLookup(request.allowLinkLocal, request.resolve),
    });
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      try {
        resolve(toResponse(incoming, request.method));
      } catch (error) {
        incoming.destroy();
        reject(error);
      }
    });
    outgoing.end(request.body);
  });
}

function toResponse(incoming: http.IncomingMessage, method: string): Response {
  const status = incoming.statusCode ?? 0;
  if (status < 200 || status > 599) throw new Error(`the server answered with status ${status}, which is not HTTP`);
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header value the Headers class cannot hold is left out.
    }
  }
  if (nullBodyStatuses.has(status) || method === 'HEAD') {
    incoming.resume();
    return new Response(null, { status, statusText: incoming.statusMessage ?? '', headers });
  }
  const body = decode(incoming, headers.get('content-encoding'));
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, statusText: incoming.statusMessage ?? '', headers });
}

/** The body without its content-encoding, as fetch gives it. */
function decode(incoming: http.IncomingMessage, encoding: string | null): Readable {
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : undefined;
  if (decoder === undefined) return incoming;
  incoming.on('error', (error) => decoder.destroy(error));
  // Stopping the decoded stream stops the download too.
  decoder.on('close', () => incoming.destroy());
  return incoming.pipe(decoder);
}
