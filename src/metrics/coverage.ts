/**
 * Catalog coverage (PROTOCOL §4).
 *
 * @module
 */

/**
 * `Coverage@k = |∪_u top_k(u)| / |catalog|` over the users `rows` (indices into
 * the list table; all rows when omitted).
 *
 * @example
 * ```ts
 * import { coverage } from "./coverage.ts";
 * // two users, k = 2: {1, 2} ∪ {2, 3} = 3 distinct of a 6-item catalog
 * const c = coverage(new Int32Array([1, 2, 2, 3]), 2, 6);
 * if (c !== 0.5) throw new Error(String(c));
 * ```
 */
export function coverage(
  lists: Int32Array,
  k: number,
  catalogSize: number,
  rows?: Int32Array,
): number {
  if (catalogSize <= 0) return 0;
  const seen = new Set<number>();
  const n = rows ? rows.length : lists.length / k;
  for (let q = 0; q < n; q++) {
    const j = rows ? rows[q] : q;
    for (let p = 0; p < k; p++) {
      const i = lists[j * k + p];
      if (i >= 0) seen.add(i);
    }
  }
  return seen.size / catalogSize;
}
