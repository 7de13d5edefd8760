/**
 * The memory layout the item–item neighbour kernel runs on
 * (`_item2item_sim.ts`), built once per fit in O(nnz) and shared read-only by
 * the kernel's workers (every array lives in a SharedArrayBuffer).
 *
 * - Items are **ranked by popularity** (users in the capped histories,
 *   descending; ties to the lower id). The kernel's accumulator is indexed
 *   by rank, so the items most visits land on share a few cache lines.
 * - Capped histories (each user's `maxUserHistory` most recent train rows),
 *   user after user, as one Int32 per row: `rank << 8 | q`.
 * - **Integer weights.** PROTOCOL §1 weights are quarters (`1 + 0.25·rating
 *   + 0.5·is_read`), so `q = 4w` is a small integer and `C_ij = Σ_u w_ui·w_uj
 *   = (Σ_u q_ui·q_uj) / 16` accumulates exactly in Int32 — and equals the
 *   Float64 sum of the products bit for bit (every partial sum is a multiple
 *   of 1/16 below 2^53/16, so no Float64 addition rounds). Jaccard counts
 *   with `q = 1`. When some weight is not a quarter in [0.25, 63.75], or the
 *   largest possible sum `max q² · max n_i` would not fit in Int32, the
 *   layout falls back to Float64 sums of the Float32 weights (`histWeight`,
 *   `entryWeight`), added in the same order as the integer path visits.
 * - Per item, its **entries**: the users having it in their capped history
 *   (ascending), with the item's own `q` (or weight) in that user's history.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import { bigSharedArray } from "../big_buffer.ts";

/** Sizes and arrays of the kernel's input (see the module doc). */
export interface NeighbourInput {
  nItems: number;
  /** `order[rank]` = item id; items by descending capped-history count, ties to the lower id. */
  order: Int32Array;
  /** Capped histories in rank space, user after user: `rank << 8 | q` (q = 0 on the float path). */
  hist: Int32Array;
  /** Float path only: the weight of each `hist` row; null on the integer path. */
  histWeight: Float32Array | null;
  /** First `hist` row of each user (`nUsers + 1` offsets). */
  histStart: Int32Array;
  /** Entries of item `i`: `entryOffsets[i] .. entryOffsets[i+1]-1`. */
  entryOffsets: Int32Array;
  /** The entry's user. */
  entryUser: Int32Array;
  /** The item's own `q` in the entry's user history (integer path; 0 on the float path). */
  entryQ: Uint8Array;
  /** Float path only: the item's own weight per entry. */
  entryWeight: Float32Array | null;
  /** What an accumulated integer sum is multiplied by to give `C_ij` (1/16, or 1 for counts). */
  unit: number;
  /** ‖i‖ = sqrt(Σ_u w_ui²) and n_i per item id (capped histories). */
  norm: Float64Array;
  count: Float64Array;
  /** The same per rank, the catalog flag per rank, and `n_j^(−damping)` per rank. */
  normByRank: Float64Array;
  countByRank: Float64Array;
  catalogByRank: Uint8Array;
  dampByRank: Float64Array;
  /** Pair visits of each item's row: Σ over its entries of the user's capped history length. */
  work: Float64Array;
}

/** Largest per-row weight code `q` on the integer path (8 bits of `hist`). */
const MAX_Q = 255;

/**
 * Builds the kernel's input for `data`, capping each user to the
 * `maxUserHistory` most recent rows. `binary` (Jaccard) ignores the weights.
 */
