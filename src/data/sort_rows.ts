/**
 * PROTOCOL §1 steps 1 and 3 and the ordering by (user, ts, item), in place,
 * on rows that the engine scan already put into **per-user segments** (each
 * row written straight to its user's block: a counting sort with no
 * permutation array and no second copy — fresh memory costs ~3–5 s per GiB
 * on the VMs we run on, every first-touched page faults).
 *
 * One pass, user after user: drop rows with an empty item id or a bad
 * timestamp (counting them and step 2's facts), order the user's rows by
 * (ts, item, file position) — already in order: nothing; in reverse order
 * (UCSD dumps list each user newest first): reversed; else a merge sort —,
 * keep the last row of each item (the latest, ties to the last in file
 * order), and move the kept rows down to their final place.
 *
 * @module
 */
import type { Interactions } from "./types.ts";
import { FLAG } from "./clean.ts";
import { bigSharedArray } from "../big_buffer.ts";
import { runTasks, shared, task } from "../parallel/mod.ts";

/** Rows in per-user segments, as the scan wrote them. */
export interface Segments {
  /**
   * Segment `s` holds rows `start[s] .. start[s+1]-1`; segment `s < nUsers`
   * is user code `s`, the last one the rows whose user id was empty.
   */
  start: Int32Array;
  /** Item code per row; −1 for an empty item id. */
  item: Int32Array;
  /** Unix seconds per row; NaN when missing or unparseable. */
  ts: Float64Array;
  /** The cleaning byte per row (`cleanFlags`). */
  flags: Uint8Array;
  /** File position per row (unique). */
  rn: Int32Array;
}

/** The columns of {@linkcode Segments}, allocated before the rows are placed. */
export type SegmentColumns = Omit<Segments, "start">;

/** What {@linkcode cleanSegments} returns. */
export interface CleanedRows {
  /** Kept rows sorted by (user, ts, item); user codes renumbered without the users left empty. */
  interactions: Interactions;
  /** Old user code → new user code, or −1 when all its rows were dropped. */
  userMap: Int32Array;
  /** 1 for item codes with a kept row. */
  itemUsed: Uint8Array;
  droppedEmptyId: number;
  droppedBadTimestamp: number;
  ratingNonNumeric: number;
  ratingClipped: number;
  ratingRounded: number;
  /** Rows left after steps 1–2 (before dedupe). */
  rowsStep: number;
}

/**
 * Cleans, orders and deduplicates `seg` in place (the result's columns are
 * views on its buffers: `rating` on `flags`, `user` on `rn`; only `isRead`
 * is new), for `nUsers` user codes and `nItems` item codes.
 *
 * @example
 * ```ts
 * import { cleanSegments } from "./sort_rows.ts";
 * // user 0: item 4 at ts 9 (rating 5) and again at ts 2 (rating 1); item 1 has a bad timestamp
 * const c = cleanSegments({ start: Int32Array.of(0, 3, 3), item: Int32Array.of(4, 4, 1),
 *   ts: Float64Array.of(9, 2, NaN), flags: Uint8Array.of(5, 1, 0), rn: Int32Array.of(0, 1, 2) }, 1, 5);
 * if (c.interactions.rating.join() !== "5" || c.droppedBadTimestamp !== 1 || c.rowsStep !== 2) {
 *   throw new Error(JSON.stringify(c));
 * }
 * ```
 */
export function cleanSegments(seg: Segments, nUsers: number, nItems: number): CleanedRows {
  const ends = new Int32Array(nUsers);
  return keepMarked(seg, nUsers, nItems, ends, stepUsers(seg, nItems, 0, nUsers, ends));
}

/**
 * {@linkcode cleanSegments} with steps 1–3 (each user's filtering, ordering
 * and marking: the sorts, most of the work) on `threads` workers, by ranges
 * of users of about equal rows, when there are at least `minRows` rows
 * (default {@linkcode MIN_PARALLEL_ROWS}) and the columns are in shared
 * memory (else on this thread). Users own disjoint segments of the shared
 * columns, so the workers write in place side by side; the kept rows
 * are then moved forward on this thread, as `cleanSegments` does. Same
 * result: the same per-user steps, in another order of users.
 */
