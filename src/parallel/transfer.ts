/**
 * The buffers a result may hand over to another thread instead of copying.
 *
 * @module
 */

/**
 * Every distinct (non-shared) ArrayBuffer behind the typed arrays and
 * buffers in `value`, searched through arrays and plain objects: what
 * `postMessage(value, transfer)` can move instead of copy. SharedArrayBuffers
 * are shared anyway and are left out.
 *
 * @example
 * ```ts
 * import { transferables } from "./transfer.ts";
 * const a = new Float64Array(4), b = new Int32Array(new SharedArrayBuffer(8));
 * const t = transferables({ reps: a, again: a.subarray(1), shared: b, n: 3, list: [new Uint8Array(2)] });
 * if (t.length !== 2 || t[0] !== a.buffer) throw new Error(String(t.length));
 * ```
 */
export function transferables(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== "object" || depth > 8) return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
    } else if (v instanceof ArrayBuffer) found.add(v);
    else if (Array.isArray(v)) { for (const x of v) visit(x, depth + 1); }
    else if (Object.getPrototypeOf(v) === Object.prototype) {
      for (const x of Object.values(v)) visit(x, depth + 1);
    }
  };
  visit(value, 0);
  return [...found];
}
