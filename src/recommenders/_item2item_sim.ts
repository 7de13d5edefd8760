/**
 * Item–item similarity with top-N neighbours per item, from the weighted
 * interactions over each user's capped history.
 *
 * With `w_ui` the PROTOCOL §1 weight of user `u` on item `i` (0 when absent),
 * `C_ij = Σ_u w_ui·w_uj`, `‖i‖ = sqrt(Σ_u w_ui²)`, `n_i = |{u : w_ui > 0}|`,
 * `n_ij = |{u : w_ui > 0, w_uj > 0}|` (all over capped histories):
 * - `cosine`:  `s(i, j) = C_ij / (‖i‖·‖j‖ + shrink)`
 * - `jaccard`: `s(i, j) = n_ij / (n_i + n_j − n_ij + shrink)` (binary, ignores weights)
 * - `damped`:  `s(i, j) = cosine(i, j) · n_j^(−damping)` (popular neighbours damped)
 *
 * Only catalog items are kept as neighbours; ties go to the lower index.
 *
 * Kernel (one row `i` at a time, on the layout of `_item2item_layout.ts`):
 * for each user `u` of `i`, walk `u`'s capped history and add `q_ui·q_uj`
 * into an Int32 accumulator indexed by popularity rank (the hot items share
 * cache lines), four users' walks zipped, listing each newly touched rank
 * without a branch; then one
 * pass over the touched ranks computes `s(i, j)`, keeps the top N in a small
 * heap (a candidate that cannot beat the heap's worst is dropped by a
 * multiplication before any division) and zeroes the accumulator. The sums
 * are exact (see the layout), so the neighbours equal a plain Float64
 * computation bit for bit.
 *
 * Cost: time `O(Σ_u min(n_u, M)² + Σ_i t_i)` where `M = maxUserHistory` and
 * `t_i` = items co-occurring with `i` (every co-occurring pair is visited once
 * per user who has both); memory `O(nnz + nItems·N)`. At Goodreads-YA size
 * (35M rows, 93k items, M = 200) that is 2.4·10⁹ pair visits and 7·10⁸
 * touched items; the walk over user histories is bound by memory latency
 * (a few ns per visit), and `itemNeighboursParallel` spreads rows over
 * cores. Lowering `M` cuts the cost quadratically, for heavy users only.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import type { Csr } from "./_sparse.ts";
import { layoutNeighbours, type LayoutOptions, type NeighbourInput } from "./_item2item_layout.ts";

export type { NeighbourInput } from "./_item2item_layout.ts";

/** Similarity measures of `item2item`. */
export type Similarity = "cosine" | "jaccard" | "damped";

/** Options of {@linkcode itemNeighbours}. */
export interface NeighbourOptions {
  /** @default "cosine" */
  similarity: Similarity;
  /** Neighbours kept per item. @default 100 */
  neighbours: number;
  /** Most recent rows per user used for co-occurrence. @default 200 */
  maxUserHistory: number;
  /** Added to the denominator, damping pairs with little support. @default 10 */
  shrink: number;
  /** Exponent of the popularity damping (`damped` only). @default 0.5 */
  damping: number;
}

/**
 * Top-N neighbour CSR: row `i` holds the neighbours of `i`, best first, with
 * their similarity.
 *
 * @example
 * ```ts
 * import { itemNeighbours } from "./_item2item_sim.ts";
 * import type { TrainData } from "./types.ts";
 * // user 0 read items 0 and 1, user 1 read items 0, 1, 2
 * const rows = { user: Int32Array.of(0, 0, 1, 1, 1), item: Int32Array.of(0, 1, 0, 1, 2),
 *   ts: Float64Array.of(1, 2, 1, 2, 3), rating: new Uint8Array(5), isRead: new Uint8Array(5) };
 * const data: TrainData = { nUsers: 2, nItems: 3, train: rows, userOffsets: Int32Array.of(0, 2, 5),
 *   weight: new Float32Array(5).fill(1), userIds: ["a", "b"], itemIds: ["x", "y", "z"], items: null,
 *   catalog: new Uint8Array(3).fill(1), splitTime: 9 };
 * const nb = itemNeighbours(data, { similarity: "jaccard", neighbours: 5, maxUserHistory: 10, shrink: 0, damping: 0 });
 * // item 0: item 1 (2/2 = 1), item 2 (1/2 = 0.5)
 * if (nb.index.slice(0, 2).join() !== "1,2" || nb.value.slice(0, 2).join() !== "1,0.5") throw new Error();
 * ```
 */
export function itemNeighbours(data: TrainData, opts: NeighbourOptions): Csr {
  return neighbourRange(prepareNeighbours(data, opts), opts, 0, data.nItems);
}

/** The kernel's input for `data` (the shared, O(nnz) part). */
export function prepareNeighbours(data: TrainData, opts: NeighbourOptions): NeighbourInput {
  return layoutNeighbours(data, layoutOptions(opts));
}

