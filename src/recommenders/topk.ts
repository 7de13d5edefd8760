/**
 * Shared top-k machinery: seen-item exclusion by stamping, and deterministic
 * top-k selection from a dense score array (ties → lower item index first).
 *
 * @module
 */
import type { TrainData } from "./types.ts";

/**
 * Marks a user's train items in an `Int32Array` stamp so that membership is
 * O(1) with no allocation per user. `mark(u)` then `isSeen(i)`.
 */
export class SeenMarker {
  readonly #stamp: Int32Array;
  readonly #data: TrainData;
  #current = 0;
  constructor(data: TrainData) {
    this.#data = data;
    this.#stamp = new Int32Array(data.nItems);
  }
  /** Make `u` the current user. */
  mark(u: number): void {
    this.#current++;
    const { userOffsets, train } = this.#data;
    if (u < 0 || u + 1 >= userOffsets.length) return;
    for (let r = userOffsets[u]; r < userOffsets[u + 1]; r++) {
      this.#stamp[train.item[r]] = this.#current;
    }
  }
  /** True when `i` is in the current user's train history. */
  isSeen(i: number): boolean {
    return this.#stamp[i] === this.#current;
  }
}

/**
 * Writes the top `k` items by descending `score` into `out[offset..offset+k)`
 * (padding with -1), skipping items for which `skip(i)` is true and items with
 * score `-Infinity`. Ties go to the lower item index.
 *
 * @example
 * ```ts
 * import { topKInto } from "./topk.ts";
 * const out = new Int32Array(3);
 * topKInto(new Float64Array([0.5, 2, 2, -Infinity, 1]), 3, out, 0, (i) => i === 4);
 * if (out.join() !== "1,2,0") throw new Error(out.join());
 * ```
 */
export function topKInto(
  score: ArrayLike<number>,
  k: number,
  out: Int32Array,
  offset: number,
  skip: (i: number) => boolean,
  candidates?: ArrayLike<number>,
  nCandidates?: number,
): number {
  // Small binary min-heap of (score, item) of size k; worst at root.
  const hs = new Float64Array(k);
  const hi = new Int32Array(k);
  let size = 0;
  const worse = (sa: number, ia: number, sb: number, ib: number) =>
    sa < sb || (sa === sb && ia > ib);
  const n = candidates ? (nCandidates ?? candidates.length) : score.length;
  for (let c = 0; c < n; c++) {
    const i = candidates ? candidates[c] : c;
    const s = score[i];
    if (s === -Infinity || Number.isNaN(s)) continue;
    // a full heap keeps only a better item: test that before the (costlier) filter
    if (size === k && !worse(hs[0], hi[0], s, i)) continue;
    if (skip(i)) continue;
    if (size < k) {
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!worse(s, i, hs[p], hi[p])) break;
        hs[j] = hs[p];
        hi[j] = hi[p];
        j = p;
      }
      hs[j] = s;
      hi[j] = i;
    } else if (worse(hs[0], hi[0], s, i)) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && worse(hs[r], hi[r], hs[l], hi[l]) ? r : l;
        if (!worse(hs[m], hi[m], s, i)) break;
        hs[j] = hs[m];
        hi[j] = hi[m];
        j = m;
      }
      hs[j] = s;
      hi[j] = i;
    }
  }
  // Extract: sort heap contents best first.
  const idx = Array.from({ length: size }, (_, j) => j);
  idx.sort((a, b) => (hs[b] - hs[a]) || (hi[a] - hi[b]));
  for (let p = 0; p < k; p++) out[offset + p] = p < size ? hi[idx[p]] : -1;
  return size;
}
