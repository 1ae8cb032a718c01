import { describe, expect, it } from 'vitest';
import { loadStep } from '../../src/app/load-step';
import { CONVERTING } from '../../src/hub/hub';

describe('loadStep', () => {
  it('is a download with its percentage while bytes arrive', () => {
    expect(loadStep(null)).toEqual({ kind: 'download', percent: 0 });
    expect(loadStep({ loaded: 0, total: 0 })).toEqual({ kind: 'download', percent: 0 });
    expect(loadStep({ loaded: 1, total: 3, file: 'model.safetensors' })).toEqual({ kind: 'download', percent: 33 });
    expect(loadStep({ loaded: 3, total: 3, file: 'model.safetensors' })).toEqual({ kind: 'download', percent: 100 });
  });

  it('is the conversion, with no percentage, once the Hub download is verified', () => {
    expect(loadStep({ loaded: 548_105_836, total: 548_105_836, file: CONVERTING })).toEqual({
      kind: 'convert',
      bytes: 548_105_836,
    });
  });
});