/** The layout's options for `opts`. */
export function layoutOptions(opts: NeighbourOptions): LayoutOptions {
  return {
    maxUserHistory: opts.maxUserHistory,
    binary: opts.similarity === "jaccard",
    damping: opts.damping,
  };
}

/** Neighbour rows of items `from .. to-1` (a CSR whose row 0 is item `from`). */
export function neighbourRange(
  k: NeighbourInput,
  opts: NeighbourOptions,
  from: number,
  to: number,
): Csr {
  const n = to - from;
  const offsets = new Int32Array(n + 1);
  let index = new Int32Array(Math.min(n * opts.neighbours, 1 << 20));
  let value = new Float32Array(index.length);
  const heap = { score: new Float64Array(opts.neighbours), item: new Int32Array(opts.neighbours) };
  const touched = new Int32Array(k.nItems);
  const accInt = k.histWeight ? null : new Int32Array(k.nItems);
  const accFloat = k.histWeight ? new Float64Array(k.nItems) : null;
  for (let i = from; i < to; i++) {
    const nTouched = accInt
      ? accumulateInt(k, i, accInt, touched)
      : accumulateFloat(k, i, accFloat!, touched);
    const got = selectRow(k, opts, heap, i, accInt ?? accFloat!, touched, nTouched);
    const at = offsets[i - from];
    if (at + got > index.length) {
      const grown = Math.max(at + got, index.length * 2);
      index = grow(index, new Int32Array(grown));
      value = grow(value, new Float32Array(grown));
    }
    writeRow(heap, got, index, value, at);
    offsets[i - from + 1] = at + got;
  }
  return { offsets, index: index.slice(0, offsets[n]), value: value.slice(0, offsets[n]) };
}

function grow<T extends Int32Array | Float32Array>(a: T, into: T): T {
  into.set(a as never);
  return into;
}

/**
 * Adds `q_ui·q_uj` over the users `u` of item `i` into `acc` (by rank) and
 * lists the ranks that were zero before in `touched`; returns their count.
 * Users are walked four at a time, zipped, so that the memory system fetches
 * four histories at once (the walk is bound by memory latency: at full YA
 * scale 2 zipped walks are 25–30 % faster than 1, and 4 another ~14 %);
 * integer sums do not depend on the order of the additions.
 */
function accumulateInt(k: NeighbourInput, i: number, acc: Int32Array, touched: Int32Array): number {
  const { hist, histStart, entryUser, entryQ } = k;
  let n = 0;
  let e = k.entryOffsets[i];
  const last = k.entryOffsets[i + 1];
  for (; e + 3 < last; e += 4) {
    const u1 = entryUser[e], u2 = entryUser[e + 1], u3 = entryUser[e + 2], u4 = entryUser[e + 3];
    const q1 = entryQ[e], q2 = entryQ[e + 1], q3 = entryQ[e + 2], q4 = entryQ[e + 3];
    let h1 = histStart[u1], h2 = histStart[u2], h3 = histStart[u3], h4 = histStart[u4];
    const e1 = histStart[u1 + 1], e2 = histStart[u2 + 1];
    const e3 = histStart[u3 + 1], e4 = histStart[u4 + 1];
    const stop = h1 + Math.min(e1 - h1, e2 - h2, e3 - h3, e4 - h4);
    for (; h1 < stop; h1++, h2++, h3++, h4++) {
      const x1 = hist[h1], j1 = x1 >> 8, a1 = acc[j1];
      touched[n] = j1;
      n += (a1 - 1) >>> 31;
      acc[j1] = a1 + q1 * (x1 & 0xff);
      const x2 = hist[h2], j2 = x2 >> 8, a2 = acc[j2];
      touched[n] = j2;
      n += (a2 - 1) >>> 31;
      acc[j2] = a2 + q2 * (x2 & 0xff);
      const x3 = hist[h3], j3 = x3 >> 8, a3 = acc[j3];
      touched[n] = j3;
      n += (a3 - 1) >>> 31;
      acc[j3] = a3 + q3 * (x3 & 0xff);
      const x4 = hist[h4], j4 = x4 >> 8, a4 = acc[j4];
      touched[n] = j4;
      n += (a4 - 1) >>> 31;
      acc[j4] = a4 + q4 * (x4 & 0xff);
    }
    n = walk(hist, acc, touched, n, q1, h1, e1);
    n = walk(hist, acc, touched, n, q2, h2, e2);
    n = walk(hist, acc, touched, n, q3, h3, e3);
    n = walk(hist, acc, touched, n, q4, h4, e4);
  }
  for (; e < last; e++) {
    const u = entryUser[e];
    n = walk(hist, acc, touched, n, entryQ[e], histStart[u], histStart[u + 1]);
  }
  return n;
}

/**
 * Adds `q·q_j` for the history rows `h .. end-1` into `acc`, appending newly
 * touched ranks to `touched` from `n` on: `touched[n]` is written at every
 * visit and `n` advances only when the accumulator was zero (`(a − 1) >>> 31`
 * is 1 exactly for a = 0), so there is no branch to mispredict. Returns the
 * new count.
 */
