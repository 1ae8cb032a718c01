import { afterEach, describe, expect, it } from 'vitest';
import { withWasmThreads } from '../../src/model/wasm-threads';

const g = globalThis as { navigator?: unknown };
const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'navigator', original);
  else delete g.navigator;
});

describe('withWasmThreads', () => {
  it('reports twice the wanted threads while the backend starts, then the real count again', async () => {
    Object.defineProperty(globalThis, 'navigator', { value: { hardwareConcurrency: 2 }, configurable: true });
    const nav = g.navigator as { hardwareConcurrency: number };
    const seen = await withWasmThreads(2, async () => nav.hardwareConcurrency);
    expect(seen).toBe(4);
    expect(nav.hardwareConcurrency).toBe(2);
  });

  it('leaves no own property behind when the count comes from the prototype, as in browsers', async () => {
    const nav = Object.create({
      get hardwareConcurrency() {
        return 2;
      },
    }) as { hardwareConcurrency: number };
    Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true });
    expect(await withWasmThreads(1, async () => nav.hardwareConcurrency)).toBe(2);
    expect(Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency')).toBeUndefined();
    expect(nav.hardwareConcurrency).toBe(2);
  });

  it('restores the count when starting fails', async () => {
    Object.defineProperty(globalThis, 'navigator', { value: { hardwareConcurrency: 8 }, configurable: true });
    const nav = g.navigator as { hardwareConcurrency: number };
    await expect(withWasmThreads(3, async () => Promise.reject(new Error('no backend')))).rejects.toThrow('no backend');
    expect(nav.hardwareConcurrency).toBe(8);
  });
});
