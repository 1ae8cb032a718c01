/**
 * Widens a stream of little-endian float16 values into one Float32Array per tensor.
 * TF.js lays a group's tensors back to back and cuts the result into shards without
 * regard for tensor boundaries, so a piece may end mid-tensor or even mid-value.
 * Each Float32Array is allocated when its first value arrives, so a load that fails
 * early has not yet reserved memory for the whole model.
 */
import { fromHalfBits, widenHalfBytes } from './fp16';

export class HalfStreamDecoder {
  readonly outputs: Float32Array[] = [];
  private filled = 0; // values written into the current (last) output
  private carry = -1; // a lone low byte left by the previous piece, or -1
  private written = 0;
  private readonly total: number;

  constructor(private readonly sizes: readonly number[]) {
    this.total = sizes.reduce((a, b) => a + b, 0);
  }

  /** True once every tensor is complete. */
  get done(): boolean {
    return this.carry < 0 && this.written === this.total;
  }

  push(bytes: Uint8Array): void {
    let i = 0;
    if (this.carry >= 0 && bytes.length > 0) {
      this.target(1)[this.filled++] = fromHalfBits(this.carry | (bytes[0] << 8));
      this.carry = -1;
      this.written++;
      i = 1;
    }
    while (bytes.length - i >= 2) {
      const out = this.target(1);
      const n = Math.min(out.length - this.filled, (bytes.length - i) >>> 1);
      widenHalfBytes(bytes.subarray(i, i + 2 * n), out, this.filled);
      this.filled += n;
      this.written += n;
      i += 2 * n;
    }
    if (i < bytes.length) this.carry = bytes[i];
  }

  /** The output with room for `need` more values, moving on to (and allocating) the next tensor when full. */
  private target(need: number): Float32Array {
    let out = this.outputs.at(-1);
    while (!out || out.length - this.filled < need) {
      if (this.outputs.length === this.sizes.length) throw new Error('more float16 data than the tensors hold');
      out = new Float32Array(this.sizes[this.outputs.length]);
      this.outputs.push(out);
      this.filled = 0;
    }
    return out;
  }
}
