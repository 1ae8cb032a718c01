/**
 * Hook names are written once, in src/model/hooks.ts. The panels pass them around typed as
 * HookName (so the compiler rejects a typo); these checks catch the two ways a name could
 * still be written by hand: inside a UI string, or spliced together in a template literal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../source-files';
import { allStrings } from '../../src/i18n/dictionaries';

const HOOK_TEXT = /hook_[a-z_]+|ln_final\.|blocks\.\d/;

describe('hook names in the UI', () => {
  it('never appear inside a UI string: strings take them as {hook} placeholders', () => {
    for (const dict of Object.values(allStrings)) {
      for (const [key, text] of Object.entries(dict)) expect(HOOK_TEXT.test(text), `${key}: ${text}`).toBe(false);
    }
  });

  it('are never spliced by hand outside the hook module', () => {
    const handMade = /`[^`]*blocks\.\$\{[^`]*`/;
    const offenders = ['src/panels', 'src/app', 'src/charts', 'src/store']
      .flatMap(sourceFiles)
      // The two forms of the scores before hook_attn_scores have labels, not hook names.
      .filter((file) => !file.endsWith('AttentionSteps.tsx'))
      .filter((file) => handMade.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
