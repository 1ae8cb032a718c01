/**
 * Writes tests/fixtures/golden/prompts.json: the prompts of the golden fidelity tests
 * and their token ids from our tokenizer (r50k_base, GPT-2's BPE). tools/golden.py reads
 * the ids, since Hugging Face's tokenizer files are not available offline.
 *
 * Usage: npx tsx tools/golden-prompts.ts
 */
import { writeFileSync } from 'node:fs';
import { decode, encodeToIds } from '../src/tokenizer';

const N_POSITIONS = 128;

// Plain ASCII, so cutting it at a token boundary never splits a character.
const LONG_TEXT =
  'The lighthouse keeper climbed the spiral stairs every evening at dusk, carrying a can of oil ' +
  'and a cloth for the great lens. From the gallery he could see the fishing boats returning to ' +
  'the harbour, their lamps swinging as the swell lifted them. He wrote the weather in a ledger: ' +
  'wind from the south-west, force five, visibility good, a falling glass. In forty years he had ' +
  'missed only two nights, once for the birth of his daughter and once when the storm of 1953 ' +
  'tore the door from its hinges and flooded the lower room to the height of a man. The ledger ' +
  'records both, in the same careful hand, without complaint.';

function prompt(name: string, text: string): { name: string; text: string; ids: number[] } {
  return { name, text, ids: encodeToIds(text) };
}

function exactlyContext(name: string, text: string): { name: string; text: string; ids: number[] } {
  const ids = encodeToIds(text).slice(0, N_POSITIONS);
  if (ids.length !== N_POSITIONS) throw new Error(`${name}: the text has fewer than ${N_POSITIONS} tokens`);
  return { name, text: decode(ids), ids };
}

const prompts = [
  prompt(
    'english',
    'The quick brown fox jumps over the lazy dog. It was the best of times, it was the worst of times.',
  ),
  prompt('chinese', '今天天气很好，我们去公园散步吧。机器学习正在改变世界。'),
  prompt('emoji', 'I love pizza 🍕🍕 and my cat 🐱! Thumbs up 👍🏽 for the weekend 🎉'),
  prompt('single', 'Hello'),
  exactlyContext('full-context', LONG_TEXT),
];
if (prompts[3].ids.length !== 1) throw new Error('the single-token prompt is not one token');

const out = new URL('../tests/fixtures/golden/prompts.json', import.meta.url);
// One prompt per line keeps the file short and its diffs readable.
const lines = prompts.map((p) => '  ' + JSON.stringify(p));
writeFileSync(out, `{"n_positions": ${N_POSITIONS}, "prompts": [\n${lines.join(',\n')}\n]}\n`);
for (const p of prompts) console.log(`${p.name}: ${p.ids.length} tokens`);
