/**
 * The shared work of every ranking metric, computed once per segment: which
 * list positions are hits, and the size of each user's relevant set.
 *
 * @module
 */

/** Hits of top-k lists against relevant sets. */
export interface HitTable {
  /** Cut-off `k`. */
  k: number;
  /** Number of users `n`. */
  n: number;
  /** `hits[j*k + p] = 1` when position `p` (0-based) of user `j`'s list is relevant. */
  hits: Uint8Array;
  /** `|R(u)|` per user (after the item filter). */
  nRel: Int32Array;
}

/**
 * Builds the hit table of lists (`lists[j*k+p]`, -1 = empty slot) against the
 * CSR relevant sets, counting only relevant items that pass `keep` (e.g. cold).
 *
 * @example
 * ```ts
 * import { hitTable } from "./hits.ts";
 * // one user, list [5, 7, 9], relevant {7, 8}
 * const t = hitTable(new Int32Array([5, 7, 9]), 3, new Int32Array([0, 2]), new Int32Array([7, 8]));
 * if (t.hits.join() !== "0,1,0" || t.nRel[0] !== 2) throw new Error();
 * ```
 */
export function hitTable(
  lists: Int32Array,
  k: number,
  relOffsets: Int32Array,
  relItems: Int32Array,
  keep?: (item: number) => boolean,
  nItems?: number,
): HitTable {
  const n = relOffsets.length - 1;
  const hits = new Uint8Array(n * k);
  const nRel = new Int32Array(n);
  let maxItem = nItems ?? 0;
  if (nItems === undefined) {
    for (let r = 0; r < relItems.length; r++) {
      if (relItems[r] + 1 > maxItem) maxItem = relItems[r] + 1;
    }
    for (let r = 0; r < lists.length; r++) if (lists[r] + 1 > maxItem) maxItem = lists[r] + 1;
  }
  const stamp = new Int32Array(maxItem).fill(-1);
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (let r = relOffsets[j]; r < relOffsets[j + 1]; r++) {
      const i = relItems[r];
      if (keep && !keep(i)) continue;
      stamp[i] = j;
      c++;
    }
    nRel[j] = c;
    for (let p = 0; p < k; p++) {
      const i = lists[j * k + p];
      if (i >= 0 && stamp[i] === j) hits[j * k + p] = 1;
    }
  }
  return { k, n, hits, nRel };
}
