/**
 * The bytes of a typed array, for hashing and raw files.
 *
 * @module
 */

/** The bytes of a typed array (a view, no copy). */
export function bytes(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
