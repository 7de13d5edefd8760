/**
 * Restricting CSR relevant sets to a subset of eval users (A/B arms).
 *
 * @module
 */

/**
 * CSR rows `rows` (ascending or not) of (`offsets`, `values`), as a new CSR.
 *
 * @example
 * ```ts
 * import { csrRows } from "./subset.ts";
 * const s = csrRows(new Int32Array([0, 2, 3, 5]), new Int32Array([1, 2, 3, 4, 5]), new Int32Array([0, 2]));
 * if (s.offsets.join() !== "0,2,4" || s.values.join() !== "1,2,4,5") throw new Error();
 * ```
 */
export function csrRows(
  offsets: Int32Array,
  values: Int32Array,
  rows: Int32Array,
): { offsets: Int32Array; values: Int32Array } {
  const out = new Int32Array(rows.length + 1);
  for (let q = 0; q < rows.length; q++) {
    out[q + 1] = out[q] + offsets[rows[q] + 1] - offsets[rows[q]];
  }
  const vals = new Int32Array(out[rows.length]);
  for (let q = 0; q < rows.length; q++) {
    vals.set(values.subarray(offsets[rows[q]], offsets[rows[q] + 1]), out[q]);
  }
  return { offsets: out, values: vals };
}
