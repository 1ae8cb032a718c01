// GPT-2 BPE for the Python training tools, which have no tokenizer files offline.
//   echo '["text", ...]' | npx tsx tools/train/tokenize.ts encode   -> [[ids], ...]
//   echo '[[ids], ...]'  | npx tsx tools/train/tokenize.ts decode   -> ["text", ...]
import { readFileSync } from 'node:fs';
import { decode, encode } from 'gpt-tokenizer/encoding/r50k_base';

const mode = process.argv[2];
const input: unknown[] = JSON.parse(readFileSync(0, 'utf8'));
if (mode === 'encode') console.log(JSON.stringify(input.map((text) => encode(String(text)))));
else if (mode === 'decode') console.log(JSON.stringify(input.map((ids) => decode(ids as number[]))));
else {
  console.error('usage: tokenize.ts encode|decode (JSON array on stdin)');
  process.exit(1);
}