export async function cleanSegmentsParallel(
  seg: Segments,
  nUsers: number,
  nItems: number,
  threads: number,
  minRows: number = MIN_PARALLEL_ROWS,
): Promise<CleanedRows> {
  const n = seg.start[nUsers + 1];
  // the workers write the columns in place: only columns in shared memory can go to them
  const inPlace = [seg.item, seg.ts, seg.flags, seg.rn].every((a) =>
    a.buffer instanceof SharedArrayBuffer
  );
  if (threads <= 1 || n < minRows || !inPlace) return cleanSegments(seg, nUsers, nItems);
  const ends = bigSharedArray(Int32Array, Math.max(nUsers, 1));
  const columns = { ...seg, start: shared(seg.start) };
  const parts = threads * RANGES_PER_THREAD;
  const tasks = [];
  for (let k = 0, u = 0; k < parts && u < nUsers; k++) {
    // users up to the k+1-th equal share of the rows
    const target = seg.start[nUsers] * ((k + 1) / parts);
    let to = u + 1;
    while (to < nUsers && (k === parts - 1 || seg.start[to] < target)) to++;
    tasks.push(task(import.meta.url, "stepUsers", columns, nItems, u, to, ends));
    u = to;
  }
  const counts = await runTasks<StepCounts>(tasks, threads);
  const total: StepCounts = {
    emptyId: 0,
    badTs: 0,
    nonNumeric: 0,
    clipped: 0,
    rounded: 0,
    rowsStep: 0,
  };
  for (const c of counts) {
    for (const key of Object.keys(total) as (keyof StepCounts)[]) total[key] += c[key];
  }
  return keepMarked(seg, nUsers, nItems, ends, total);
}

/** Below this many rows, {@linkcode cleanSegmentsParallel} stays on the calling thread. */
export const MIN_PARALLEL_ROWS = 4_000_000;

/** User ranges per worker (handed out as workers free up). */
const RANGES_PER_THREAD = 4;

/** What steps 1–3 counted over a range of users. */
export interface StepCounts {
  emptyId: number;
  badTs: number;
  nonNumeric: number;
  clipped: number;
  rounded: number;
  rowsStep: number;
}

/**
 * Steps 1–3 for users `from .. to−1`, in place in each user's segment: the
 * rows with an item and a valid timestamp are moved to the segment's front
 * `[start[u], ends[u])` and ordered by (ts, item, rn), and each item's latest
 * row is marked by `item = −(item + 1)` (the rows kept by step 3). A worker
 * task of {@linkcode cleanSegmentsParallel}.
 */
export function stepUsers(
  seg: Segments,
  nItems: number,
  from: number,
  to: number,
  ends: Int32Array,
): StepCounts {
  const { start, item, ts, flags, rn } = seg;
  const stamp = new Int32Array(nItems).fill(-1);
  const sorter = new SegmentSorter(seg);
  let emptyId = 0, badTs = 0, nonNumeric = 0, clipped = 0, rounded = 0, rowsStep = 0;
  for (let u = from; u < to; u++) {
    const a = start[u], b = start[u + 1];
    // Step 1 (and step 2's counts), compacting the segment to [a, m).
    let m = a;
    for (let r = a; r < b; r++) {
      const i = item[r], t = ts[r];
      if (i < 0) {
        emptyId++;
        continue;
      }
      if (!Number.isFinite(t)) {
        badTs++;
        continue;
      }
      const f = flags[r];
      if (f & FLAG.NON_NUMERIC) nonNumeric++;
      if (f & FLAG.CLIPPED) clipped++;
      if (f & FLAG.ROUNDED) rounded++;
      if (m !== r) (item[m] = i), (ts[m] = t), (flags[m] = f), (rn[m] = rn[r]);
      m++;
    }
    ends[u] = m;
    if (m === a) continue;
    rowsStep += m - a;
    sorter.sort(a, m);
    // Step 3: walking back, the first row of an item is its latest; mark it with -(item + 1).
    for (let r = m - 1; r >= a; r--) {
      const i = item[r];
      if (stamp[i] !== u) (stamp[i] = u), (item[r] = -i - 1);
    }
  }
  return { emptyId, badTs, nonNumeric, clipped, rounded, rowsStep };
}

/**
 * The marked rows of every user moved forward into one sorted run (after
 * {@linkcode stepUsers} over all users): users renumbered without those left
 * empty, `rating` and `isRead` split from the cleaning byte.
 */
