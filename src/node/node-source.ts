/**
 * A FileSource over a model folder on disk (Node only: never import from browser code).
 * Files are read in 1 MiB pieces so `onBytes` can report progress.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSource } from '../model/types';
import { WeightsError } from '../weights/weights-error';

const CHUNK = 1024 * 1024;

export function dirSource(dir: string): FileSource {
  return {
    describe: () => dir,
    async read(path, onBytes) {
      const file = join(dir, path);
      try {
        const handle = await open(file, 'r');
        try {
          const { size } = await handle.stat();
          const out = new Uint8Array(size);
          let offset = 0;
          while (offset < size) {
            const { bytesRead } = await handle.read(out, offset, Math.min(CHUNK, size - offset), offset);
            if (bytesRead === 0) break;
            offset += bytesRead;
            onBytes?.(bytesRead);
          }
          return offset === size ? out : out.subarray(0, offset);
        } finally {
          await handle.close();
        }
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new WeightsError('missing', file, `${file}: not found`);
        throw new WeightsError('unreadable', file, `${file}: could not be read (${code ?? (e as Error).message})`);
      }
    },
  };
}
