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
  let max = -1;
  for (let p = 0; p < lists.length; p++) if (lists[p] > max) max = lists[p];
  const seen = new Uint8Array(max + 1); // a flag per item id: a Set of numbers is ~30× slower
  let distinct = 0;
  const n = rows ? rows.length : lists.length / k;
  for (let q = 0; q < n; q++) {
    const j = rows ? rows[q] : q;
    for (let p = 0; p < k; p++) {
      const i = lists[j * k + p];
      if (i >= 0 && seen[i] === 0) {
        seen[i] = 1;
        distinct++;
      }
    }
  }
  return distinct / catalogSize;
}

/** Items of a set of lists as sets of users (CSR): item s of `items` is in the lists of users `members[offsets[s]..offsets[s+1])`. */
export interface ItemUsers {
  /** The distinct items recommended, ascending. */
  items: Int32Array;
  offsets: Int32Array;
  /** Positions q in `rows` (0-based) of the users whose list holds the item. */
  members: Int32Array;
}

/**
 * Inverts top-k lists into item → users sets over `rows` (all rows when
 * omitted), so that the coverage of any weighted subset of the users is the
 * number of items with a weighted user, divided by the catalog size.
 *
 * @example
 * ```ts
 * import { itemUsers } from "./coverage.ts";
 * // users 0: [4, 2], 1: [2, -1]  → item 2 in both lists, item 4 in user 0's
 * const s = itemUsers(Int32Array.of(4, 2, 2, -1), 2);
 * if (s.items.join() !== "2,4" || s.offsets.join() !== "0,2,3" || s.members.join() !== "0,1,0") throw new Error();
 * ```
 */
export function itemUsers(lists: Int32Array, k: number, rows?: Int32Array): ItemUsers {
  const n = rows ? rows.length : lists.length / k;
  let maxItem = -1;
  for (let q = 0; q < n; q++) {
    const j = rows ? rows[q] : q;
    for (let p = 0; p < k; p++) maxItem = Math.max(maxItem, lists[j * k + p]);
  }
  const count = new Int32Array(maxItem + 2);
  for (let q = 0; q < n; q++) {
    const j = rows ? rows[q] : q;
    for (let p = 0; p < k; p++) {
      const i = lists[j * k + p];
      if (i >= 0) count[i + 1]++;
    }
  }
  const slot = new Int32Array(maxItem + 1).fill(-1);
  let distinct = 0;
  for (let i = 0; i <= maxItem; i++) if (count[i + 1] > 0) slot[i] = distinct++;
  const items = new Int32Array(distinct);
  const offsets = new Int32Array(distinct + 1);
  for (let i = 0; i <= maxItem; i++) {
    if (slot[i] >= 0) {
      items[slot[i]] = i;
      offsets[slot[i] + 1] = offsets[slot[i]] + count[i + 1];
    }
  }
  const fill = offsets.slice(0, distinct);
  const members = new Int32Array(offsets[distinct]);
  for (let q = 0; q < n; q++) {
    const j = rows ? rows[q] : q;
    for (let p = 0; p < k; p++) {
      const i = lists[j * k + p];
      if (i >= 0) members[fill[slot[i]]++] = q;
    }
  }
  return { items, offsets, members };
}
