import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dirSource } from '../../src/node/node-source';
import { WeightsError } from '../../src/weights/weights';

describe('dirSource', () => {
  it('reads a file in 1 MiB pieces, reporting each', async () => {
    const pieces: number[] = [];
    const bytes = await dirSource('weights/tiny-random').read('group1-shard1of2.bin', (n) => pieces.push(n));
    expect(bytes.length).toBe(statSync('weights/tiny-random/group1-shard1of2.bin').size);
    expect(pieces).toEqual([1048576, 1048576, 1048576, 1048576]);
  });

  it('says a file is missing, and that a folder is not a readable file', async () => {
    const error = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as WeightsError,
      );
    const missing = await error(dirSource('weights/tiny-random').read('nope.bin'));
    expect([missing?.kind, missing?.message]).toEqual(['missing', 'weights/tiny-random/nope.bin: not found']);
    const folder = await error(dirSource('weights').read('tiny-random'));
    expect([folder?.kind, folder?.message]).toEqual(['unreadable', 'weights/tiny-random: could not be read (EISDIR)']);
  });
});
