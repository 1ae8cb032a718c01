/**
 * Writes tests/fixtures/golden/interventions-cases.json: the edited runs, attributions,
 * head scores, induction probe and patching sweeps that tools/golden_interventions.py
 * makes with PyTorch hooks and tests/model/golden-interventions.test.ts checks the runtime
 * against. Token ids come from our tokenizer (the Hugging Face tokenizer files are not
 * available offline), and the probe's tokens from the runtime's own generator, so the
 * reference sees exactly the runtime's inputs.
 *
 * Usage: npx tsx tools/golden-intervention-cases.ts
 */
import { writeFileSync } from 'node:fs';
import type { GPT2Config } from '../src/model/config';
import type { Edit } from '../src/model/interventions/edits';
import { probeTokens } from '../src/model/interventions/induction-probe';
import { SWEEP_HOOKS } from '../src/model/interventions/patching-sweep';
import { encodeToIds } from '../src/tokenizer';

// The tiny fixture's shape (weights/tiny-random): only vocab_size matters for the probe.
const TINY = { vocab_size: 50257 } as GPT2Config;

const texts = {
  clean: 'When Mary and John went to the store, John gave a drink to',
  corrupted: 'When Mary and John went to the store, Mary gave a drink to',
  short: 'The cat sat on the mat',
  repeats: 'It was the best of times, it was the worst of times, it was the age of wisdom.',
};
const prompts = Object.fromEntries(
  Object.entries(texts).map(([name, text]) => [name, { text, ids: encodeToIds(text) }]),
);

const token = (text: string) => {
  const ids = encodeToIds(text);
  if (ids.length !== 1) throw new Error(`"${text}" is not one token`);
  return ids[0];
};
const MARY = token(' Mary');
const JOHN = token(' John');

interface EditCase {
  name: string;
  prompt: keyof typeof texts;
  edits: Edit[];
  patchFrom?: keyof typeof texts;
}

const edits: EditCase[] = [
  { name: 'zero-z-head', prompt: 'clean', edits: [{ hook: 'blocks.0.attn.hook_z', kind: 'zero', heads: [1] }] },
  {
    name: 'zero-pattern-rows',
    prompt: 'clean',
    edits: [{ hook: 'blocks.1.attn.hook_pattern', kind: 'zero', heads: [0], positions: [3, 4, 13] }],
  },
  { name: 'zero-mlp-out', prompt: 'clean', edits: [{ hook: 'blocks.0.hook_mlp_out', kind: 'zero' }] },
  {
    name: 'mean-neurons',
    prompt: 'clean',
    edits: [{ hook: 'blocks.1.mlp.hook_post', kind: 'mean', neurons: [3, 17, 200] }],
  },
  { name: 'mean-resid-mid', prompt: 'clean', edits: [{ hook: 'blocks.0.hook_resid_mid', kind: 'mean' }] },
  {
    name: 'mean-pattern-head',
    prompt: 'clean',
    edits: [{ hook: 'blocks.0.attn.hook_pattern', kind: 'mean', heads: [1] }],
  },
  {
    name: 'scale-attn-out',
    prompt: 'clean',
    edits: [{ hook: 'blocks.1.hook_attn_out', kind: 'scale', factor: 0.5, positions: [2, 5, 13] }],
  },
  {
    name: 'scale-resid-pre',
    prompt: 'clean',
    edits: [{ hook: 'blocks.0.hook_resid_pre', kind: 'scale', factor: 3, positions: [0] }],
  },
  {
    name: 'patch-z-same-length',
    prompt: 'corrupted',
    patchFrom: 'clean',
    edits: [{ hook: 'blocks.1.attn.hook_z', kind: 'patch', heads: [0] }],
  },
  {
    name: 'patch-resid-pre-shorter-source',
    prompt: 'clean',
    patchFrom: 'short',
    edits: [{ hook: 'blocks.1.hook_resid_pre', kind: 'patch', positions: [1, 4] }],
  },
  {
    name: 'patch-pattern-shorter-source',
    prompt: 'clean',
    patchFrom: 'short',
    edits: [{ hook: 'blocks.0.attn.hook_pattern', kind: 'patch', heads: [1], positions: [2, 3, 5] }],
  },
  {
    name: 'several',
    prompt: 'clean',
    patchFrom: 'short',
    edits: [
      { hook: 'blocks.0.hook_resid_post', kind: 'zero', positions: [2] },
      { hook: 'blocks.0.attn.hook_pattern', kind: 'mean', heads: [0] },
      { hook: 'blocks.0.hook_mlp_out', kind: 'patch', positions: [0, 1] },
      { hook: 'blocks.1.hook_mlp_out', kind: 'scale', factor: 2 },
      { hook: 'blocks.1.hook_mlp_out', kind: 'zero', positions: [13] },
    ],
  },
];

const attributions = [
  { name: 'contrast', prompt: 'clean', target: MARY, against: JOHN },
  { name: 'single', prompt: 'clean', target: MARY },
  { name: 'earlier-position', prompt: 'repeats', target: token(' times'), position: 8 },
  { name: 'edited-run', edit: 'patch-z-same-length', target: MARY, against: JOHN },
];

const probe = { length: 12, seed: 7 };
const cases = {
  prompts,
  edits,
  attributions,
  headScores: ['repeats', 'clean'],
  probe: { ...probe, ids: probeTokens(TINY, probe.length, probe.seed) },
  sweeps: SWEEP_HOOKS.map((hook) => ({ hook, clean: 'clean', corrupted: 'corrupted', answer: MARY, against: JOHN })),
};

const out = new URL('../tests/fixtures/golden/interventions-cases.json', import.meta.url);
writeFileSync(out, JSON.stringify(cases, null, 1) + '\n');
console.log(`wrote ${edits.length} edit cases, ${attributions.length} attributions, ${cases.sweeps.length} sweeps`);
