/**
 * Orders id-mapped rows by (user, ts, item, file position) in place, in
 * linear time for the usual input: a counting sort by user (stable), then
 * each user's run is checked and, only when out of order, merge-sorted by
 * (ts, item, file position). The permutation is applied in place by
 * following its cycles, so 35M-row inputs need no second copy of the columns
 * (fresh memory costs ~3 s per GiB on the VMs we run on: every first-touched
 * page faults).
 *
 * @module
 */
import type { Interactions } from "./types.ts";

/**
 * Sorts `rows` in place by (user, ts, item, rn) — `rn` is each row's file
 * position, unique — given `nUsers` dense user ids. Rows may arrive in any
 * order. Returns `rows`.
 *
 * @example
 * ```ts
 * import { sortRowsInPlace } from "./sort_rows.ts";
 * const rows = { user: Int32Array.of(1, 0, 1, 1), item: Int32Array.of(7, 5, 3, 3),
 *   ts: Float64Array.of(2, 9, 2, 1), rating: Uint8Array.of(1, 2, 3, 4), isRead: new Uint8Array(4) };
 * sortRowsInPlace(rows, Int32Array.of(0, 1, 2, 3), 2);
 * // user 0 first; user 1 by ts, then item
 * if (rows.user.join() !== "0,1,1,1" || rows.item.join() !== "5,3,3,7" || rows.rating.join() !== "2,4,3,1") {
 *   throw new Error(rows.rating.join());
 * }
 * ```
 */
export function sortRowsInPlace(rows: Interactions, rn: Int32Array, nUsers: number): Interactions {
  const { user, item, ts } = rows;
  const n = user.length;
  // Counting sort by user, stable in input order.
  const start = new Int32Array(nUsers + 1);
  for (let r = 0; r < n; r++) start[user[r] + 1]++;
  for (let u = 0; u < nUsers; u++) start[u + 1] += start[u];
  const next = start.slice(0, nUsers);
  const perm = new Int32Array(n); // perm[dest] = source row
  for (let r = 0; r < n; r++) perm[next[user[r]]++] = r;
  // Within each user: (ts, item, rn), sorted only where needed.
  const less = (a: number, b: number) =>
    ts[a] < ts[b] ||
    (ts[a] === ts[b] && (item[a] < item[b] || (item[a] === item[b] && rn[a] < rn[b])));
  let scratch = new Int32Array(0);
  for (let u = 0; u < nUsers; u++) {
    const a = start[u], b = start[u + 1];
    let sorted = true;
    for (let k = a + 1; k < b; k++) {
      if (less(perm[k], perm[k - 1])) {
        sorted = false;
        break;
      }
    }
    if (sorted) continue;
    if (scratch.length < b - a) scratch = new Int32Array(Math.max(b - a, scratch.length * 2));
    mergeSort(perm, a, b, scratch, less);
  }
  applyInPlace(rows, perm);
  for (let u = 0; u < nUsers; u++) user.fill(u, start[u], start[u + 1]);
  return rows;
}

/** Stable bottom-up merge sort of `a[lo, hi)` (insertion sort for runs of 16). */
function mergeSort(
  a: Int32Array,
  lo: number,
  hi: number,
  scratch: Int32Array,
  less: (x: number, y: number) => boolean,
): void {
  const RUN = 16;
  for (let s = lo; s < hi; s += RUN) {
    const e = Math.min(s + RUN, hi);
    for (let k = s + 1; k < e; k++) {
      const v = a[k];
      let j = k - 1;
      while (j >= s && less(v, a[j])) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
  for (let width = RUN; lo + width < hi; width *= 2) {
    for (let s = lo; s + width < hi; s += 2 * width) {
      const mid = s + width, e = Math.min(s + 2 * width, hi);
      if (!less(a[mid], a[mid - 1])) continue; // already in order
      const len = mid - s;
      scratch.set(a.subarray(s, mid), 0);
      let i = 0, j = mid, k = s;
      while (i < len && j < e) a[k++] = less(a[j], scratch[i]) ? a[j++] : scratch[i++];
      while (i < len) a[k++] = scratch[i++];
    }
  }
}

/**
 * Moves row `perm[d]` to position `d` for the item, ts, rating and isRead
 * columns, following the permutation's cycles (a bitmap marks placed rows).
 */
function applyInPlace(rows: Interactions, perm: Int32Array): void {
  const { item, ts, rating, isRead } = rows;
  const n = perm.length;
  const done = new Uint8Array((n + 7) >>> 3);
  for (let s = 0; s < n; s++) {
    if ((done[s >>> 3] >>> (s & 7)) & 1) continue;
    if (perm[s] === s) continue;
    const i0 = item[s], t0 = ts[s], r0 = rating[s], b0 = isRead[s];
    let d = s;
    for (;;) {
      done[d >>> 3] |= 1 << (d & 7);
      const src = perm[d];
      if (src === s) {
        item[d] = i0;
        ts[d] = t0;
        rating[d] = r0;
        isRead[d] = b0;
        break;
      }
      item[d] = item[src];
      ts[d] = ts[src];
      rating[d] = rating[src];
      isRead[d] = isRead[src];
      d = src;
    }
  }
}
