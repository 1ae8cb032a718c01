import { describe, expect, it } from 'vitest';
import { hubFileUrl, hubTreeUrl, normalizeEndpoint, parseTree } from '../../src/hub/hub-repo';

// Shaped like the Hub's answer for openai-community/gpt2: config.json's entry and model.safetensors' lfs
// values are GPT-2's; the other two git ids are invented (only their format matters here).
const LISTING = [
  { type: 'file', oid: '10c66461e4c109db5a2196bff4bb59be30396ed8', size: 665, path: 'config.json' },
  {
    type: 'file',
    oid: '44b36d6e32d8e4bb8f2fbd8e4ea1ab6e7e3f4e7a',
    size: 548105171,
    path: 'model.safetensors',
    lfs: { oid: '248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707', size: 548105171, pointerSize: 134 },
  },
  { type: 'directory', oid: 'd03ec5ec17e1b5d4a4f1e1b0b7e0e1b5d4a4f1e1', size: 0, path: 'onnx' },
];

describe('parseTree', () => {
  it('takes the SHA-256 of LFS files and the git blob id of the others', () => {
    const files = parseTree(LISTING, ['config.json', 'model.safetensors'], 'tree');
    expect(files.get('config.json')).toEqual({ size: 665, gitSha1: '10c66461e4c109db5a2196bff4bb59be30396ed8' });
    expect(files.get('model.safetensors')).toEqual({
      size: 548105171,
      sha256: '248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707',
    });
  });

  it('names the files a repository lacks, and refuses a listing that is not one', () => {
    expect(() => parseTree(LISTING.slice(0, 1), ['config.json', 'model.safetensors'], 'tree')).toThrow(
      'tree: the repository has no model.safetensors',
    );
    expect(() => parseTree({ error: 'x' }, ['config.json'], 'tree')).toThrow(
      'tree: the file listing is not a JSON array',
    );
  });
});

describe('Hub URLs', () => {
  const hub = { endpoint: 'https://hf-mirror.com', repo: 'openai-community/gpt2', revision: 'main' };
  it('builds resolve and tree URLs as the Hub serves them', () => {
    expect(hubFileUrl(hub, 'model.safetensors')).toBe(
      'https://hf-mirror.com/openai-community/gpt2/resolve/main/model.safetensors',
    );
    expect(hubTreeUrl(hub)).toBe('https://hf-mirror.com/api/models/openai-community/gpt2/tree/main');
    expect(hubFileUrl({ ...hub, revision: 'refs/pr/1' }, 'config.json')).toContain('/resolve/refs%2Fpr%2F1/');
  });

  it('normalizes endpoints and refuses what is not http(s)', () => {
    expect(normalizeEndpoint(' https://huggingface.co/ ')).toBe('https://huggingface.co');
    expect(normalizeEndpoint('http://127.0.0.1:8080/hub//')).toBe('http://127.0.0.1:8080/hub');
    expect(() => normalizeEndpoint('huggingface.co')).toThrow(/is not a URL/);
    expect(() => normalizeEndpoint('file:///etc')).toThrow(/must start with http/);
  });
});