export function layoutNeighbours(
  data: TrainData,
  opts: { maxUserHistory: number; binary: boolean; damping: number },
): NeighbourInput {
  const { nItems, nUsers, userOffsets, weight } = data;
  const item = data.train.item;
  const cap = opts.maxUserHistory;
  const first = (u: number) => Math.max(userOffsets[u], userOffsets[u + 1] - cap);
  // Pass 1: counts per item, history size, and whether the integer path is exact.
  const countInt = new Int32Array(nItems);
  let rows = 0, maxQ = 1, integer = nItems < 1 << 23;
  for (let u = 0; u < nUsers; u++) {
    const end = userOffsets[u + 1];
    for (let r = first(u); r < end; r++) {
      countInt[item[r]]++;
      const q = weight[r] * 4;
      if (!(q >= 1 && q <= MAX_Q && q === Math.floor(q))) integer = false;
      else if (q > maxQ) maxQ = q;
    }
    rows += end - first(u);
  }
  let maxCount = 0;
  for (let i = 0; i < nItems; i++) if (countInt[i] > maxCount) maxCount = countInt[i];
  if (opts.binary) (integer = nItems < 1 << 23), (maxQ = 1);
  if (maxQ * maxQ * maxCount > 0x7fffffff) integer = false;
  // Popularity ranks.
  const order = bigSharedArray(Int32Array, nItems);
  for (let i = 0; i < nItems; i++) order[i] = i;
  order.sort((a, b) => countInt[b] - countInt[a] || a - b);
  const rank = new Int32Array(nItems);
  for (let k = 0; k < nItems; k++) rank[order[k]] = k;
  // Pass 2: packed histories and norms (Σ w² in user order, as a Float64).
  const hist = bigSharedArray(Int32Array, rows);
  const histWeight = integer ? null : bigSharedArray(Float32Array, rows);
  const histStart = bigSharedArray(Int32Array, nUsers + 1);
  const norm = bigSharedArray(Float64Array, nItems);
  let p = 0;
  for (let u = 0; u < nUsers; u++) {
    histStart[u] = p;
    const end = userOffsets[u + 1];
    for (let r = first(u); r < end; r++, p++) {
      const i = item[r], w = weight[r];
      norm[i] += w * w;
      if (integer) hist[p] = (rank[i] << 8) | (opts.binary ? 1 : w * 4);
      else (hist[p] = rank[i] << 8), (histWeight![p] = opts.binary ? 1 : w);
    }
  }
  histStart[nUsers] = p;
  for (let i = 0; i < nItems; i++) norm[i] = Math.sqrt(norm[i]);
  // Pass 3: entries per item (users ascending), by counting sort.
  const entryOffsets = bigSharedArray(Int32Array, nItems + 1);
  for (let i = 0; i < nItems; i++) entryOffsets[i + 1] = entryOffsets[i] + countInt[i];
  const fill = entryOffsets.slice(0, nItems);
  const entryUser = bigSharedArray(Int32Array, rows);
  const entryQ = bigSharedArray(Uint8Array, rows);
  const entryWeight = integer ? null : bigSharedArray(Float32Array, rows);
  const work = bigSharedArray(Float64Array, nItems);
  for (let u = 0; u < nUsers; u++) {
    const a = histStart[u], b = histStart[u + 1];
    for (let h = a; h < b; h++) {
      const i = order[hist[h] >> 8];
      const e = fill[i]++;
      entryUser[e] = u;
      entryQ[e] = hist[h] & 0xff;
      if (entryWeight) entryWeight[e] = histWeight![h];
      work[i] += b - a;
    }
  }
  const count = bigSharedArray(Float64Array, nItems);
  const normByRank = bigSharedArray(Float64Array, nItems);
  const countByRank = bigSharedArray(Float64Array, nItems);
  const catalogByRank = bigSharedArray(Uint8Array, nItems);
  const dampByRank = bigSharedArray(Float64Array, nItems);
  for (let k = 0; k < nItems; k++) {
    const i = order[k];
    count[i] = countByRank[k] = countInt[i];
    normByRank[k] = norm[i];
    catalogByRank[k] = data.catalog[i];
    dampByRank[k] = Math.pow(countInt[i], -opts.damping);
  }
  return {
    nItems,
    order,
    hist,
    histWeight,
    histStart,
    entryOffsets,
    entryUser,
    entryQ,
    entryWeight,
    unit: opts.binary ? 1 : 1 / 16,
    norm,
    count,
    normByRank,
    countByRank,
    catalogByRank,
    dampByRank,
    work,
  };
}
