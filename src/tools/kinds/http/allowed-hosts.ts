// Which hosts an http tool may reach: the entries of its `allowHosts` (or the url's own host) as
// patterns, matched against a request URL and every redirect it follows.

/** `api.example.com`, `api.example.com:8443`, `*.example.com`, `[::1]:8080`; compared case-insensitively. */
export function hostAllowed(url: URL, allowHosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  return allowHosts.some((entry) => {
    const pattern = entry.toLowerCase();
    if (pattern.startsWith('*.')) return hostname.endsWith(pattern.slice(1)) && hostname.length > pattern.length - 1;
    // An entry with a port names that port only; one without allows any port of the host.
    return hasPort(pattern) ? host === pattern : hostname === pattern;
  });
}

function hasPort(pattern: string): boolean {
  return pattern.startsWith('[') ? /\]:\d+$/.test(pattern) : pattern.includes(':');
}

/**
 * The host (with port, as URL.host writes it) of a url template whose scheme and authority hold no
 * placeholder; undefined when the host depends on the arguments or the url cannot be parsed.
 */
export function staticHostOf(urlTemplate: string): string | undefined {
  const match = /^(https?:\/\/)([^/?#]*)/i.exec(urlTemplate);
  if (match === null || match[2]!.includes('{{')) return undefined;
  try {
    const url = new URL(`${match[1]}${match[2]}/`);
    return url.host === '' ? undefined : url.host;
  } catch {
    return undefined;
  }
}
