/**
 * Typed arrays in SharedArrayBuffers, for inputs read by several workers.
 *
 * @module
 */

type Typed = Int32Array | Float32Array | Float64Array | Uint8Array;

/**
 * `a` itself when it already lives in a SharedArrayBuffer, else a shared copy.
 *
 * @example
 * ```ts
 * import { shared } from "./_shared.ts";
 * const s = shared(Int32Array.of(1, 2));
 * if (!(s.buffer instanceof SharedArrayBuffer) || shared(s) !== s || s.join() !== "1,2") throw new Error();
 * ```
 */
export function shared<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as Typed).set(a as never);
  return out;
}