function keepMarked(
  seg: Segments,
  nUsers: number,
  nItems: number,
  ends: Int32Array,
  counts: StepCounts,
): CleanedRows {
  const { start, item, ts, flags, rn } = seg;
  const n = start[nUsers + 1];
  const isRead = bigSharedArray(Uint8Array, Math.max(n, 1));
  const user = rn; // written only behind the read position
  const rating = flags;
  const itemUsed = new Uint8Array(nItems);
  const userMap = new Int32Array(nUsers).fill(-1);
  let w = 0, users = 0;
  for (let u = 0; u < nUsers; u++) {
    const a = start[u], m = ends[u];
    if (m === a) continue;
    const code = users++;
    userMap[u] = code;
    for (let r = a; r < m; r++) {
      if (item[r] >= 0) continue;
      const i = -item[r] - 1, f = flags[r];
      item[w] = i;
      ts[w] = ts[r];
      rating[w] = f & FLAG.RATING;
      isRead[w] = f & FLAG.READ ? 1 : 0;
      user[w] = code;
      itemUsed[i] = 1;
      w++;
    }
  }
  return {
    interactions: {
      user: user.subarray(0, w),
      item: item.subarray(0, w),
      ts: ts.subarray(0, w),
      rating: rating.subarray(0, w),
      isRead: isRead.subarray(0, w),
    },
    userMap,
    itemUsed,
    droppedEmptyId: counts.emptyId + start[nUsers + 1] - start[nUsers],
    droppedBadTimestamp: counts.badTs,
    ratingNonNumeric: counts.nonNumeric,
    ratingClipped: counts.clipped,
    ratingRounded: counts.rounded,
    rowsStep: counts.rowsStep,
  };
}

/** Orders one segment by (ts, item, rn), reusing its scratch buffers across segments. */
class SegmentSorter {
  readonly #seg: Segments;
  #perm = new Int32Array(0);
  #merge = new Int32Array(0);
  #f64 = new Float64Array(0);
  constructor(seg: Segments) {
    this.#seg = seg;
  }

  /** Sorts rows `a .. m-1` of the segment columns in place. */
  sort(a: number, m: number): void {
    const { item, ts, rn } = this.#seg;
    const less = (x: number, y: number) =>
      ts[x] < ts[y] ||
      (ts[x] === ts[y] && (item[x] < item[y] || (item[x] === item[y] && rn[x] < rn[y])));
    let ascending = true, descending = true;
    for (let r = a + 1; r < m && (ascending || descending); r++) {
      if (less(r, r - 1)) ascending = false;
      else descending = false; // rn is unique: no two rows are equal
    }
    if (ascending) return;
    if (descending) return this.#reverse(a, m);
    const len = m - a;
    if (this.#perm.length < len) {
      this.#perm = new Int32Array(len * 2);
      this.#merge = new Int32Array(len * 2);
      this.#f64 = new Float64Array(len * 2);
    }
    const perm = this.#perm;
    for (let k = 0; k < len; k++) perm[k] = a + k;
    mergeSort(perm, 0, len, this.#merge, less);
    this.#apply(a, len);
  }

  #reverse(a: number, m: number): void {
    const { item, ts, flags, rn } = this.#seg;
    for (let x = a, y = m - 1; x < y; x++, y--) {
      const i = item[x], t = ts[x], f = flags[x], p = rn[x];
      item[x] = item[y], ts[x] = ts[y], flags[x] = flags[y], rn[x] = rn[y];
      item[y] = i, ts[y] = t, flags[y] = f, rn[y] = p;
    }
  }

  /** Moves row `perm[k]` to `a + k` in every column, through the scratch buffers. */
  #apply(a: number, len: number): void {
    const { item, ts, flags, rn } = this.#seg;
    const perm = this.#perm, f64 = this.#f64, i32 = this.#merge;
    for (let k = 0; k < len; k++) f64[k] = ts[perm[k]];
    ts.set(f64.subarray(0, len), a);
    for (let k = 0; k < len; k++) i32[k] = item[perm[k]];
    item.set(i32.subarray(0, len), a);
    for (let k = 0; k < len; k++) i32[k] = rn[perm[k]];
    rn.set(i32.subarray(0, len), a);
    for (let k = 0; k < len; k++) f64[k] = flags[perm[k]];
    for (let k = 0; k < len; k++) flags[a + k] = f64[k];
  }
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
