// SHA-256 of texts (their UTF-8 bytes) and bytes, as lowercase hex: the digest behind replay keys,
// pipeline identities, plan-cache keys and run ids.
//
// Loading node:crypto and making its first hash costs a start about 4 ms, a fifth of starting
// Node.js, and what an everyday run hashes is a few kilobytes: that goes through @noble/hashes (plain
// JavaScript, audited). Long inputs still go to node:crypto, loaded then, which hashes them faster.
// Both give the same digest (test/source/sha256.test.ts).

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** From this many bytes (or UTF-16 code units) on, node:crypto's native hash is worth loading. */
const NATIVE_FROM = 64 * 1024;

const encoder = new TextEncoder();

/** The digest of `parts` one after another: texts as their UTF-8 bytes, byte arrays as they are. */
export function sha256Hex(...parts: readonly (string | Uint8Array)[]): string {
  if (parts.reduce((length, part) => length + part.length, 0) >= NATIVE_FROM) {
    const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
    for (const part of parts) hash.update(part);
    return hash.digest('hex');
  }
  const hash = sha256.create();
  for (const part of parts) hash.update(typeof part === 'string' ? encoder.encode(part) : part);
  return bytesToHex(hash.digest());
}
