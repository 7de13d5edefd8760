/**
 * Orders id-mapped rows by (user, ts, item, file position) in place, in
 * linear time for the usual input: a counting sort by user (stable), then
 * each user's run is checked and, only when out of order, merge-sorted by
 * (ts, item, file position). The permutation is applied column by column
 * through one scratch buffer, so 35M-row inputs need no second copy of all
 * the columns (fresh memory costs ~3 s per GiB on the VMs we run on: every
 * first-touched page faults).
 *
 * @module
 */
import type { Interactions } from "./types.ts";
import { trace } from "../trace.ts";

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
  trace("sort: counting sort");
  let unsorted = 0;
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
    unsorted++;
    if (scratch.length < b - a) scratch = new Int32Array(Math.max(b - a, scratch.length * 2));
    mergeSort(perm, a, b, scratch, less);
  }
  trace(`sort: segments (${unsorted} unsorted)`);
  applyInPlace(rows, perm);
  trace("sort: apply");
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
 * Moves row `perm[d]` to position `d` in the item, ts, rating and isRead
 * columns: per column, a gather into one scratch buffer (reused) and a copy
 * back. The rows arrive from the engine in blocks of file order, so the
 * gather reads mostly sequentially (following the permutation's cycles in
 * place instead jumps between blocks at every step: ~10× slower at 35M rows).
 */
function applyInPlace(rows: Interactions, perm: Int32Array): void {
  const n = perm.length;
  const buffer = new ArrayBuffer(n * 8);
  const f64 = new Float64Array(buffer, 0, n);
  for (let d = 0; d < n; d++) f64[d] = rows.ts[perm[d]];
  rows.ts.set(f64);
  const i32 = new Int32Array(buffer, 0, n);
  for (let d = 0; d < n; d++) i32[d] = rows.item[perm[d]];
  rows.item.set(i32);
  const u8 = new Uint8Array(buffer, 0, n);
  for (let d = 0; d < n; d++) u8[d] = rows.rating[perm[d]];
  rows.rating.set(u8);
  for (let d = 0; d < n; d++) u8[d] = rows.isRead[perm[d]];
  rows.isRead.set(u8);
}
