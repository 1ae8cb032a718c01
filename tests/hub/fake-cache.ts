import type { ModelCache } from '../../src/hub/model-cache';

/** Cache Storage stand-in: a Map, optionally with a byte quota like a browser's. */
export class FakeCache implements ModelCache {
  entries = new Map<string, Uint8Array>();
  puts = 0;
  constructor(private quota = Infinity) {}
  async get(key: string) {
    return this.entries.get(key)?.slice();
  }
  async has(key: string) {
    return this.entries.has(key);
  }
  async put(key: string, bytes: Uint8Array) {
    this.puts++;
    const used = [...this.entries.values()].reduce((s, b) => s + b.length, 0);
    if (used + bytes.length > this.quota)
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    this.entries.set(key, bytes.slice());
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
}
