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
 * A hit table that also keeps the lists and the relevant sets it was built
 * from (after the item filter), for metrics that read the items themselves
 * (popularity, diversity, inverse-propensity weights).
 */
export interface ListTable extends HitTable {
  /** `lists[j*k + p]`, -1 = empty slot. */
  lists: Int32Array;
  /** CSR offsets of the filtered relevant sets (length n + 1). */
  relOffsets: Int32Array;
  /** The filtered relevant items (row `j`'s are `relItems[relOffsets[j] .. relOffsets[j+1])`). */
  relItems: Int32Array;
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
): ListTable {
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
  const kept = keep ? new Int32Array(relItems.length) : relItems;
  const keptOffsets = keep ? new Int32Array(n + 1) : relOffsets;
  let m = 0;
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (let r = relOffsets[j]; r < relOffsets[j + 1]; r++) {
      const i = relItems[r];
      if (keep && !keep(i)) continue;
      stamp[i] = j;
      if (keep) kept[m++] = i;
      c++;
    }
    nRel[j] = c;
    if (keep) keptOffsets[j + 1] = m;
    for (let p = 0; p < k; p++) {
      const i = lists[j * k + p];
      if (i >= 0 && stamp[i] === j) hits[j * k + p] = 1;
    }
  }
  return {
    k,
    n,
    hits,
    nRel,
    lists,
    relOffsets: keptOffsets,
    relItems: keep ? kept.slice(0, m) : relItems,
  };
}
