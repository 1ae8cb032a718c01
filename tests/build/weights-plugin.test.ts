import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelsIn } from '../../build/weights-plugin';

describe('modelsIn', () => {
  const root = mkdtempSync(join(tmpdir(), 'forward-pass-weights-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists the folders that hold a model.json, of those named when names are given', () => {
    for (const [name, withJson] of [
      ['b', true],
      ['a', true],
      ['empty', false],
    ] as const) {
      mkdirSync(join(root, name));
      if (withJson) writeFileSync(join(root, name, 'model.json'), '{}');
    }
    writeFileSync(join(root, 'stray.txt'), '');
    expect(modelsIn(root)).toEqual(['a', 'b']);
    expect(modelsIn(root, ['b', 'gpt2', 'empty'])).toEqual(['b']);
    expect(modelsIn(join(root, 'nowhere'))).toEqual([]);
  });

  it('lists what the repository holds', () => {
    expect(modelsIn('weights', ['gpt2-mini-circuits', 'tiny-random'])).toEqual(['gpt2-mini-circuits', 'tiny-random']);
  });
});
