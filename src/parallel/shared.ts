/**
 * Typed arrays in SharedArrayBuffers, for inputs read by several workers:
 * posting one to a worker shares its memory instead of copying it.
 *
 * @module
 */
import { bigSharedBuffer } from "../big_buffer.ts";

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
  const out = new Ctor(bigSharedBuffer(a.byteLength));
  (out as SharedTyped).set(a as never);
  return out;
}

/**
 * `value` with every typed array in it (through arrays and plain objects)
 * replaced by {@linkcode shared}: a structure to post to several workers
 * whose arrays they all read in place. Other values are kept as they are.
 *
 * @example
 * ```ts
 * import { sharedDeep } from "./shared.ts";
 * const v = sharedDeep({ n: 2, ids: ["a"], cols: { x: Float64Array.of(1, 2) }, list: [Uint8Array.of(1)] });
 * if (!(v.cols.x.buffer instanceof SharedArrayBuffer) || !(v.list[0].buffer instanceof SharedArrayBuffer)) throw new Error();
 * if (v.n !== 2 || v.ids[0] !== "a") throw new Error();
 * ```
 */
export function sharedDeep<T>(value: T): T {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return shared(value as unknown as SharedTyped) as unknown as T;
  }
  if (Array.isArray(value)) return value.map(sharedDeep) as unknown as T;
  if (
    value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sharedDeep(v)])) as T;
  }
  return value;
}