function walk(
  hist: Int32Array,
  acc: Int32Array,
  touched: Int32Array,
  n: number,
  q: number,
  h: number,
  end: number,
): number {
  for (; h < end; h++) {
    const x = hist[h], j = x >> 8, a = acc[j];
    touched[n] = j;
    n += (a - 1) >>> 31;
    acc[j] = a + q * (x & 0xff);
  }
  return n;
}

/** {@linkcode accumulateInt} on Float64 sums of the Float32 weights (positive products only). */
function accumulateFloat(
  k: NeighbourInput,
  i: number,
  acc: Float64Array,
  touched: Int32Array,
): number {
  const { hist, histWeight, histStart, entryUser, entryWeight } = k;
  let n = 0;
  for (let e = k.entryOffsets[i], last = k.entryOffsets[i + 1]; e < last; e++) {
    const u = entryUser[e], wi = entryWeight![e];
    for (let h = histStart[u], end = histStart[u + 1]; h < end; h++) {
      const add = wi * histWeight![h];
      if (!(add > 0)) continue;
      const j = hist[h] >> 8;
      if (acc[j] === 0) touched[n++] = j;
      acc[j] += add;
    }
  }
  return n;
}

/** A row's top N by (similarity desc, item id asc): a binary min-heap, worst at the root. */
interface Heap {
  score: Float64Array;
  item: Int32Array;
}

/**
 * Scores the `nTouched` ranks of `touched` for row `i` (zeroing `acc` on the
 * way) and keeps the best `heap.score.length` in `heap`; returns how many
 * were kept.
 */
function selectRow(
  k: NeighbourInput,
  opts: NeighbourOptions,
  heap: Heap,
  i: number,
  acc: Int32Array | Float64Array,
  touched: Int32Array,
  nTouched: number,
): number {
  const { order, normByRank, countByRank, catalogByRank, dampByRank } = k;
  const unit = k.histWeight ? 1 : k.unit;
  const shrink = opts.shrink, cap = opts.neighbours;
  const kind = opts.similarity === "jaccard" ? 1 : opts.similarity === "damped" ? 2 : 0;
  const ni = k.norm[i], ci = k.count[i];
  const hs = heap.score, hi = heap.item;
  let size = 0;
  let worst = -Infinity; // the root once the heap is full
  for (let t = 0; t < nTouched; t++) {
    const r = touched[t];
    const c = acc[r] * unit;
    acc[r] = 0;
    // s = c / d (cosine, jaccard) or c / d · f (damped); f ≥ 0, d > 0.
    const d = kind === 1 ? ci + countByRank[r] - c + shrink : ni * normByRank[r] + shrink;
    const f = kind === 2 ? dampByRank[r] : 1;
    if (c * f < worst * d * NOT_ABOVE) continue; // certainly below the worst kept
    const j = order[r];
    if (j === i || catalogByRank[r] === 0) continue;
    const s = kind === 2 ? c / d * f : c / d;
    if (size < cap) {
      let x = size++;
      while (x > 0) {
        const p = (x - 1) >> 1;
        if (!(s < hs[p] || (s === hs[p] && j > hi[p]))) break;
        hs[x] = hs[p];
        hi[x] = hi[p];
        x = p;
      }
      hs[x] = s;
      hi[x] = j;
      if (size === cap) worst = hs[0];
    } else if (hs[0] < s || (hs[0] === s && hi[0] > j)) {
      let x = 0;
      for (;;) {
        const l = 2 * x + 1;
        if (l >= size) break;
        const m = l + 1 < size && (hs[l + 1] < hs[l] || (hs[l + 1] === hs[l] && hi[l + 1] > hi[l]))
          ? l + 1
          : l;
        if (!(hs[m] < s || (hs[m] === s && hi[m] > j))) break;
        hs[x] = hs[m];
        hi[x] = hi[m];
        x = m;
      }
      hs[x] = s;
      hi[x] = j;
      worst = hs[0];
    }
  }
  return size;
}

/** Writes the `size` kept neighbours of `heap`, best first, at `at`. */
function writeRow(heap: Heap, size: number, index: Int32Array, value: Float32Array, at: number) {
  const hs = heap.score, hi = heap.item;
  const idx = Array.from({ length: size }, (_, q) => q);
  idx.sort((a, b) => (hs[b] - hs[a]) || (hi[a] - hi[b]));
  for (let q = 0; q < size; q++) {
    index[at + q] = hi[idx[q]];
    value[at + q] = hs[idx[q]];
  }
}

/**
 * Margin of the multiplication-only pre-test: `c·f < worst·d·(1 − 10⁻⁹)`
 * implies `c/d·f < worst` despite rounding (errors are ~10⁻¹⁶ relative), so
 * only candidates that could tie or beat the heap's worst get divided.
 */
const NOT_ABOVE = 1 - 1e-9;
