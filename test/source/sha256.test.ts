import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/source/sha256.ts';

const native = (...parts: (string | Uint8Array)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/** A text of `length` code units drawn from ASCII, accented letters, CJK, astral pairs and lone surrogates. */
function randomText(length: number, seed: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = ['a', 'Z', '0', ' ', '\n', '{', '"', 'é', 'ß', '漢', '字', '😀', '\u{1F9EA}', '\ud800', '\udfff', '\u0000', '\u00ff', '\u0100'];
  let text = '';
  while (text.length < length) text += pieces[Math.floor(next() * pieces.length)];
  return text.slice(0, length);
}

describe('sha256Hex', () => {
  it('is the SHA-256 of the text\'s UTF-8 bytes, as node:crypto gives it, for short and long texts alike', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // Every length around the 64-byte block and the switch to node:crypto.
    const lengths = [1, 55, 56, 63, 64, 65, 119, 120, 1000, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000];
    for (const [index, length] of lengths.entries()) {
      const text = randomText(length, index + 1);
      expect(sha256Hex(text), `length ${length}`).toBe(native(text));
    }
    for (let seed = 100; seed < 400; seed++) {
      const text = randomText(seed % 97, seed);
      expect(sha256Hex(text), JSON.stringify(text)).toBe(native(text));
    }
  });

  it('hashes parts one after another: texts and bytes, as one stream', () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 0xe6, 0xbc]);
    expect(sha256Hex('ab', bytes, 'é漢')).toBe(native('ab', bytes, 'é漢'));
    expect(sha256Hex('ab', 'c')).toBe(sha256Hex('abc'));
    const long = new Uint8Array(70_000).fill(7);
    expect(sha256Hex('x', long)).toBe(native('x', long));
  });
});
