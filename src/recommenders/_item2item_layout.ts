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

/** Options of the layout. */
export interface LayoutOptions {
  maxUserHistory: number;
  binary: boolean;
  damping: number;
}

/**
 * Builds the kernel's input for `data`, capping each user to the
 * `maxUserHistory` most recent rows. `binary` (Jaccard) ignores the weights.
 */
export function layoutNeighbours(data: TrainData, opts: LayoutOptions): NeighbourInput {
  const plan = planLayout(data, opts, [0, data.nUsers]);
  return finishLayout(data, opts, plan, [packUsers(packArgs(data, opts, plan, 0))]);
}

/**
 * {@linkcode layoutNeighbours} with its packing passes (2 and 3) spread over
 * `run`'s threads by user range, when every weight is a quarter (then Σ w²
 * is exact, and partial sums added in any order give the same bits);
 * otherwise the norms are summed in user order, on one range.
 */
export async function layoutNeighboursParallel(
  data: TrainData,
  opts: LayoutOptions,
  parts: number,
  run: (args: PackArgs[]) => Promise<PackResult[]>,
): Promise<NeighbourInput> {
  let plan = planLayout(data, opts, userSplits(data, opts.maxUserHistory, parts));
  if (!plan.exactNorms) plan = planLayout(data, opts, [0, data.nUsers]);
  const args = plan.splits.slice(0, -1).map((_, p) => packArgs(data, opts, plan, p));
  return finishLayout(data, opts, plan, await run(args));
}

/** User boundaries `[0, …, nUsers]` of `parts` ranges with about equal capped rows. */
function userSplits(data: TrainData, cap: number, parts: number): number[] {
  const { nUsers, userOffsets } = data;
  let total = 0;
  for (let u = 0; u < nUsers; u++) total += Math.min(cap, userOffsets[u + 1] - userOffsets[u]);
  const out = [0];
  let acc = 0;
  for (let u = 0; u < nUsers && out.length < parts; u++) {
    acc += Math.min(cap, userOffsets[u + 1] - userOffsets[u]);
    if (acc >= (total * out.length) / parts) out.push(u + 1);
  }
  out.push(nUsers);
  return out;
}

/** What pass 1 decides: sizes, ranks, the offsets every range writes at, the arrays to fill. */
interface LayoutPlan extends
  Pick<
    NeighbourInput,
    | "order"
    | "hist"
    | "histWeight"
    | "histStart"
    | "entryOffsets"
    | "entryUser"
    | "entryQ"
    | "entryWeight"
  > {
  integer: boolean;
  /** Every weight is a quarter in [0.25, 63.75]: Σ w² is exact in any order. */
  exactNorms: boolean;
  rows: number;
  splits: number[];
  /** Capped rows per item in each user range. */
  counts: Int32Array[];
  countInt: Int32Array;
  rank: Int32Array;
}

/** Pass 1: counts per item (per user range), history sizes, whether the integer path is exact. */
function planLayout(data: TrainData, opts: LayoutOptions, splits: number[]): LayoutPlan {
  const { nItems, nUsers, userOffsets, weight } = data;
  const item = data.train.item;
  const cap = opts.maxUserHistory;
  const countInt = new Int32Array(nItems);
  const counts: Int32Array[] = [];
  const histStart = bigSharedArray(Int32Array, nUsers + 1);
  let rows = 0, maxQ = 1, integer = nItems < 1 << 23;
  for (let p = 0; p + 1 < splits.length; p++) {
    const count = new Int32Array(nItems);
    for (let u = splits[p]; u < splits[p + 1]; u++) {
      histStart[u] = rows;
      const end = userOffsets[u + 1];
      const first = Math.max(userOffsets[u], end - cap);
      for (let r = first; r < end; r++) {
        count[item[r]]++;
        const q = weight[r] * 4;
        if (!(q >= 1 && q <= MAX_Q && q === Math.floor(q))) integer = false;
        else if (q > maxQ) maxQ = q;
      }
      rows += end - first;
    }
    for (let i = 0; i < nItems; i++) countInt[i] += count[i];
    counts.push(count);
  }
  histStart[nUsers] = rows;
  let maxCount = 0;
  for (let i = 0; i < nItems; i++) if (countInt[i] > maxCount) maxCount = countInt[i];
  const exactNorms = integer;
  if (opts.binary) (integer = nItems < 1 << 23), (maxQ = 1);
  if (maxQ * maxQ * maxCount > 0x7fffffff) integer = false;
  // Popularity ranks.
  const order = bigSharedArray(Int32Array, nItems);
  for (let i = 0; i < nItems; i++) order[i] = i;
  order.sort((a, b) => countInt[b] - countInt[a] || a - b);
  const rank = new Int32Array(nItems);
  for (let k = 0; k < nItems; k++) rank[order[k]] = k;
  const entryOffsets = bigSharedArray(Int32Array, nItems + 1);
  for (let i = 0; i < nItems; i++) entryOffsets[i + 1] = entryOffsets[i] + countInt[i];
  return {
    integer,
    exactNorms,
    rows,
    splits,
    counts,
    countInt,
    order,
    rank,
    hist: bigSharedArray(Int32Array, rows),
    histWeight: integer ? null : bigSharedArray(Float32Array, rows),
    histStart,
    entryOffsets,
    entryUser: bigSharedArray(Int32Array, rows),
    entryQ: bigSharedArray(Uint8Array, rows),
    entryWeight: integer ? null : bigSharedArray(Float32Array, rows),
  };
}

