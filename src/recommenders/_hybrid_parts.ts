/**
 * Building blocks of `hybrid`: the feature table, per-item static features,
 * and author/series group indices that answer "does item `i` share an author
 * (series) with the current user's history, and with which history item?".
 *
 * @module
 */
import type { TrainData } from "./types.ts";

/** Features of the hybrid's linear rankers, in this order. */
export const FEATURES = [
  "cf",
  "content",
  "popularity",
  "trending",
  "newness",
  "sameAuthor",
  "sameSeries",
] as const;

/** One feature name. */
export type FeatureName = typeof FEATURES[number];

/** Number of features. */
export const NF = FEATURES.length;

/** Features the cheap pre-rank uses (the first five: no history lookups). */
export const PRE_FEATURES = ["cf", "content", "popularity", "trending", "newness"] as const;

/** Number of pre-rank features. */
export const NPRE = PRE_FEATURES.length;

/** A weight vector as a table, e.g. `{ cf: 1, content: 0.5 }`. */
export type Weights<K extends string> = Record<K, number>;

/** Static per-item features in [0, 1]. */
export interface ItemFeatures {
  /** `log(1 + users) / log(1 + max users)` over all of train. */
  popularity: Float32Array;
  /** The same over the trending window. */
  trending: Float32Array;
  /** `1 − position / n` in the newest-first order (0 outside the catalog). */
  newness: Float32Array;
}

/**
 * Log-scaled share of the maximum: `log1p(c_i) / log1p(max c)`.
 *
 * @example
 * ```ts
 * import { logScaled } from "./_hybrid_parts.ts";
 * if (logScaled(Float64Array.of(0, 3, 1)).join() !== "0,1,0.5") throw new Error();
 * ```
 */
export function logScaled(count: Float64Array): Float32Array {
  let max = 0;
  for (const c of count) max = Math.max(max, c);
  const out = new Float32Array(count.length);
  if (max > 0) {
    for (let i = 0; i < count.length; i++) out[i] = Math.log1p(count[i]) / Math.log1p(max);
  }
  return out;
}

/** Newness from a newest-first order over `nItems` items. */
export function newnessOf(order: Int32Array, nItems: number): Float32Array {
  const out = new Float32Array(nItems);
  for (let p = 0; p < order.length; p++) out[order[p]] = 1 - p / order.length;
  return out;
}

/**
 * Items → groups (authors or series) as int ids, with two per-user stamps:
 * `mark(u)` then `match(i)` = the most recent history item sharing a group
 * with `i` (or -1); `resetCounts()` then `fits(i, cap)` / `count(i)` for the
 * at-most-`cap`-per-group rule of a list.
 *
 * @example
 * ```ts
 * import { GroupIndex } from "./_hybrid_parts.ts";
 * import type { TrainData } from "./types.ts";
 * const g = GroupIndex.build([["a1"], ["a2"], ["a1", "a3"]], 3);
 * const data = { userOffsets: Int32Array.of(0, 1), train: { item: Int32Array.of(0) } } as unknown as TrainData;
 * g.mark(data, 0);
 * if (g.match(2) !== 0 || g.match(1) !== -1) throw new Error("match");
 * g.resetCounts();
 * g.count(0);
 * if (g.fits(2, 1) || !g.fits(1, 1)) throw new Error("cap");
 * ```
 */
export class GroupIndex {
  readonly #markStamp: Int32Array;
  /** Train row of the most recent history item in the group (rows grow with time per user). */
  readonly #sourceRow: Int32Array;
  readonly #countStamp: Int32Array;
  readonly #count: Int32Array;
  #mark = 0;
  #list = 0;
  #data: TrainData | null = null;

  private constructor(
    readonly offsets: Int32Array,
    readonly ids: Int32Array,
    readonly nGroups: number,
  ) {
    this.#markStamp = new Int32Array(nGroups);
    this.#sourceRow = new Int32Array(nGroups);
    this.#countStamp = new Int32Array(nGroups);
    this.#count = new Int32Array(nGroups);
  }

  /** Group ids numbered by first appearance in item order; "" names are ignored. */
  static build(lists: string[][] | null, nItems: number): GroupIndex {
    const dict = new Map<string, number>();
    const offsets = new Int32Array(nItems + 1);
    const ids: number[] = [];
    for (let i = 0; i < nItems; i++) {
      const start = ids.length;
      for (const name of lists?.[i] ?? []) {
        if (name === "") continue;
        let id = dict.get(name);
        if (id === undefined) dict.set(name, id = dict.size);
        if (ids.indexOf(id, start) < 0) ids.push(id);
      }
      offsets[i + 1] = ids.length;
    }
    return new GroupIndex(offsets, Int32Array.from(ids), dict.size);
  }

  /** Marks the groups of `u`'s train items. */
  mark(data: TrainData, u: number): void {
    this.#mark++;
    this.#data = data;
    const { userOffsets, train } = data;
    for (let r = userOffsets[u]; r < userOffsets[u + 1]; r++) {
      const i = train.item[r];
      for (let p = this.offsets[i]; p < this.offsets[i + 1]; p++) {
        this.#markStamp[this.ids[p]] = this.#mark;
        this.#sourceRow[this.ids[p]] = r;
      }
    }
  }

  /** The most recent history item sharing a group with `i`, or -1. */
  match(i: number): number {
    let row = -1;
    for (let p = this.offsets[i]; p < this.offsets[i + 1]; p++) {
      const g = this.ids[p];
      if (this.#markStamp[g] === this.#mark && this.#sourceRow[g] > row) row = this.#sourceRow[g];
    }
    return row < 0 ? -1 : this.#data!.train.item[row];
  }

  /** Starts counting list members per group for a new list. */
  resetCounts(): void {
    this.#list++;
  }

  /** True when adding `i` keeps every group of `i` at or under `cap` list members. */
  fits(i: number, cap: number): boolean {
    for (let p = this.offsets[i]; p < this.offsets[i + 1]; p++) {
      const g = this.ids[p];
      if (this.#countStamp[g] === this.#list && this.#count[g] >= cap) return false;
    }
    return true;
  }

  /** Counts `i` in each of its groups. */
  count(i: number): void {
    for (let p = this.offsets[i]; p < this.offsets[i + 1]; p++) {
      const g = this.ids[p];
      if (this.#countStamp[g] !== this.#list) {
        this.#countStamp[g] = this.#list;
        this.#count[g] = 0;
      }
      this.#count[g]++;
    }
  }
}
