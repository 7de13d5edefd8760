/**
 * What the beyond-accuracy metrics (PROTOCOL §4.1) know of the items besides
 * the lists: train popularity, the popular head, the IPS exponent, content
 * vectors and authors. Built once per run by the pipeline; the metrics only
 * read it.
 *
 * @module
 */

/** Sparse rows (CSR): row `i` holds `index[offsets[i] .. offsets[i+1])` with `value`s. */
export interface SparseRows {
  /** Row offsets (length rows + 1). */
  offsets: Int32Array;
  /** Column of each stored value. */
  index: Int32Array;
  /** The stored values. */
  value: Float32Array | Float64Array;
}

/** Sets of integer ids (CSR): item `i`'s are `ids[offsets[i] .. offsets[i+1])`, ascending. */
export interface IdSets {
  /** Row offsets (length items + 1). */
  offsets: Int32Array;
  /** The ids, ascending within a row. */
  ids: Int32Array;
}

/** Item-side inputs of the beyond-accuracy metrics. */
export interface ItemStats {
  /** `pop(i)`: distinct train users of item `i`. */
  pop: Int32Array;
  /** `N`: users with at least one train interaction. */
  trainUsers: number;
  /** 1 when item `i` is in `Head` (see {@linkcode headItems}). */
  head: Uint8Array;
  /** Exponent γ of the IPS weights `w(i) = share(i)^−γ`. */
  ipsGamma: number;
  /** Content vectors of the items (any scale: cosine normalises), or null without item metadata. */
  content: SparseRows | null;
  /** Author ids of the items, or null without item metadata. */
  authors: IdSets | null;
}

/**
 * `Head`: the most popular items (by `pop` descending, ties by `idRank`
 * ascending, the rank of the item's string id) that together hold `share` of
 * train interactions (`Σ pop`): the shortest such prefix, so the last head
 * item is the one whose addition reaches `share`. Items no train user saw are
 * never in it.
 *
 * @example
 * ```ts
 * import { headItems } from "./item_stats.ts";
 * // pop 5, 3, 1, 1 (total 10): item 0 holds 50%, items 0 and 1 hold 80% → Head = {0, 1}
 * const h = headItems(Int32Array.of(5, 3, 1, 1), Int32Array.of(0, 1, 2, 3));
 * if (h.join() !== "1,1,0,0") throw new Error(h.join());
 * ```
 */
export function headItems(pop: Int32Array, idRank: Int32Array, share = 0.8): Uint8Array {
  const head = new Uint8Array(pop.length);
  let total = 0;
  const seen: number[] = [];
  for (let i = 0; i < pop.length; i++) {
    if (pop[i] > 0) {
      total += pop[i];
      seen.push(i);
    }
  }
  seen.sort((a, b) => pop[b] - pop[a] || idRank[a] - idRank[b]);
  let held = 0;
  for (const i of seen) {
    if (held >= share * total) break;
    head[i] = 1;
    held += pop[i];
  }
  return head;
}

/**
 * `share(i) = pop(i) / N`, floored at `1 / N` (an item no train user saw
 * counts as seen by one).
 *
 * @example
 * ```ts
 * import { flooredShares } from "./item_stats.ts";
 * if (flooredShares(Int32Array.of(0, 2, 4), 4).join() !== "0.25,0.5,1") throw new Error();
 * ```
 */
export function flooredShares(pop: Int32Array, trainUsers: number): Float64Array {
  const out = new Float64Array(pop.length);
  for (let i = 0; i < pop.length; i++) out[i] = Math.max(pop[i], 1) / trainUsers;
  return out;
}