/** The arguments of {@linkcode packUsers} for user range `p` of `plan` (a task's, when threaded). */
export interface PackArgs {
  from: number;
  to: number;
  cap: number;
  binary: boolean;
  integer: boolean;
  userOffsets: Int32Array;
  item: Int32Array;
  weight: Float32Array;
  rank: Int32Array;
  order: Int32Array;
  /** Where range `p`'s first entry of each item goes. */
  fill: Int32Array;
  hist: Int32Array;
  histWeight: Float32Array | null;
  histStart: Int32Array;
  entryUser: Int32Array;
  entryQ: Uint8Array;
  entryWeight: Float32Array | null;
}

/** Partial sums of one user range. */
export interface PackResult {
  /** Σ w² per item over the range's users (in user order). */
  norm2: Float64Array;
  /** Pair visits per item over the range's users. */
  work: Float64Array;
}

function packArgs(data: TrainData, opts: LayoutOptions, plan: LayoutPlan, p: number): PackArgs {
  const fill = plan.entryOffsets.slice(0, data.nItems);
  for (let q = 0; q < p; q++) {
    const c = plan.counts[q];
    for (let i = 0; i < data.nItems; i++) fill[i] += c[i];
  }
  return {
    from: plan.splits[p],
    to: plan.splits[p + 1],
    cap: opts.maxUserHistory,
    binary: opts.binary,
    integer: plan.integer,
    userOffsets: data.userOffsets,
    item: data.train.item,
    weight: data.weight,
    rank: plan.rank,
    order: plan.order,
    fill,
    hist: plan.hist,
    histWeight: plan.histWeight,
    histStart: plan.histStart,
    entryUser: plan.entryUser,
    entryQ: plan.entryQ,
    entryWeight: plan.entryWeight,
  };
}

/**
 * Passes 2 and 3 for the users `a.from .. a.to-1` (a task): their packed
 * histories (`rank << 8 | q`), Σ w² per item in user order, and their
 * entries (users ascending within the range) at `a.fill`.
 */
export function packUsers(a: PackArgs): PackResult {
  const { userOffsets, item, weight, rank, order, fill, hist, histWeight, histStart } = a;
  const { entryUser, entryQ, entryWeight } = a;
  const nItems = rank.length;
  const norm2 = new Float64Array(nItems);
  const work = new Float64Array(nItems);
  let p = histStart[a.from];
  for (let u = a.from; u < a.to; u++) {
    const end = userOffsets[u + 1];
    for (let r = Math.max(userOffsets[u], end - a.cap); r < end; r++, p++) {
      const i = item[r], w = weight[r];
      norm2[i] += w * w;
      if (a.integer) hist[p] = (rank[i] << 8) | (a.binary ? 1 : w * 4);
      else (hist[p] = rank[i] << 8), (histWeight![p] = a.binary ? 1 : w);
    }
  }
  for (let u = a.from; u < a.to; u++) {
    const s = histStart[u], t = histStart[u + 1];
    for (let h = s; h < t; h++) {
      const i = order[hist[h] >> 8];
      const e = fill[i]++;
      entryUser[e] = u;
      entryQ[e] = hist[h] & 0xff;
      if (entryWeight) entryWeight[e] = histWeight![h];
      work[i] += t - s;
    }
  }
  return { norm2, work };
}

/** The kernel's input from the plan and the ranges' partial sums. */
function finishLayout(
  data: TrainData,
  opts: LayoutOptions,
  plan: LayoutPlan,
  parts: PackResult[],
): NeighbourInput {
  const { nItems } = data;
  const { countInt, order } = plan;
  const norm = bigSharedArray(Float64Array, nItems);
  const work = bigSharedArray(Float64Array, nItems);
  for (const part of parts) {
    for (let i = 0; i < nItems; i++) {
      norm[i] += part.norm2[i];
      work[i] += part.work[i];
    }
  }
  for (let i = 0; i < nItems; i++) norm[i] = Math.sqrt(norm[i]);
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
    hist: plan.hist,
    histWeight: plan.histWeight,
    histStart: plan.histStart,
    entryOffsets: plan.entryOffsets,
    entryUser: plan.entryUser,
    entryQ: plan.entryQ,
    entryWeight: plan.entryWeight,
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
