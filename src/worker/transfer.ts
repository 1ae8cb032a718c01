/** The ArrayBuffers under a message's typed arrays, to transfer instead of copying them. */
export function buffersOf(value: unknown, out: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) buffersOf(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) buffersOf(v, out);
  }
  return [...out];
}
