/**
 * Typed arrays in SharedArrayBuffers, for inputs read by several workers:
 * posting one to a worker shares its memory instead of copying it.
 *
 * @module
 */

/** The typed arrays abreplay shares with workers. */
export type SharedTyped = Int32Array | Float32Array | Float64Array | Uint8Array;

/**
 * `a` itself when it already lives in a SharedArrayBuffer, else a shared copy.
 *
 * @example
 * ```ts
 * import { shared } from "./shared.ts";
 * const s = shared(Int32Array.of(1, 2));
 * if (!(s.buffer instanceof SharedArrayBuffer) || shared(s) !== s || s.join() !== "1,2") throw new Error();
 * ```
 */
export function shared<T extends SharedTyped>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as SharedTyped).set(a as never);
  return out;
}
