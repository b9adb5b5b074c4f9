import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isLinkLocalAddress, linkLocalReason } from '../../src/tools/kinds/http/link-local-hosts.ts';
import { guardedLookup, type Resolve } from '../../src/tools/kinds/http/guarded-request.ts';

const answering = (addresses: string[]): Resolve => (_hostname, _options, callback) =>
  callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

function lookup(allowLinkLocal: boolean, addresses: string[], all = false): Promise<{ error?: Error; result?: unknown }> {
  return new Promise((resolve) => {
    guardedLookup(allowLinkLocal, answering(addresses))('host.test', { all }, (error: Error | null, address: string | LookupAddress[]) => resolve(error ? { error } : { result: address }));
  });
}

describe('link-local and metadata addresses', () => {
  it('are recognised in every spelling', () => {
    for (const address of ['169.254.169.254', '169.254.0.1', 'fe80::1', 'febf::ffff', '::ffff:169.254.169.254', '[::ffff:a9fe:a9fe]', 'fd00:ec2::254', '100.100.100.200', '64:ff9b::a9fe:a9fe']) {
      expect(isLinkLocalAddress(address), address).toBe(true);
    }
    for (const address of ['127.0.0.1', '10.0.0.1', '169.255.0.1', 'fec0::1', '::1', 'example.com']) expect(isLinkLocalAddress(address), address).toBe(false);
    expect(linkLocalReason('METADATA.google.internal.')).toBe('metadata.google.internal is a cloud metadata host');
  });

  it('fail the connection when any resolved address is one, unless the tool allows them', async () => {
    expect((await lookup(false, ['93.184.216.34', '169.254.169.254'])).error?.message).toBe('host.test resolves to 169.254.169.254, a link-local or cloud metadata address');
    expect((await lookup(true, ['169.254.169.254'])).result).toBe('169.254.169.254');
    expect((await lookup(false, ['127.0.0.1', '::1'], true)).result).toEqual([{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]);
  });
});
