import { describe, expect, it } from 'vitest';
import { readPageOptions } from '../../src/app/url-params';

describe('page options from the URL', () => {
  it('accepts a known backend and reports an unknown one', () => {
    expect(readPageOptions('?backend=wasm')).toEqual({ backends: ['wasm'] });
    expect(readPageOptions('?backend=tpu')).toEqual({ badBackend: 'tpu' });
    expect(readPageOptions('?model=tiny-random')).toEqual({ model: 'tiny-random' });
    expect(readPageOptions('')).toEqual({});
  });
});
