import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { sha256 } from '../../src/weights/sha256';
import { sha256Hex } from '../../src/weights/weights-format';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeHash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256 in plain JavaScript', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    const text = (s: string) => hex(sha256(new TextEncoder().encode(s)));
    expect(text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node at every length around the block and padding boundaries', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff);
    const wrong = [];
    for (let n = 0; n <= 300; n++)
      if (hex(sha256(data.subarray(0, n))) !== nodeHash(data.subarray(0, n))) wrong.push(n);
    expect(wrong).toEqual([]);
  });

  it('agrees with Web Crypto on a shard-sized buffer, through sha256Hex', async () => {
    const data = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24);
    expect(hex(sha256(data))).toBe(await sha256Hex(data));
  });

  it('is what sha256Hex falls back to where Web Crypto is missing (plain HTTP pages)', async () => {
    const data = new TextEncoder().encode('shard');
    vi.stubGlobal('crypto', {});
    try {
      expect(await sha256Hex(data)).toBe(nodeHash(data));
    } finally {
      vi.unstubAllGlobals();
    }
    expect(globalThis.crypto.subtle).toBeDefined();
  });
});
