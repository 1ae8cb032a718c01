/**
 * Logit rows travel through JSON as base64 of little-endian float32 (page/measure.ts writes them); Node reads them
 * back.
 */
export function decodeFloat32(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}
