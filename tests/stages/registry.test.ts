import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../source-files';
import { STAGE_IDS, STAGES, isStageId, stageNeeds, stepStage, weightsUpTo } from '../../src/stages/registry';

describe('the stage registry', () => {
  it('declares each stage once', () => {
    expect(new Set(STAGE_IDS).size).toBe(STAGES.length);
    expect(isStageId('blocks')).toBe(true);
    expect(isStageId('nowhere')).toBe(false);
  });

  it('says which stages wait for on-request data', () => {
    expect(STAGE_IDS.filter((s) => stageNeeds(s, 'details'))).toEqual(['blocks']);
    expect(STAGE_IDS.filter((s) => stageNeeds(s, 'readouts'))).toEqual(['final']);
  });

  it('gives every weight kind to exactly one stage', () => {
    const all = weightsUpTo(STAGE_IDS[STAGE_IDS.length - 1]);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(10);
  });

  it('steps through a subset, clamped at the ends', () => {
    expect(stepStage(['tokens', 'final'], 'tokens', 1)).toBe('final');
    expect(stepStage(['tokens', 'final'], 'final', 1)).toBe('final');
  });

  // A stage is named only in the registry: elsewhere code asks the registry what a stage needs or is.
  it('is the only source file that compares or selects a stage by its id', () => {
    const ids = STAGE_IDS.join('|');
    const literal = new RegExp(`(stage|Stage)\\b[^;\\n]{0,24}'(${ids})'`);
    const offenders = sourceFiles('src')
      .filter((file) => !file.startsWith(join('src', 'stages')))
      // UI text may say "tokens" or "softmax".
      .filter((file) => !file.endsWith('strings.ts'))
      .filter((file) => literal.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
