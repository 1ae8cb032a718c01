import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelDir } from '../../../scripts/lib/default-model';

describe('defaultModelDir', () => {
  it('picks the bundled model when present, else the tiny fixture', () => {
    const dir = defaultModelDir();
    const bundled = existsSync(join('weights', 'gpt2-mini-circuits', 'model.json'));
    expect(dir).toBe(join('weights', bundled ? 'gpt2-mini-circuits' : 'tiny-random'));
    expect(existsSync(join(dir, 'model.json'))).toBe(true);
  });
});
