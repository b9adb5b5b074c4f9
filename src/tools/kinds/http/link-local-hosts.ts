// Addresses an http tool may not reach unless it sets `allowLinkLocal: true`: link-local ranges, where
// cloud metadata services answer (169.254.169.254 hands out credentials), and the metadata host names.

import net from 'node:net';

let blockList: InstanceType<typeof net.BlockList> | undefined;

/** Made on first use: node:net is loaded for it then, not by every command that imports the http kind. */
function blocked(): InstanceType<typeof net.BlockList> {
  if (blockList === undefined) {
    blockList = new net.BlockList();
    blockList.addSubnet('169.254.0.0', 16, 'ipv4'); // IPv4 link-local: AWS, GCP, Azure, OCI metadata
    blockList.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
    blockList.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local
    blockList.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6
    blockList.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6'); // 169.254.0.0/16 through NAT64
    blockList.addSubnet('::a9fe:0', 112, 'ipv6'); // 169.254.0.0/16 as an IPv4-compatible address
    // IPv4-mapped IPv6 (::ffff:169.254.169.254) is matched by the IPv4 rules.
  }
  return blockList;
}

const METADATA_HOST_NAMES: ReadonlySet<string> = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** A host name or address literal as URL.hostname gives it, lower-case, without brackets or a final dot. */
function normalHost(host: string): string {
  return host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** Whether an IP address (v4 or v6 text) is link-local or a metadata address. */
export function isLinkLocalAddress(address: string): boolean {
  const ip = normalHost(address);
  const family = net.isIP(ip);
  if (family === 0) return false;
  return blocked().check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why the host (a name or an address literal, as in a URL) is off limits, or undefined when it is not. */
export function linkLocalReason(host: string): string | undefined {
  const name = normalHost(host);
  if (METADATA_HOST_NAMES.has(name)) return `${name} is a cloud metadata host`;
  if (isLinkLocalAddress(name)) return `${name} is a link-local or cloud metadata address`;
  return undefined;
}

/** The advice every refusal ends with. */
export const ALLOW_LINK_LOCAL_HINT = 'set allowLinkLocal: true on the tool if it really must reach it';
